package org.autosync.trigger.directory;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

/** The ad-notify trigger against an in-memory directory that emulates AD's notifications. */
class AdNotifyTriggerTest {

  private static final ManagementAgent AD = FakeEngine.builder()
      .ma("AD", ma -> ma.standardProfiles().partitions("default"))
      .build().managementAgents().getFirst();
  private static final Duration WAIT = Duration.ofSeconds(20);

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
        "bindDn", "CN=svc,DC=corp,DC=example", "password", "secret",
        "baseDn", NotifyingServer.BASE, "objectClasses", "user"));
    values.putAll(extra);
    RunningTrigger running = TriggerTestKit.forFactory(new AdNotifyTriggerFactory())
        .clock(new ManualClock(ManualClock.DEFAULT_START)).start(values, AD);
    Steps.awaitSettled(running);
    return running;
  }

  private RunningTrigger startWatching(Map<String, String> extra) {
    RunningTrigger running = start(extra);
    assertEquals(TriggerHealth.State.HEALTHY, running.context().lastHealth().orElseThrow()
        .state());
    await().atMost(WAIT).until(() -> ldap.emulator.watcherCount() == 1);
    return running;
  }

  private static String detail(ExecutionRequest request) {
    return request.source().detail();
  }

  private static NotificationTrigger trigger(RunningTrigger running) {
    return (NotificationTrigger) ((DeferredTrigger) running.trigger()).built();
  }

  /** Waits until the trigger has judged {@code count} notifications that counted. */
  private static void awaitChanges(RunningTrigger running, long count) {
    await().atMost(WAIT).until(() -> trigger(running).changesSeen() >= count);
  }

  @Test
  void connects_reads_a_baseline_and_fires_one_catch_up() {
    try (RunningTrigger running = startWatching(Map.of())) {
      List<ExecutionRequest> fired = running.context().fired();
      assertEquals(1, fired.size());
      assertEquals("catch-up: connected to ldap://127.0.0.1:" + ldap.port()
          + " (baseline 1 objects)", detail(fired.getFirst()));
      assertTrue(running.context().lastHealth().orElseThrow().message()
          .contains("1 objects known"));
    }
  }

  @Test
  void add_modify_rename_and_delete_each_fire() throws LDAPException {
    try (RunningTrigger running = startWatching(Map.of())) {
      ldap.modify(NotifyingServer.ANN, "title", "Engineer");
      List<ExecutionRequest> fired = running.context().awaitFired(2, WAIT);
      assertEquals("changed '" + NotifyingServer.ANN + "'", detail(fired.get(1)));

      ldap.writer().add(NotifyingServer.user("CN=Bob," + NotifyingServer.PEOPLE, "Clerk"));
      fired = running.context().awaitFired(3, WAIT);
      assertEquals("new 'CN=Bob," + NotifyingServer.PEOPLE + "'", detail(fired.get(2)));

      ldap.writer().modifyDN("CN=Bob," + NotifyingServer.PEOPLE, "CN=Robert", true);
      fired = running.context().awaitFired(4, WAIT);
      assertEquals("changed 'CN=Robert," + NotifyingServer.PEOPLE + "'", detail(fired.get(3)),
          "same objectGUID, new DN");

      ldap.writer().delete("CN=Robert," + NotifyingServer.PEOPLE);
      fired = running.context().awaitFired(5, WAIT);
      assertTrue(detail(fired.get(4)).startsWith("deleted 'CN=Robert\\0aDEL:"),
          "a tombstone under Show Deleted: " + detail(fired.get(4)));
      assertTrue(detail(fired.get(4)).contains(",CN=Deleted Objects," + NotifyingServer.BASE));
    }
  }

  @Test
  void under_an_ou_base_the_watch_starts_at_the_naming_context_and_deletes_still_arrive()
      throws LDAPException {
    try (RunningTrigger running = startWatching(Map.of("baseDn", NotifyingServer.PEOPLE,
        "objectClasses", "user, computer"))) {
      var pc = NotifyingServer.user("CN=PC2," + NotifyingServer.COMPUTERS, "-");
      ldap.writer().add(pc); // outside the base DN: seen by the search, dropped by the trigger
      ldap.writer().delete(NotifyingServer.ANN); // a tombstone under Deleted Objects
      List<ExecutionRequest> fired = running.context().awaitFired(2, WAIT);
      assertTrue(detail(fired.get(1)).startsWith("deleted 'CN=Ann\\0aDEL:"),
          "the tombstone's lastKnownParent is the base DN: " + detail(fired.get(1)));
      ldap.writer().delete("CN=PC2," + NotifyingServer.COMPUTERS);
      ldap.writer().add(NotifyingServer.user("CN=Dee," + NotifyingServer.PEOPLE, "x"));
      fired = running.context().awaitFired(3, WAIT);
      assertEquals("new 'CN=Dee," + NotifyingServer.PEOPLE + "'", detail(fired.get(2)),
          "the computer's delete happened outside the base DN");
    }
  }

  @Test
  void logon_noise_never_fires_even_for_an_objects_first_notification() throws LDAPException {
    try (RunningTrigger running = startWatching(Map.of())) {
      ldap.modify(NotifyingServer.ANN, "lastLogonTimestamp", "133000000000000000");
      ldap.modify(NotifyingServer.ANN, "badPwdCount", "1");
      ldap.modify(NotifyingServer.ANN, "title", "Engineer");
      List<ExecutionRequest> fired = running.context().awaitFired(2, WAIT);
      // notifications arrive in write order: the two logon writes came first and fired nothing
      assertEquals("changed '" + NotifyingServer.ANN + "'", detail(fired.get(1)));
      ldap.modify(NotifyingServer.ANN, "lastLogonTimestamp", "133000000000000001");
      ldap.modify(NotifyingServer.ANN, "description", "real");
      fired = running.context().awaitFired(3, WAIT);
      assertEquals("changed '" + NotifyingServer.ANN + "'", detail(fired.get(2)),
          fired.toString());
    }
  }

  @Test
  void without_a_baseline_an_unseen_objects_first_notification_fires() throws LDAPException {
    try (RunningTrigger running = startWatching(Map.of("baseline", "false"))) {
      assertEquals("catch-up: connected to ldap://127.0.0.1:" + ldap.port(),
          detail(running.context().fired().getFirst()));
      ldap.modify(NotifyingServer.ANN, "lastLogonTimestamp", "1");
      running.context().awaitFired(2, WAIT);
      ldap.modify(NotifyingServer.ANN, "lastLogonTimestamp", "2");
      ldap.modify(NotifyingServer.ANN, "title", "x");
      List<ExecutionRequest> fired = running.context().awaitFired(3, WAIT);
      assertEquals("changed '" + NotifyingServer.ANN + "'", detail(fired.get(2)),
          "once known, noise is recognised");
    }
  }

  @Test
  void computers_and_unlisted_classes_do_not_fire_unless_listed() throws LDAPException {
    try (RunningTrigger running = startWatching(Map.of())) {
      var pc = NotifyingServer.user("CN=PC1," + NotifyingServer.COMPUTERS, "-");
      pc.addAttribute("objectClass", "computer");
      ldap.writer().add(pc);
      ldap.modify(NotifyingServer.ANN, "title", "after the computer");
      List<ExecutionRequest> fired = running.context().awaitFired(2, WAIT);
      assertEquals("changed '" + NotifyingServer.ANN + "'", detail(fired.get(1)));
    }
    try (RunningTrigger running = startWatching(Map.of("objectClasses", "user, computer"))) {
      ldap.modify("CN=PC1," + NotifyingServer.COMPUTERS, "title", "now watched");
      List<ExecutionRequest> fired = running.context().awaitFired(2, WAIT);
      assertEquals("changed 'CN=PC1," + NotifyingServer.COMPUTERS + "'", detail(fired.get(1)));
    }
  }

  @Test
  void a_burst_in_a_quiet_period_fires_the_first_change_at_once_and_the_rest_once()
      throws LDAPException {
    try (RunningTrigger running = startWatching(Map.of("quietPeriod", "5s"))) {
      for (int i = 0; i < 5; i++) {
        ldap.modify(NotifyingServer.ANN, "title", "t" + i);
      }
      awaitChanges(running, 5);
      assertEquals(2, running.context().fired().size(), "catch-up, then the first change");
      running.advance(Duration.ofSeconds(5));
      List<ExecutionRequest> fired = running.context().fired();
      assertEquals(3, fired.size());
      assertTrue(detail(fired.get(2)).startsWith("4 changes in 5000 ms, first: changed"),
          detail(fired.get(2)));
      running.advance(Duration.ofSeconds(10));
      assertEquals(3, running.context().fired().size());
    }
  }

  @Test
  void a_change_right_after_a_fire_fires_again_nothing_is_discarded() throws LDAPException {
    // The reference product drops notifications for 60 s after a fire. Here the second change,
    // made while the first change's import would be running, fires again; the controller queues
    // it behind the running import (it never coalesces with a running run).
    try (RunningTrigger running = startWatching(Map.of())) {
      ldap.modify(NotifyingServer.ANN, "title", "first");
      running.context().awaitFired(2, WAIT);
      ldap.modify(NotifyingServer.ANN, "title", "second");
      List<ExecutionRequest> fired = running.context().awaitFired(3, WAIT);
      assertEquals(3, fired.size());
    }
  }

  @Test
  void the_server_stopped_and_restarted_on_its_port_reconnects_and_catches_up()
      throws LDAPException {
    try (RunningTrigger running = startWatching(Map.of())) {
      running.context().clearFired();
      ldap.down();
      running.context().awaitHealth(TriggerHealth.State.DEGRADED, WAIT);
      ldap.up();
      Steps.advanceUntil(running, TriggerHealth.State.HEALTHY, Duration.ofSeconds(10));
      assertEquals(1, running.context().fired().size());
      assertTrue(detail(running.context().fired().getFirst()).startsWith("catch-up"));
      await().atMost(WAIT).until(() -> ldap.emulator.watcherCount() == 1);
      ldap.modify(NotifyingServer.ANN, "title", "after the restart");
      assertEquals(2, running.context().awaitFired(2, WAIT).size());
    }
  }

  @Test
  void a_server_down_at_start_degrades_and_catches_up_when_it_comes() throws LDAPException {
    ldap.down();
    try (RunningTrigger running = start(Map.of())) {
      assertEquals(TriggerHealth.State.DEGRADED,
          running.context().lastHealth().orElseThrow().state());
      assertEquals(List.of(), running.context().fired());
      ldap.up();
      Steps.advanceUntil(running, TriggerHealth.State.HEALTHY, Duration.ofSeconds(10));
      assertEquals(1, running.context().fired().size());
    }
  }

  @Test
  void fails_over_to_the_next_domain_controller() throws LDAPException {
    try (NotifyingServer second = new NotifyingServer();
        RunningTrigger running = startWatching(Map.of("hosts",
            ldap.hosts() + "," + second.hosts()))) {
      running.context().clearFired();
      ldap.down();
      running.context().awaitHealth(TriggerHealth.State.DEGRADED, WAIT);
      TriggerHealth health = Steps.advanceUntil(running, TriggerHealth.State.HEALTHY,
          Duration.ofSeconds(10));
      assertTrue(health.message().startsWith("watching ldap://127.0.0.1:" + second.port()),
          health.message());
      assertEquals(1, running.context().fired().size());
      second.modify(NotifyingServer.ANN, "title", "on the second");
      assertEquals(2, running.context().awaitFired(2, WAIT).size());
    }
  }

  @Test
  void without_show_deleted_a_delete_is_not_notified() throws LDAPException {
    try (RunningTrigger running = startWatching(Map.of("showDeleted", "false"))) {
      ldap.writer().delete(NotifyingServer.ANN);
      ldap.writer().add(NotifyingServer.user("CN=Cy," + NotifyingServer.PEOPLE, "x"));
      List<ExecutionRequest> fired = running.context().awaitFired(2, WAIT);
      assertEquals("new 'CN=Cy," + NotifyingServer.PEOPLE + "'", detail(fired.get(1)));
    }
  }
}
