package org.autosync.distribution;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.autosync.api.trigger.TriggerConfig;
import org.autosync.host.AutoSyncService;
import org.autosync.host.controller.ControllerEvent;
import org.autosync.host.controller.ControllerSettings;
import org.autosync.host.controller.MaSettings;
import org.autosync.host.plugins.PluginHost;
import org.autosync.host.trigger.TriggerSpec;
import org.autosync.lab.ChangeNotificationEmulator;
import org.autosync.testkit.FakeEngine;
import org.autosync.testkit.RunGate;
import org.autosync.testkit.RunRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built-in ad-notify trigger, loaded from its plugin ZIP, feeding the real controller: a burst
 * of changes while an import runs becomes exactly one more import after it - nothing is dropped,
 * nothing runs twice for the same burst.
 */
class DirectoryTriggerControllerTest {

  @TempDir Path work;

  @Test
  void a_burst_during_a_running_import_queues_exactly_one_more_import() throws Exception {
    InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig("dc=corp");
    config.setListenerConfigs(InMemoryListenerConfig.createLDAPConfig("ldap",
        InetAddress.getLoopbackAddress(), 0, null));
    ChangeNotificationEmulator emulator = ChangeNotificationEmulator.install(config);
    InMemoryDirectoryServer server = new InMemoryDirectoryServer(config);
    emulator.attach(server);
    server.add(new Entry("dc=corp", new Attribute("objectClass", "top", "domain")));
    server.add(new Entry("cn=ann,dc=corp", new Attribute("objectClass", "person"),
        new Attribute("cn", "ann"), new Attribute("sn", "Lee")));
    server.startListening();
    FakeEngine engine = FakeEngine.builder().ma("AD", ma -> ma.category("AD").standardProfiles())
        .build();
    try (PluginHost plugins = PluginHost.start(Installation.pluginsFolder(work));
        LDAPConnection writer = server.getConnection()) {
      TriggerSpec notify = new TriggerSpec(plugins.triggerTypes().get("ad-notify"),
          new TriggerConfig("ad-changes", "ad-notify", "AD", Map.of(
              "hosts", "127.0.0.1:" + server.getListenPort(), "baseDn", "dc=corp")));
      AutoSyncService service = AutoSyncService.builder(engine,
          ControllerSettings.defaults().withMa(MaSettings.enabled("AD")), work.resolve("state"))
          .triggers(List.of(notify)).build();
      try {
        // the catch-up import at connect: hold it, as a long import would run
        RunGate first = engine.onRun("AD", "DI").blockUntilReleased();
        service.start();
        first.awaitStarted();
        await().atMost(Duration.ofSeconds(20)).until(() -> emulator.watcherCount() == 1);
        for (int i = 0; i < 5; i++) {
          writer.modify("cn=ann,dc=corp",
              new Modification(ModificationType.REPLACE, "description", "burst " + i));
        }
        // all five changes fired (after the catch-up) and coalesced into one queued import
        // behind the running one
        await().atMost(Duration.ofSeconds(20)).until(() -> service.controller().events().recent()
            .stream().filter(e -> e.type() == ControllerEvent.Type.TRIGGER_FIRED).count() == 6);
        await().atMost(Duration.ofSeconds(20)).until(() -> service.controller().events().recent()
            .stream().filter(e -> e.type() == ControllerEvent.Type.REQUEST_COALESCED).count() == 4);
        assertEquals(1, service.controller().status("AD").queue().size());
        first.release();
        await().atMost(Duration.ofSeconds(20)).until(() -> service.controller().isQuiet());
        List<String> imports = engine.runs().stream().filter(r -> r.ma().equals("AD"))
            .map(RunRecord::profile).filter(p -> p.startsWith("DI")).toList();
        assertEquals(2, imports.size(), engine.runs().toString());
      } finally {
        service.close();
      }
    } finally {
      emulator.close();
    }
  }
}
