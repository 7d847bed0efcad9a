package org.autosync.trigger.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.sdk.LDAPException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.autosync.api.ExecutionRequest;
import org.autosync.api.ProfileType;
import org.autosync.api.engine.ManagementAgent;
import org.autosync.api.trigger.StateStore;
import org.autosync.api.trigger.TriggerHealth;
import org.autosync.testkit.FakeEngine;
import org.autosync.testkit.InMemoryStateStore;
import org.autosync.testkit.ManualClock;
import org.autosync.testkit.RunningTrigger;
import org.autosync.testkit.TriggerTestKit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Polls a real (in-memory) LDAP server; time moves only with the manual scheduler. */
class LdapChangelogTriggerTest {

  private static final ManagementAgent HR = FakeEngine.builder()
      .ma("HR", ma -> ma.standardProfiles().partitions("default"))
      .build().managementAgents().getFirst();
  private static final Duration POLL = Duration.ofSeconds(2);

  private final LdapChangelogTriggerFactory factory = new LdapChangelogTriggerFactory();
  private final StateStore state = new InMemoryStateStore();
  private LdapServer ldap;

  @BeforeEach
  void startServer() throws LDAPException {
    ldap = new LdapServer(100);
  }

  @AfterEach
  void stopServer() {
    ldap.close();
  }

  private RunningTrigger start() {
    return start(Map.of());
  }

  private RunningTrigger start(Map<String, String> extra) {
    Map<String, String> values = new HashMap<>(Map.of("hosts", "127.0.0.1:" + ldap.port(), "bindDn", "cn=admin",
        "password", "${env:LDAP_PW}", "baseDn", LdapServer.PEOPLE));
    values.putAll(extra);
    RunningTrigger running = TriggerTestKit.forFactory(factory).clock(new ManualClock(
        ManualClock.DEFAULT_START)).stateStore(state).withSecret("${env:LDAP_PW}", "secret")
        .start(values, HR);
    // the first connect runs at once on the trigger's thread
    Steps.awaitSettled(running);
    return running;
  }

  /** Advances the manual clock by one poll period and waits for the poll's health report. */
  private static void poll(RunningTrigger running) {
    Steps.advanceAndAwait(running, POLL);
  }

  private static long lastChangeNumber(LdapServer ldap) throws LDAPException {
    return Long.parseLong(ldap.server.getRootDSE().getAttributeValue("lastChangeNumber"));
  }

  private long stored() {
    return Long.parseLong(state.get(LdapChangelogTrigger.STATE_KEY).orElseThrow());
  }

  @Test
  void first_start_fires_one_catch_up_import_and_records_the_current_change_number()
      throws LDAPException {
    try (RunningTrigger running = start()) {
      List<ExecutionRequest> fired = running.context().fired();
      assertEquals(1, fired.size());
      assertEquals(ProfileType.DELTA_IMPORT, fired.getFirst().profileType());
      assertEquals("HR", fired.getFirst().ma());
      assertEquals("catch-up: first start", fired.getFirst().source().detail());
      assertEquals(lastChangeNumber(ldap), stored());
      assertEquals(TriggerHealth.healthy("watching ldap://127.0.0.1:" + ldap.port()
          + " (change " + stored() + ")"), running.context().lastHealth().orElseThrow());

      for (int i = 0; i < 5; i++) {
        poll(running);
      }
      assertEquals(1, running.context().fired().size(), "no changes, no more fires");
    }
  }

  @Test
  void a_burst_of_modifies_under_the_base_dn_fires_once_per_poll() throws LDAPException {
    try (RunningTrigger running = start()) {
      running.context().clearFired();
      ldap.modifyPerson("a");
      ldap.modifyPerson("b");
      ldap.modifyPerson("c");
      poll(running);
      assertEquals(1, running.context().fired().size());
      assertTrue(running.context().fired().getFirst().source().detail()
          .startsWith("3 change(s) under ou=people,o=corp"));
      assertEquals(lastChangeNumber(ldap), stored());
      assertNotNull(running.context().lastHealth().orElseThrow().lastEvent());

      poll(running);
      assertEquals(1, running.context().fired().size(), "the burst is not fired again");

      ldap.modifyPerson("d");
      poll(running);
      assertEquals(2, running.context().fired().size());
    }
  }

  @Test
  void a_change_outside_the_base_dn_does_not_fire_but_is_read_past() throws LDAPException {
    try (RunningTrigger running = start()) {
      running.context().clearFired();
      ldap.modifyGroup("outside");
      for (int i = 0; i < 3; i++) {
        poll(running);
      }
      assertEquals(List.of(), running.context().fired());
      assertEquals(lastChangeNumber(ldap), stored());
    }
  }

