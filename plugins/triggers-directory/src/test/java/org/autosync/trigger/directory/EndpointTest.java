package org.autosync.trigger.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.sdk.LDAPException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.autosync.api.engine.ManagementAgent;
import org.autosync.api.engine.Partition;
import org.autosync.api.trigger.TriggerHealth;
import org.autosync.testkit.FakeEngine;
import org.autosync.testkit.InMemoryStateStore;
import org.autosync.testkit.ManualClock;
import org.autosync.testkit.RunningTrigger;
import org.autosync.testkit.TriggerTestKit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Where directory triggers connect: several hosts, DNS SRV discovery, the MA's hints. */
class EndpointTest {

  private static final ManagementAgent HR = FakeEngine.builder()
      .ma("HR", ma -> ma.standardProfiles().partitions("default"))
      .build().managementAgents().getFirst();

  private LdapServer first;
  private LdapServer second;

  @BeforeEach
  void startServers() throws LDAPException {
    first = new LdapServer(100);
    second = new LdapServer(100);
  }

  @AfterEach
  void stopServers() {
    first.close();
    second.close();
  }

  private RunningTrigger start(Map<String, String> values, ManagementAgent ma) {
    Map<String, String> all = new HashMap<>(Map.of("bindDn", "cn=admin", "password", "secret"));
    all.putAll(values);
    RunningTrigger running = TriggerTestKit.forFactory(new LdapChangelogTriggerFactory())
        .clock(new ManualClock(ManualClock.DEFAULT_START)).stateStore(new InMemoryStateStore())
        .start(all, ma);
    Steps.awaitSettled(running);
    return running;
  }

  private static String url(LdapServer server) {
    return "ldap://127.0.0.1:" + server.port();
  }

  @Test
  void a_lost_connection_fails_over_to_the_next_server_and_catches_up() {
    try (RunningTrigger running = start(Map.of("hosts", "127.0.0.1:" + first.port() + ", 127.0.0.1:"
        + second.port(), "baseDn", LdapServer.PEOPLE), HR)) {
      TriggerHealth health = running.context().lastHealth().orElseThrow();
      assertEquals(TriggerHealth.State.HEALTHY, health.state());
      assertTrue(health.message().startsWith("watching " + url(first)), health.message());
      running.context().clearFired();

      first.down();
      Steps.advanceAndAwait(running, Duration.ofSeconds(2)); // the poll notices
      health = Steps.advanceUntil(running, TriggerHealth.State.HEALTHY, Duration.ofSeconds(5));
      assertTrue(health.message().startsWith("watching " + url(second)), health.message());
      assertEquals(1, running.context().fired().size());
      assertEquals("catch-up: connected to " + url(second),
          running.context().fired().getFirst().source().detail());
    }
  }

  @Test
  void a_server_down_at_start_is_skipped_for_the_next_one() {
    first.down();
    try (RunningTrigger running = start(Map.of("hosts", "127.0.0.1:" + first.port() + ", 127.0.0.1:"
        + second.port(), "baseDn", LdapServer.PEOPLE), HR)) {
      TriggerHealth health = running.context().lastHealth().orElseThrow();
      assertEquals(TriggerHealth.State.HEALTHY, health.state());
      assertTrue(health.message().startsWith("watching " + url(second)), health.message());
    }
  }

  @Test
  void without_hosts_the_servers_come_from_dns_srv_records() {
    Map<String, List<TinyDns.Srv>> records = Map.of("_ldap._tcp.corp.example", List.of(
        new TinyDns.Srv(0, 100, first.port(), "localhost")));
    try (TinyDns dns = new TinyDns(records);
        RunningTrigger running = start(Map.of("domain", "corp.example",
            "dnsServer", dns.url(), "baseDn", LdapServer.PEOPLE), HR)) {
      TriggerHealth health = running.context().lastHealth().orElseThrow();
      assertEquals(TriggerHealth.State.HEALTHY, health.state(), health.toString());
      assertTrue(dns.questions.contains("_ldap._tcp.corp.example"), dns.questions.toString());
      assertEquals(1, running.context().fired().size());
    }
  }

  @Test
  void an_ad_trigger_asks_for_the_domain_controllers_record() {
    Map<String, List<TinyDns.Srv>> records = Map.of("_ldap._tcp.dc._msdcs.corp.example",
        List.of(new TinyDns.Srv(0, 100, first.port(), "localhost")));
    try (TinyDns dns = new TinyDns(records)) {
      Endpoint endpoint = Endpoint.from(new org.autosync.api.trigger.TriggerConfig("t",
          AdNotifyTriggerFactory.TYPE, "HR", Map.of("domain", "corp.example",
          "dnsServer", dns.url())), HR, new AdNotifyTriggerFactory().srvService());
      assertEquals("servers of DNS SRV _ldap._tcp.dc._msdcs.corp.example at " + dns.url(),
          endpoint.describe());
    }
  }

  @Test
  void host_port_and_base_dn_default_to_the_mas_connection_hints() {
    ManagementAgent hinted = new ManagementAgent("HR", "HR", "ADAM",
        List.of(Partition.named("o=other"), Partition.named(LdapServer.BASE)), HR.runProfiles(), HR.capabilities(),
        Map.of("host", "127.0.0.1", "port", Integer.toString(second.port()),
            "baseDn", LdapServer.PEOPLE));
    try (RunningTrigger running = start(Map.of(), hinted)) {
      TriggerHealth health = running.context().lastHealth().orElseThrow();
      assertTrue(health.message().startsWith("watching " + url(second)), health.message());
      assertEquals(LdapServer.BASE, running.context().fired().getFirst().partition(),
          "of two partitions, the one holding the base DN");
    }
  }

  @Test
  void a_refused_bind_resolves_the_password_again_at_the_next_attempt() {
    RunningTrigger running = TriggerTestKit.forFactory(new LdapChangelogTriggerFactory())
        .clock(new ManualClock(ManualClock.DEFAULT_START))
        .withSecret("${env:LDAP_PW}", "not the password")
        .start(Map.of("hosts", "127.0.0.1:" + first.port(), "baseDn", LdapServer.PEOPLE,
            "bindDn", "cn=admin", "password", "${env:LDAP_PW}"), HR);
    try (running) {
      TriggerHealth health = Steps.awaitSettled(running);
      assertEquals(TriggerHealth.State.DEGRADED, health.state());
      assertTrue(health.lastError().startsWith("49 (invalid credentials)"), health.lastError());
      running.context().withSecret("${env:LDAP_PW}", "secret"); // rotated where it is kept
      Steps.advanceUntil(running, TriggerHealth.State.HEALTHY, Duration.ofSeconds(5));
    }
  }

  @Test
  void a_trigger_without_a_server_or_base_dn_fails_its_start_with_the_reason() {
    RuntimeException missing = assertThrows(RuntimeException.class,
        () -> TriggerTestKit.forFactory(new LdapChangelogTriggerFactory())
            .start(Map.of("baseDn", "o=corp"), HR));
    assertTrue(missing.getMessage().contains("names no server: set hosts (or domain); the MA"
        + " 'HR' (category '"), missing.getMessage());
  }
}
