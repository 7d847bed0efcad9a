package org.autosync.bench;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.autosync.api.engine.ManagementAgent;
import org.autosync.api.trigger.TriggerFactory;
import org.autosync.api.trigger.TriggerHealth;
import org.autosync.lab.ChangeNotificationEmulator;
import org.autosync.testkit.FakeEngine;
import org.autosync.testkit.ManualClock;
import org.autosync.testkit.RunningTrigger;
import org.autosync.testkit.TriggerTestKit;
import org.autosync.testkit.ldap.Slapd;
import org.autosync.trigger.directory.AdNotifyTriggerFactory;
import org.autosync.trigger.directory.ContentSyncTriggerFactory;
import org.autosync.trigger.directory.LdapChangelogTriggerFactory;
import org.autosync.trigger.directory.PersistentSearchTriggerFactory;

/**
 * Detection latency of each directory trigger type: from just before a modify is sent to the
 * moment the trigger has fired its request - ad-notify and ldap-psearch against an in-memory
 * directory with the lab's emulation, ldap-changelog (polling every 200 ms) against its change
 * log, ldap-syncrepl on OpenLDAP's data and accesslog when slapd is installed.
 *
 * <p>The triggers run in the test kit; a ticker thread moves its manual clock with real time (in
 * steps of about 1 ms), so polls and reconnects happen as they would on the host's scheduler. Each
 * write comes after a random pause of 0-250 ms, so that it falls anywhere in a poll period; the
 * fire is noticed within about 20 us.
 *
 * <pre>java ... DetectionLatencyBenchmark [changes]</pre>
 */
public final class DetectionLatencyBenchmark {

  private static final ManagementAgent MA = FakeEngine.builder()
      .ma("DIR", ma -> ma.standardProfiles().partitions("default"))
      .build().managementAgents().getFirst();
  private static final String BASE = "dc=corp,dc=example";
  private static final String PEOPLE = "ou=people," + BASE;

  private DetectionLatencyBenchmark() {}

  public static void main(String[] args) throws Exception {
    int changes = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig(BASE);
    config.setMaxChangeLogEntries(100_000);
    config.setListenerConfigs(InMemoryListenerConfig.createLDAPConfig("ldap",
        InetAddress.getLoopbackAddress(), 0, null));
    ChangeNotificationEmulator emulator = ChangeNotificationEmulator.install(config);
    InMemoryDirectoryServer server = new InMemoryDirectoryServer(config);
    emulator.attach(server);
    server.add(new Entry(BASE, new Attribute("objectClass", "top", "domain")));
    server.add(new Entry(PEOPLE, new Attribute("objectClass", "top", "organizationalUnit")));
    server.add(new Entry("uid=ann," + PEOPLE, new Attribute("objectClass", "inetOrgPerson"),
        new Attribute("uid", "ann"), new Attribute("cn", "Ann"), new Attribute("sn", "Lee")));
    server.startListening();
    try (LDAPConnection writer = server.getConnection()) {
      String hosts = "127.0.0.1:" + server.getListenPort();
      measure("ad-notify", new AdNotifyTriggerFactory(), Map.of("hosts", hosts,
          "baseDn", PEOPLE), writer, "uid=ann," + PEOPLE, changes);
      measure("ldap-psearch", new PersistentSearchTriggerFactory(), Map.of("hosts", hosts,
          "baseDn", PEOPLE), writer, "uid=ann," + PEOPLE, changes);
      measure("ldap-changelog 200ms", new LdapChangelogTriggerFactory(), Map.of("hosts", hosts,
          "baseDn", PEOPLE, "interval", "200ms"), writer, "uid=ann," + PEOPLE, changes);
    } finally {
      emulator.close();
    }
    if (Slapd.binary().isEmpty()) {
      System.out.println("ldap-syncrepl: skipped, slapd is not installed");
      return;
    }
    Path dir = Files.createTempDirectory("autosync-detection");
    try (Slapd slapd = Slapd.start(dir); LDAPConnection admin = slapd.admin()) {
      String dn = "uid=ann," + Slapd.PEOPLE;
      admin.add(dn, new Attribute("objectClass", "inetOrgPerson"), new Attribute("uid", "ann"),
          new Attribute("cn", "Ann"), new Attribute("sn", "Lee"));
      for (String source : new String[] {"data", "accesslog"}) {
        measure("ldap-syncrepl " + source, new ContentSyncTriggerFactory(), Map.of(
            "hosts", "127.0.0.1:" + slapd.port(), "bindDn", Slapd.ROOT_DN,
            "password", Slapd.PASSWORD, "baseDn", Slapd.PEOPLE, "source", source), admin, dn,
            changes);
      }
    }
  }

  private static void measure(String name, TriggerFactory factory, Map<String, String> values,
      LDAPConnection writer, String dn, int changes) throws Exception {
    ManualClock clock = new ManualClock(ManualClock.DEFAULT_START);
    try (RunningTrigger running = TriggerTestKit.forFactory(factory).clock(clock)
        .start(new HashMap<>(values), MA)) {
      Thread ticker = Thread.ofPlatform().daemon().start(() -> {
        long last = System.nanoTime();
        while (!Thread.currentThread().isInterrupted()) {
          long now = System.nanoTime();
          if (now - last >= 1_000_000) {
            running.advance(Duration.ofNanos(now - last));
            last = now;
          }
          java.util.concurrent.locks.LockSupport.parkNanos(200_000);
        }
      });
      try {
        running.context().awaitHealth(TriggerHealth.State.HEALTHY, Duration.ofSeconds(30));
        running.context().awaitFired(1, Duration.ofSeconds(30)); // the catch-up
        long[] latency = new long[changes];
        java.util.SplittableRandom random = new java.util.SplittableRandom(7);
        for (int i = -20; i < changes; i++) { // 20 warm-up changes
          // a random pause, so that writes fall anywhere in a poll period
          Thread.sleep(random.nextInt(250));
          int before = running.context().fired().size();
          long start = System.nanoTime();
          writer.modify(dn, new Modification(ModificationType.REPLACE, "title", name + i));
          while (running.context().fired().size() <= before) {
            java.util.concurrent.locks.LockSupport.parkNanos(20_000);
            if (System.nanoTime() - start > 30_000_000_000L) {
              throw new IllegalStateException(name + ": no fire within 30 s");
            }
          }
          if (i >= 0) {
            latency[i] = System.nanoTime() - start;
          }
        }
        Arrays.sort(latency);
        System.out.printf(Locale.ROOT, "%-22s %4d changes: write -> fire p50 %7.2f ms,"
                + " p90 %7.2f ms, p99 %7.2f ms, max %7.2f ms%n", name, changes, pct(latency, 50),
            pct(latency, 90), pct(latency, 99), latency[changes - 1] / 1e6);
      } finally {
        ticker.interrupt();
        ticker.join();
      }
    }
  }

  private static double pct(long[] sorted, int p) {
    int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, index)] / 1e6;
  }
}