  @Test
  void a_restart_fires_one_catch_up_and_continues_from_the_stored_number() throws LDAPException {
    try (RunningTrigger running = start()) {
      ldap.modifyPerson("a");
      poll(running);
    }
    long before = stored();

    try (RunningTrigger restarted = start()) {
      // DESIGN §3.3: every start fires one catch-up import, even with a stored number.
      assertEquals(1, restarted.context().fired().size());
      assertEquals("catch-up: connected to ldap://127.0.0.1:" + ldap.port(),
          restarted.context().fired().getFirst().source().detail());
      assertEquals(before, stored(), "the stored number is kept, not reset");
      for (int i = 0; i < 3; i++) {
        poll(restarted);
      }
      assertEquals(1, restarted.context().fired().size(), "no changes beyond the catch-up");
    }

    ldap.modifyGroup("outside, while stopped");
    ldap.modifyPerson("while stopped");
    try (RunningTrigger again = start()) {
      again.context().clearFired();
      poll(again);
      // the change made while stopped is still read from the stored number on
      assertEquals(1, again.context().fired().size());
      assertTrue(again.context().fired().getFirst().source().detail()
          .startsWith("1 change(s) under"));
      assertEquals(lastChangeNumber(ldap), stored());
    }
  }

  @Test
  void an_unreachable_server_is_degraded_and_a_reconnect_fires_one_catch_up()
      throws LDAPException {
    try (RunningTrigger running = start()) {
      running.context().clearFired();
      ldap.down();
      TriggerHealth health = Steps.advanceAndAwait(running, POLL);
      assertEquals(TriggerHealth.State.DEGRADED, health.state());
      assertNotNull(health.lastError());
      Steps.advanceAndAwait(running, Duration.ofSeconds(1)); // the first retry fails too
      assertEquals(TriggerHealth.State.DEGRADED,
          running.context().lastHealth().orElseThrow().state());
      assertEquals(List.of(), running.context().fired());

      ldap.up();
      Steps.advanceUntil(running, TriggerHealth.State.HEALTHY, Duration.ofSeconds(10));
      assertEquals(1, running.context().fired().size());
      assertTrue(running.context().fired().getFirst().source().detail().startsWith("catch-up"));
      poll(running);
      poll(running);
      assertEquals(1, running.context().fired().size());
    }
  }

  @Test
  void a_server_down_at_start_is_degraded_and_catches_up_once_it_is_reachable()
      throws LDAPException {
    ldap.down();
    try (RunningTrigger running = start()) {
      assertEquals(TriggerHealth.State.DEGRADED,
          running.context().lastHealth().orElseThrow().state());
      assertEquals(List.of(), running.context().fired());
      ldap.up();
      Steps.advanceUntil(running, TriggerHealth.State.HEALTHY, Duration.ofSeconds(10));
      assertEquals(1, running.context().fired().size());
      assertEquals(lastChangeNumber(ldap), stored());
    }
  }

  @Test
  void a_log_trimmed_past_the_stored_number_fires_a_catch_up_and_resets() throws LDAPException {
    ldap.close();
    ldap = new LdapServer(3);
    try (RunningTrigger running = start()) {
      running.context().clearFired();
      for (int i = 0; i < 6; i++) {
        ldap.modifyGroup("outside " + i); // out of scope: only the trim can make it fire
      }
      poll(running);
      assertEquals(1, running.context().fired().size());
      assertTrue(running.context().fired().getFirst().source().detail()
          .startsWith("catch-up: change log trimmed"));
      assertEquals(lastChangeNumber(ldap), stored());
      poll(running);
      assertEquals(1, running.context().fired().size());
    }
  }

  @Test
  void a_rename_into_the_base_dn_fires() throws LDAPException {
    try (RunningTrigger running = start()) {
      running.context().clearFired();
      ldap.server.modifyDN("cn=staff," + LdapServer.GROUPS, "cn=staff", true,
          LdapServer.PEOPLE);
      poll(running);
      assertEquals(1, running.context().fired().size());
    }
  }

  @Test
  void stop_closes_the_connection_and_cancels_the_poll_and_is_idempotent() {
    RunningTrigger running = start();
    assertEquals(1, running.scheduler().pendingCount(), "the poll");
    running.trigger().stop();
    running.trigger().stop();
    assertEquals(0, running.scheduler().pendingCount());
    running.stop();
  }

  @Test
  void fires_the_configured_profile_type_partition_and_front() {
    try (RunningTrigger running = start(Map.of("profileType", "FullImport",
        "partition", "default", "front", "true"))) {
      ExecutionRequest request = running.context().fired().getFirst();
      assertEquals(ProfileType.FULL_IMPORT, request.profileType());
      assertEquals("default", request.partition());
      assertTrue(request.front());
    }
  }
}
