package org.autosync.trigger.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.autosync.api.ExecutionRequest;
import org.autosync.api.engine.ManagementAgent;
import org.autosync.api.trigger.StateStore;
import org.autosync.api.trigger.TriggerHealth;
import org.autosync.testkit.FakeEngine;
import org.autosync.testkit.InMemoryStateStore;
import org.autosync.testkit.ManualClock;
import org.autosync.testkit.RunningTrigger;
import org.autosync.testkit.TriggerTestKit;
import org.autosync.testkit.ldap.Slapd;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ldap-syncrepl trigger against a real OpenLDAP slapd, on the data and on the accesslog. */
@Tag("slapd")
class ContentSyncTriggerTest {

  private static final ManagementAgent DIR = FakeEngine.builder()
      .ma("DIR", ma -> ma.standardProfiles().partitions("default"))
      .build().managementAgents().getFirst();
  private static final String GROUPS = "ou=groups," + Slapd.SUFFIX;
  private static final Duration WAIT = Duration.ofSeconds(20);

  @TempDir
  Path dir;

  private Slapd slapd;
  private LDAPConnection admin;
  private final StateStore state = new InMemoryStateStore();

  @BeforeEach
  void startSlapd() throws Exception {
    Slapd.assumeInstalled();
    slapd = Slapd.start(dir.resolve("slapd"));
    admin = slapd.admin();
    admin.add(GROUPS, new Attribute("objectClass", "organizationalUnit"),
        new Attribute("ou", "groups"));
    person("ann");
  }

  @AfterEach
  void stopSlapd() {
    if (admin != null) {
      admin.close();
    }
    if (slapd != null) {
      slapd.close();
    }
  }

  private void person(String uid) throws LDAPException {
    admin.add("uid=" + uid + "," + Slapd.PEOPLE,
        new Attribute("objectClass", "inetOrgPerson"), new Attribute("uid", uid),
        new Attribute("cn", uid), new Attribute("sn", uid));
  }

  private void title(String uid, String title) throws LDAPException {
    admin.modify("uid=" + uid + "," + Slapd.PEOPLE,
        new Modification(ModificationType.REPLACE, "title", title));
  }

  private RunningTrigger start(String source) {
    Map<String, String> values = new HashMap<>(Map.of("hosts", "127.0.0.1:" + slapd.port(),
        "bindDn", Slapd.ROOT_DN, "password", Slapd.PASSWORD, "baseDn", Slapd.PEOPLE,
        "source", source));
    RunningTrigger running = TriggerTestKit.forFactory(new ContentSyncTriggerFactory())
        .clock(new ManualClock(ManualClock.DEFAULT_START)).stateStore(state).start(values, DIR);
    awaitPersisting(running);
    return running;
  }

  /**
   * Waits until the refresh phase is over: a write before that is part of the refresh (a catch-up)
   * rather than a change of the persist phase.
   */
  private static void awaitPersisting(RunningTrigger running) {
    org.awaitility.Awaitility.await("the persist phase").atMost(WAIT).until(() ->
        running.context().lastHealth().map(h -> h.state() == TriggerHealth.State.HEALTHY
            && h.message().endsWith("(persisting)")).orElse(false));
  }

  private static String detail(ExecutionRequest request) {
    return request.source().detail();
  }

  @Test
  void data_first_start_catches_up_then_each_change_fires_and_the_cookie_is_kept()
      throws LDAPException {
    try (RunningTrigger running = start("data")) {
      List<ExecutionRequest> fired = running.context().awaitFired(1, WAIT);
      assertTrue(detail(fired.getFirst()).startsWith("catch-up: first start"), fired.toString());
      title("ann", "Engineer");
      fired = running.context().awaitFired(2, WAIT);
      assertEquals("modify 'uid=ann," + Slapd.PEOPLE + "'", detail(fired.get(1)));
      person("bob");
      admin.delete("uid=bob," + Slapd.PEOPLE);
      fired = running.context().awaitFired(4, WAIT);
      assertEquals("add 'uid=bob," + Slapd.PEOPLE + "'", detail(fired.get(2)));
      assertTrue(detail(fired.get(3)).startsWith("delete 'uid=bob"), detail(fired.get(3)));
      org.awaitility.Awaitility.await("a stored cookie").atMost(WAIT).until(() ->
          state.get(ContentSyncTrigger.STATE_KEY).isPresent());
    }
  }

