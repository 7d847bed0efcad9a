package org.autosync.trigger.directory;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.autosync.api.ExecutionRequest;
import org.autosync.api.engine.ManagementAgent;
import org.autosync.api.trigger.TriggerHealth;
import org.autosync.testkit.FakeEngine;
import org.autosync.testkit.ManualClock;
import org.autosync.testkit.RunningTrigger;
import org.autosync.testkit.TriggerTestKit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The ldap-psearch trigger against an in-memory directory with emulated persistent search. */
class PersistentSearchTriggerTest {

  private static final ManagementAgent DS = FakeEngine.builder()
      .ma("DS", ma -> ma.standardProfiles().partitions("default"))
      .build().managementAgents().getFirst();
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final String BOB = "CN=Bob," + NotifyingServer.PEOPLE;

  private NotifyingServer ldap;

  @BeforeEach
  void startServer() throws LDAPException {
    ldap = new NotifyingServer();
  }

  @AfterEach
  void stopServer() {
    ldap.close();
  }

  private RunningTrigger start(Map<String, String> extra) {
    Map<String, String> values = new HashMap<>(Map.of("hosts", ldap.hosts(),
        "baseDn", NotifyingServer.PEOPLE));
    values.putAll(extra);
    RunningTrigger running = TriggerTestKit.forFactory(new PersistentSearchTriggerFactory())
        .clock(new ManualClock(ManualClock.DEFAULT_START)).start(values, DS);
    assertEquals(TriggerHealth.State.HEALTHY, Steps.awaitSettled(running).state());
    await().atMost(WAIT).until(() -> ldap.emulator.watcherCount() == 1);
    return running;
  }

  private static String detail(ExecutionRequest request) {
    return request.source().detail();
  }

  @Test
  void each_kind_of_change_fires_with_its_entry_change_notification() throws LDAPException {
    try (RunningTrigger running = start(Map.of())) {
      assertEquals("catch-up: connected to ldap://127.0.0.1:" + ldap.port(),
          detail(running.context().fired().getFirst()));
      ldap.writer().add(NotifyingServer.user(BOB, "Clerk"));
      ldap.modify(BOB, "title", "Engineer");
      ldap.writer().modifyDN(BOB, "CN=Robert", true);
      ldap.writer().delete("CN=Robert," + NotifyingServer.PEOPLE);
      List<ExecutionRequest> fired = running.context().awaitFired(5, WAIT);
      assertEquals(List.of("add '" + BOB + "'", "modify '" + BOB + "'",
          "moddn 'CN=Robert," + NotifyingServer.PEOPLE + "' (was '" + BOB + "')",
          "delete 'CN=Robert," + NotifyingServer.PEOPLE + "'"),
          fired.subList(1, 5).stream().map(PersistentSearchTriggerTest::detail).toList());
    }
  }

  @Test
  void the_filter_and_change_types_select_what_fires() throws LDAPException {
    try (RunningTrigger running = start(Map.of("filter", "(title=Engineer)",
        "changeTypes", "modify"))) {
      ldap.writer().add(NotifyingServer.user(BOB, "Engineer")); // an add: not a watched type
      ldap.modify(NotifyingServer.ANN, "description", "still a clerk"); // filter does not match
      ldap.modify(BOB, "description", "an engineer");
      List<ExecutionRequest> fired = running.context().awaitFired(2, WAIT);
      assertEquals("modify '" + BOB + "'", detail(fired.get(1)));
    }
  }

  @Test
  void noise_attributes_turn_on_the_change_filter() throws LDAPException {
    try (RunningTrigger running = start(Map.of("noiseAttributes", "lastLogonTimestamp"))) {
      ldap.modify(NotifyingServer.ANN, "lastLogonTimestamp", "5");
      ldap.modify(NotifyingServer.ANN, "title", "Engineer");
      List<ExecutionRequest> fired = running.context().awaitFired(2, WAIT);
      assertEquals("changed modify '" + NotifyingServer.ANN + "'", detail(fired.get(1)));
    }
  }

  @Test
  void entries_outside_the_base_dn_do_not_fire() throws LDAPException {
    try (RunningTrigger running = start(Map.of())) {
      ldap.writer().add(new Entry("CN=PC9," + NotifyingServer.COMPUTERS,
          new Attribute("objectClass", "top", "computer")));
      ldap.modify(NotifyingServer.ANN, "title", "after");
      List<ExecutionRequest> fired = running.context().awaitFired(2, WAIT);
      assertEquals("modify '" + NotifyingServer.ANN + "'", detail(fired.get(1)));
    }
  }
}
