package org.autosync.host.controller;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.autosync.api.ProfileType;
import org.autosync.api.engine.ResultCodes;
import org.autosync.host.controller.ControllerEvent.Type;
import org.autosync.testkit.RunRecord;
import org.junit.jupiter.api.Test;

class ControllerLifecycleTest {

  private static Harness oneMa() {
    return new Harness(b -> b.ma("HR", ma -> ma.standardProfiles()), s -> s);
  }

  @Test
  void stopping_with_cancel_stops_runs_in_progress_in_the_engine() {
    try (Harness h = oneMa().start()) {
      var gate = h.engine.onRun("HR", "DI").blockUntilReleased();
      h.submit("HR", ProfileType.DELTA_IMPORT);
      gate.awaitStarted();
      h.submit("HR", ProfileType.FULL_IMPORT);
      h.events.await(Type.REQUEST_QUEUED, e -> "FI".equals(e.profile()));
      h.controller.stop(StopMode.CANCEL, Duration.ofSeconds(10));
      assertEquals(List.of(ResultCodes.STOPPED_USER_TERMINATION),
          h.engine.runs().stream().map(RunRecord::result).toList());
      assertTrue(h.events.of(Type.REQUEST_DROPPED, "HR").getFirst().message()
          .contains("1 queued run(s) discarded at stop"));
      assertEquals(1, h.events.of(Type.CONTROLLER_STOPPED).size());
    }
  }

  @Test
  void stopping_with_drain_lets_runs_in_progress_end() {
    try (Harness h = oneMa().start()) {
      var gate = h.engine.onRun("HR", "DI").blockUntilReleased();
      h.submit("HR", ProfileType.DELTA_IMPORT);
      gate.awaitStarted();
      var stopped = CompletableFuture.runAsync(
          () -> h.controller.stop(StopMode.DRAIN, Duration.ofSeconds(30)));
      h.events.await(Type.CONTROLLER_STOPPING, e -> true);
      assertFalse(stopped.isDone(), "waits for the run");
      gate.release();
      stopped.join();
      assertEquals(List.of(ResultCodes.SUCCESS),
          h.engine.runs().stream().map(RunRecord::result).toList());
    }
  }

  @Test
  void a_stopped_ma_drops_its_requests_and_a_restarted_one_reconciles() {
    try (Harness h = new Harness(b -> b
        .ma("HR", ma -> ma.standardProfiles())
        .ma("AD", ma -> ma.standardProfiles())
        .flow("HR", "AD"), s -> s).start()) {
      h.controller.stopMa("AD", false);
      assertEquals(MaState.STOPPED, h.controller.status("AD").state());
      h.engine.changeInConnectedSystem("HR", "default", 1);
      h.submit("HR", ProfileType.DELTA_IMPORT);
      h.awaitQuiet();
      assertEquals(List.of("HR DI", "HR DS"), h.runs());
      assertTrue(h.events.of(Type.REQUEST_DROPPED, "AD").getFirst().message()
          .contains("is stopped"));
      h.controller.startMa("AD");
      h.awaitQuiet();
      assertEquals(List.of("HR DI", "HR DS", "AD E", "AD DI", "AD DS"), h.runs());
    }
  }

  @Test
  void settings_naming_an_ma_the_engine_lacks_are_refused_at_start() {
    try (Harness h = new Harness(b -> b.ma("HR", ma -> ma.standardProfiles()),
        s -> s.withMa(MaSettings.enabled("Payroll")))) {
      var e = assertThrows(IllegalArgumentException.class, h.controller::start);
      assertTrue(e.getMessage().contains("'Payroll' does not exist"), e.getMessage());
    }
  }

  @Test
  void requests_before_start_are_dropped_visibly() {
    try (Harness h = oneMa()) {
      h.submit("HR", ProfileType.DELTA_IMPORT);
      var dropped = h.events.await(Type.REQUEST_DROPPED, "HR");
      assertTrue(dropped.message().contains("has not started"), dropped.message());
    }
  }
}
