package org.autosync.host.controller;

import static org.autosync.host.controller.FakeGuards.PROCEED;
import static org.autosync.host.controller.FakeGuards.deletes;
import static org.autosync.host.controller.FakeGuards.veto;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.function.UnaryOperator;
import org.autosync.api.ProfileType;
import org.autosync.api.engine.StagingCounters;
import org.autosync.host.controller.ControllerEvent.Severity;
import org.autosync.host.controller.ControllerEvent.Type;
import org.autosync.host.controller.FakeGuards.FakeGuard;
import org.autosync.scripts.ControllerDecision;
import org.autosync.scripts.ControllerDecision.Action;
import org.junit.jupiter.api.Test;

/**
 * Controller scripts seen from the controller, with hand-written guards: vetoes set runs aside
 * and ask again, calls never block the controller thread or other MAs, executionComplete halts
 * the MA (before its follow-ups run) or the whole service.
 */
class ControllerScriptsTest {

  private final FakeGuards guards = new FakeGuards();

  private Harness harness(UnaryOperator<ControllerSettings> settings) {
    return harness(settings, ControllerStateStore.inMemory());
  }

  private Harness harness(UnaryOperator<ControllerSettings> settings,
      ControllerStateStore store) {
    return new Harness(b -> b
        .ma("HR", ma -> ma.standardProfiles())
        .ma("AD", ma -> ma.standardProfiles())
        .flow("HR", "AD"), settings, guards, store);
  }

  private static UnaryOperator<ControllerSettings> hrScript() {
    return s -> s.withMa(MaSettings.enabled("HR").withScript(ControllerScriptSettings.of("hr")));
  }

  private static UnaryOperator<ControllerSettings> globalScript() {
    return s -> s.withScript(ControllerScriptSettings.of("all"));
  }

  @Test
  void a_vetoed_run_is_set_aside_and_runs_once_the_script_lets_it() {
    try (Harness h = harness(hrScript()).start()) {
      FakeGuard hr = guards.of("HR");
      hr.before = p -> veto("maintenance window until 09:00");
      h.engine.changeInConnectedSystem("HR", "default", 3);
      h.submit("HR", ProfileType.DELTA_IMPORT);

      ControllerEvent vetoed = h.events.await(Type.RUN_VETOED, "HR");
      assertEquals(Severity.WARNING, vetoed.severity());
      assertEquals("DI", vetoed.profile());
      assertTrue(vetoed.message().contains("maintenance window until 09:00; set aside, the script"
          + " is asked again at 2026-01-05T08:01:00Z"), vetoed.message());
      h.awaitQuiet();
      assertEquals(List.of(), h.runs());
      MaStatus status = h.controller.status("HR");
      assertEquals(MaState.WAITING, status.state());
      assertTrue(status.detail().startsWith("'DI' vetoed: maintenance window"), status.detail());
      assertEquals("maintenance window until 09:00", status.setAside().getFirst().veto());

      h.scheduler.advance(Duration.ofMinutes(1)); // still in the window: vetoed again, quietly
      h.events.await(Type.RUN_VETOED, e -> e.severity() == Severity.DEBUG);
      h.awaitQuiet();
      assertEquals(List.of(), h.runs());

      hr.before = p -> PROCEED;
      h.scheduler.advance(Duration.ofMinutes(1));
      h.awaitQuiet();
      assertEquals(List.of("HR DI", "HR DS", "AD E", "AD DI", "AD DS"), h.runs(),
          "the import and everything that follows from it");
      assertEquals(List.of("HR DI", "HR DI", "HR DI", "HR DS"), hr.asked);
      assertTrue(hr.threads.stream().allMatch(t -> t.equals("autosync-script-HR")),
          hr.threads.toString());
      assertEquals(List.of(), h.controller.status("HR").setAside());
    }
  }

  @Test
  void a_veto_sets_aside_only_that_run_and_the_mas_other_requests_go_on() {
    try (Harness h = harness(hrScript()).start()) {
      guards.of("HR").before = p -> p.equals("FS") ? veto("no full syncs by day") : PROCEED;
      h.submit("HR", ProfileType.FULL_SYNC);
      h.submit("HR", ProfileType.DELTA_IMPORT);
      h.awaitQuiet();
      assertEquals(List.of("HR DI"), h.runs());
      assertEquals(List.of("FS"),
          h.controller.status("HR").setAside().stream().map(MaStatus.SetAside::profile).toList());
    }
  }