  @Test
  void data_resumes_from_its_cookie_and_catches_up_only_when_something_changed_meanwhile()
      throws LDAPException {
    try (RunningTrigger running = start("data")) {
      running.context().awaitFired(1, WAIT);
      // the refresh's cookie follows the catch-up fire
      org.awaitility.Awaitility.await().atMost(WAIT).until(() ->
          state.get(ContentSyncTrigger.STATE_KEY).isPresent());
      String before = state.get(ContentSyncTrigger.STATE_KEY).orElseThrow();
      title("ann", "one");
      running.context().awaitFired(2, WAIT);
      // the change's cookie is stored just after its fire; stopping earlier would (rightly) make
      // the next start catch up on it
      org.awaitility.Awaitility.await().atMost(WAIT).until(() ->
          !state.get(ContentSyncTrigger.STATE_KEY).orElseThrow().equals(before));
    }
    try (RunningTrigger quiet = start("data")) {
      // the refresh names nothing: no catch-up import; then a live change still fires
      title("ann", "two");
      List<ExecutionRequest> fired = quiet.context().awaitFired(1, WAIT);
      assertEquals("modify 'uid=ann," + Slapd.PEOPLE + "'", detail(fired.getFirst()));
    }
    title("ann", "while stopped");
    try (RunningTrigger resumed = start("data")) {
      List<ExecutionRequest> fired = resumed.context().awaitFired(1, WAIT);
      assertTrue(detail(fired.getFirst()).startsWith("catch-up: connected to ldap://127.0.0.1:"
          + slapd.port() + ", 1 changed"), detail(fired.getFirst()));
    }
  }

  @Test
  void accesslog_fires_for_writes_under_the_base_dn_only() throws LDAPException {
    try (RunningTrigger running = start("accesslog")) {
      running.context().awaitFired(1, WAIT); // catch-up
      admin.add("cn=staff," + GROUPS, new Attribute("objectClass", "organizationalRole"),
          new Attribute("cn", "staff"));
      title("ann", "Engineer");
      List<ExecutionRequest> fired = running.context().awaitFired(2, WAIT);
      assertEquals("modify 'uid=ann," + Slapd.PEOPLE + "'", detail(fired.get(1)),
          "the write under ou=groups came first and did not fire");
      admin.modifyDN("cn=staff," + GROUPS, "cn=staff", true, Slapd.PEOPLE);
      fired = running.context().awaitFired(3, WAIT);
      assertTrue(detail(fired.get(2)).startsWith("modrdn 'cn=staff," + GROUPS),
          "a move into the base DN fires: " + detail(fired.get(2)));
    }
  }

  @Test
  void slapd_stopped_and_restarted_on_its_port_is_degraded_then_watched_again()
      throws LDAPException {
    try (RunningTrigger running = start("data")) {
      running.context().awaitFired(1, WAIT);
      admin.close();
      slapd.stop();
      running.context().awaitHealth(TriggerHealth.State.DEGRADED, WAIT);
      slapd.restart();
      admin = slapd.admin();
      Steps.advanceUntil(running, TriggerHealth.State.HEALTHY, Duration.ofSeconds(30));
      awaitPersisting(running);
      int before = running.context().fired().size();
      title("ann", "after restart");
      List<ExecutionRequest> fired = running.context().awaitFired(before + 1, WAIT);
      assertEquals("modify 'uid=ann," + Slapd.PEOPLE + "'", detail(fired.getLast()));
    }
  }
}