  @Test
  void other_mas_run_while_a_script_is_asked_and_the_controller_keeps_answering() {
    try (Harness h = harness(hrScript()).start()) {
      FakeGuard hr = guards.of("HR");
      hr.gate = new CountDownLatch(1); // a slow script
      h.submit("HR", ProfileType.DELTA_IMPORT);
      hr.awaitAsked(1);

      h.submit("AD", ProfileType.DELTA_IMPORT);
      h.engine.awaitRun(r -> r.ma().equals("AD"), Duration.ofSeconds(10));
      MaStatus status = h.controller.status("HR"); // the controller thread is free
      assertEquals(MaState.WAITING, status.state());
      assertEquals("waiting: asking guard 'hr' (MA 'HR') whether it may run", status.detail());

      hr.before = p -> veto("not now");
      hr.gate.countDown();
      h.events.await(Type.RUN_VETOED, "HR");
      h.awaitQuiet();
      assertEquals(List.of("AD DI"), h.runs());
    }
  }

  @Test
  void an_error_in_should_execute_counts_as_a_veto() {
    try (Harness h = harness(hrScript()).start()) {
      guards.of("HR").before = p -> {
        throw new IllegalStateException("cannot read the change calendar");
      };
      h.submit("HR", ProfileType.DELTA_IMPORT);
      ControllerEvent vetoed = h.events.await(Type.RUN_VETOED, "HR");
      assertEquals(Severity.ALERT, vetoed.severity());
      assertTrue(vetoed.message().contains("guard 'hr' (MA 'HR') failed:"
          + " java.lang.IllegalStateException: cannot read the change calendar (an error counts"
          + " as a veto)"), vetoed.message());
      h.awaitQuiet();
      assertEquals(List.of(), h.runs());
    }
  }

  @Test
  void the_global_script_and_the_mas_own_must_both_let_a_run_go_ahead() {
    try (Harness h = harness(s -> globalScript().apply(hrScript().apply(s))).start()) {
      FakeGuard all = guards.global();
      FakeGuard hr = guards.of("HR");
      hr.before = p -> veto("HR says no");
      h.submit("HR", ProfileType.DELTA_IMPORT);
      assertTrue(h.events.await(Type.RUN_VETOED, "HR").message().contains("HR says no"));

      all.before = p -> veto("frozen everywhere");
      h.submit("AD", ProfileType.DELTA_IMPORT);
      assertTrue(h.events.await(Type.RUN_VETOED, "AD").message().contains("frozen everywhere"));
      h.awaitQuiet();
      assertEquals(List.of("HR DI", "AD DI"), all.asked);
      assertEquals(List.of("HR DI"), hr.asked, "a veto of the global script is final");
      assertEquals(List.of(), h.runs());
    }
  }

  @Test
  void execution_complete_halts_the_ma_before_its_follow_ups_run() {
    try (Harness h = harness(hrScript()).start()) {
      FakeGuard hr = guards.of("HR");
      hr.after = run -> deletes(run) > 10
          ? new ControllerDecision(Action.HALT_MA, deletes(run) + " deletes staged")
          : PROCEED;
      h.engine.onRun("HR", "DI").staging(new StagingCounters(0, 0, 0, 0, 12, 0, 0));
      h.submit("HR", ProfileType.DELTA_IMPORT);

      ControllerEvent halted = h.events.await(Type.MA_HALTED, "HR");
      assertEquals(Severity.ALERT, halted.severity());
      assertTrue(halted.message().contains("12 deletes staged, after run 1 'DI' of 'HR'"),
          halted.message());
      h.events.await(Type.REQUEST_QUEUED, e -> "HR".equals(e.ma()) && "DS".equals(e.profile()));
      MaStatus status = h.controller.status("HR");
      assertEquals(MaState.HALTED, status.state());
      assertEquals("DS", status.queue().getFirst().profile());
      assertEquals(1, hr.told.size());
      assertEquals("autosync-script-HR", hr.threads.getLast());

      h.submit("AD", ProfileType.DELTA_IMPORT); // other MAs keep running
      h.engine.awaitRun(r -> r.ma().equals("AD"), Duration.ofSeconds(10));
      assertEquals(List.of("HR DI", "AD DI"), h.runs(), "the sync of the deletes never ran");

      h.controller.resume("HR");
      h.awaitQuiet();
      assertTrue(h.runs().contains("HR DS"), h.runs().toString());
    }
  }

  @Test
  void execution_complete_halts_the_whole_service_until_resumed_and_across_a_restart() {
    ControllerStateStore store = ControllerStateStore.inMemory();
    try (Harness h = harness(globalScript(), store).start()) {
      guards.global().after = run -> deletes(run) > 10
          ? new ControllerDecision(Action.HALT_SERVICE, "mass deletes on " + run.ma())
          : PROCEED;
      h.engine.onRun("HR", "DI").staging(new StagingCounters(0, 0, 0, 0, 12, 0, 0));
      h.submit("HR", ProfileType.DELTA_IMPORT);

      ControllerEvent halted = h.events.await(Type.SERVICE_HALTED, e -> true);
      assertEquals(Severity.ALERT, halted.severity());
      assertTrue(halted.message().startsWith("service halted: mass deletes on HR, after run 1"
          + " 'DI' of 'HR'; no run starts on any MA until an operator resumes the service"),
          halted.message());
      h.submit("AD", ProfileType.DELTA_IMPORT);
      h.events.await(Type.REQUEST_QUEUED, "AD");
      MaStatus ad = h.controller.status("AD");
      assertEquals(MaState.HALTED, ad.state());
      assertTrue(ad.detail().startsWith("service halted: mass deletes on HR"), ad.detail());
      assertEquals(Optional.of(halted.message().substring("service halted: ".length(),
          halted.message().indexOf("; no run"))), h.controller.serviceHalt());
      assertEquals(List.of("HR DI"), h.runs());
      assertNotNull(store.load().serviceHalted());

      try (Harness restarted = harness(s -> s, store).start()) {
        assertTrue(restarted.events.await(Type.SERVICE_HALTED, e -> true).message()
            .startsWith("still halted from before the restart: mass deletes on HR"));
        assertEquals(MaState.HALTED, restarted.controller.status("AD").state());
      }

      h.controller.resumeService();
      h.events.await(Type.SERVICE_RESUMED, e -> true);
      h.awaitQuiet();
      assertEquals(Optional.empty(), h.controller.serviceHalt());
      assertTrue(h.runs().containsAll(List.of("AD DI", "HR DS")), h.runs().toString());
      assertEquals(null, store.load().serviceHalted());
    }
  }

  @Test
  void runs_started_outside_autosync_are_reviewed_too() throws Exception {
    try (Harness h = harness(hrScript()).start()) {
      FakeGuard hr = guards.of("HR");
      hr.after = run -> new ControllerDecision(Action.HALT_MA, "someone ran " + run.profile());
      h.engine.startOutside("HR", "DI").get();
      assertTrue(h.events.await(Type.MA_HALTED, "HR").message()
          .contains("someone ran DI, after run 1 'DI' of 'HR'"));
      assertEquals("autosync-engine-history", hr.threads.getLast());
    }
  }

  @Test
  void a_script_that_stops_loading_is_reported_once_and_again_when_it_loads() {
    try (Harness h = harness(hrScript()).start()) {
      FakeGuard hr = guards.of("HR");
      hr.loadError = "reloading hr failed, so the previous version keeps answering: line 3";
      h.submit("HR", ProfileType.DELTA_IMPORT);
      h.awaitQuiet();
      h.submit("HR", ProfileType.DELTA_IMPORT);
      h.awaitQuiet();
      List<ControllerEvent> failed = h.events.of(Type.CONTROLLER_SCRIPT_FAILED);
      assertEquals(1, failed.size(), h.events.toString());
      assertEquals(Severity.ALERT, failed.getFirst().severity());
      assertTrue(failed.getFirst().message().contains("line 3"));
      assertEquals(List.of("HR DI", "HR DI"), h.runs(), "the previous version answered");

      hr.loadError = null;
      h.submit("HR", ProfileType.DELTA_IMPORT);
      assertTrue(h.events.await(Type.CONTROLLER_SCRIPT_RECOVERED, e -> true).message()
          .startsWith("guard 'hr' (MA 'HR') loads again"));
    }
  }

  @Test
  void a_reload_opens_a_changed_script_and_closes_the_old_one() {
    try (Harness h = harness(hrScript()).start()) {
      FakeGuard old = guards.of("HR");
      h.controller.reconfigureMa(MaSettings.enabled("HR").withScript(
          ControllerScriptSettings.of("hr")));
      assertFalse(old.closed, "unchanged settings keep the loaded script");
      h.controller.reconfigureMa(MaSettings.enabled("HR").withScript(
          ControllerScriptSettings.of("stricter")));
      org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> old.closed);
      guards.of("HR").before = p -> veto("stricter");
      h.submit("HR", ProfileType.DELTA_IMPORT);
      assertTrue(h.events.await(Type.RUN_VETOED, "HR").message().contains("stricter"));

      h.controller.replaceControllerScript(ControllerScriptSettings.of("all"));
      assertEquals(List.of("MA 'HR' hr", "MA 'HR' stricter", "global all"), guards.opened);
      h.controller.replaceControllerScript(null);
      org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
          .until(() -> guards.global().closed);
    }
  }

  @Test
  void guards_are_closed_when_the_controller_stops() {
    Harness h = harness(s -> globalScript().apply(hrScript().apply(s))).start();
    h.close();
    assertTrue(guards.global().closed && guards.of("HR").closed);
  }
}
