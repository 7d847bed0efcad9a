package org.autosync.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.autosync.api.engine.EngineMaStatus;
import org.autosync.api.engine.ExportCounters;
import org.autosync.api.engine.OutboundFlowCounters;
import org.autosync.api.engine.ResultCodes;
import org.autosync.api.engine.RunDetails;
import org.autosync.api.engine.RunResult;
import org.autosync.api.engine.StagingCounters;
import org.autosync.api.engine.StepDetails;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FakeEngineScriptingTest {

  private final FakeEngine engine = FakeEngine.builder()
      .ma("HR").ma("AD").ma("LDS").flow("HR", "AD").flow("HR", "LDS").build();

  @AfterEach
  void stopEverything() {
    engine.close();
  }

  private CompletableFuture<RunResult> runAsync(String ma, String profile) {
    return Async.supply(() -> engine.run(ma, profile));
  }

  @Test
  void scripts_apply_to_the_next_runs_in_order_then_defaults_return() {
    engine.onRun("HR", "DI").result(ResultCodes.COMPLETED_WARNINGS);
    engine.onRun("HR", "DI").result(ResultCodes.STOPPED_CONNECTIVITY);

    assertEquals(RunResult.of(ResultCodes.COMPLETED_WARNINGS, 1), engine.run("HR", "DI"));
    assertEquals(RunResult.of(ResultCodes.STOPPED_CONNECTIVITY, 2), engine.run("HR", "DI"));
    assertEquals(RunResult.of(ResultCodes.SUCCESS, 3), engine.run("HR", "DI"));
  }

  @Test
  void scripts_belong_to_one_ma_and_profile() {
    engine.onRun("HR", "DS").result(ResultCodes.STOPPED_DEADLOCKED);
    assertEquals(ResultCodes.SUCCESS, engine.run("HR", "DI").result());
    assertEquals(ResultCodes.SUCCESS, engine.run("AD", "DS").result());
    assertEquals(ResultCodes.STOPPED_DEADLOCKED, engine.run("HR", "DS").result());
  }

  @Test
  void a_no_start_result_has_no_effect_and_is_not_recorded() {
    engine.changeInConnectedSystem("HR", "default", 2);
    engine.onRun("HR", "DI").result(ResultCodes.NO_START_CONNECTION);

    assertEquals(RunResult.notRecorded(ResultCodes.NO_START_CONNECTION), engine.run("HR", "DI"));

    assertEquals(2, engine.changesWaiting("HR", "default"));
    assertEquals(0, engine.status("HR").lastRunNumber());
    assertEquals(List.of(), engine.refusals(), "scripted no-starts are not engine refusals");
    RunRecord record = engine.runs().getFirst();
    assertFalse(record.recorded());
    assertEquals(ResultCodes.NO_START_CONNECTION, record.result());
  }

  @Test
  void a_stopped_result_is_recorded_without_effect() {
    engine.changeInConnectedSystem("HR", "default", 2);
    engine.onRun("HR", "DI").result(ResultCodes.STOPPED_DEADLOCKED);

    assertEquals(RunResult.of(ResultCodes.STOPPED_DEADLOCKED, 1), engine.run("HR", "DI"));

    assertEquals(2, engine.changesWaiting("HR", "default"));
    assertEquals(0, engine.staged("HR", "default"));
    RunDetails details = engine.runDetails("HR", 1).orElseThrow();
    assertEquals(ResultCodes.STOPPED_DEADLOCKED, details.result());
    assertEquals(ResultCodes.STOPPED_DEADLOCKED, details.steps().getFirst().result());
    assertEquals(StagingCounters.NONE, details.steps().getFirst().staging());
    assertEquals(EngineMaStatus.idle("DI", ResultCodes.STOPPED_DEADLOCKED, 1),
        engine.status("HR"));
  }

  @Test
  void a_completed_with_errors_result_still_applies_the_model() {
    engine.changeInConnectedSystem("HR", "default", 2);
    engine.run("HR", "DI");
    engine.onRun("HR", "DS").result(ResultCodes.COMPLETED_SYNC_ERRORS);

    RunResult result = engine.run("HR", "DS");

    assertEquals(ResultCodes.COMPLETED_SYNC_ERRORS, result.result());
    assertEquals(2, engine.pendingExports("AD", "default"));
  }

  @Test
  void scripted_staging_replaces_the_computed_counters_and_adds_to_staged() {
    engine.changeInConnectedSystem("HR", "default", 10);
    StagingCounters scripted = new StagingCounters(4, 2, 3, 0, 1, 0, 1);
    engine.onRun("HR", "DI").staging(scripted);

    RunResult result = engine.run("HR", "DI");

    StepDetails step = engine.runDetails("HR", result.runNumber().orElseThrow()).orElseThrow()
        .steps().getFirst();
    assertEquals(scripted, step.staging());
    assertEquals(6, engine.staged("HR", "default"));
    assertEquals(0, engine.changesWaiting("HR", "default"));
  }

  @Test
  void scripted_outbound_replaces_one_target_and_adds_to_its_pending_exports() {
    engine.changeInConnectedSystem("HR", "default", 3);
    engine.run("HR", "DI");
    engine.onRun("HR", "DS").outbound("AD", OutboundFlowCounters.provisionedAdds(7));

    RunResult result = engine.run("HR", "DS");

    StepDetails step = engine.runDetails("HR", result.runNumber().orElseThrow()).orElseThrow()
        .steps().getFirst();
    assertEquals(Map.of("AD", OutboundFlowCounters.provisionedAdds(7),
        "LDS", OutboundFlowCounters.connectorFlow(3)), step.outbound());
    assertEquals(7, engine.pendingExports("AD", "default"));
    assertEquals(3, engine.pendingExports("LDS", "default"));
  }

  @Test
  void scripted_outbound_of_zero_leaves_the_target_out() {
    engine.changeInConnectedSystem("HR", "default", 3);
    engine.run("HR", "DI");
    engine.onRun("HR", "DS").outbound("AD", OutboundFlowCounters.NONE);

    RunResult result = engine.run("HR", "DS");

    StepDetails step = engine.runDetails("HR", result.runNumber().orElseThrow()).orElseThrow()
        .steps().getFirst();
    assertEquals(List.of("LDS"), List.copyOf(step.outbound().keySet()));
    assertEquals(0, engine.pendingExports("AD", "default"));
  }

  @Test
  void scripted_export_moves_what_it_wrote_to_unconfirmed() {
    engine.changeInConnectedSystem("HR", "default", 5);
    engine.run("HR", "DI");
    engine.run("HR", "DS");
    ExportCounters scripted = new ExportCounters(1, 2, 0, 0, 0, 2);
    engine.onRun("AD", "E").export(scripted);

    RunResult result = engine.run("AD", "E");

    assertEquals(scripted, engine.runDetails("AD", result.runNumber().orElseThrow())
        .orElseThrow().steps().getFirst().export());
    assertEquals(3, engine.unconfirmed("AD", "default"));
    assertEquals(2, engine.pendingExports("AD", "default"));
  }

  @Test
  void counters_a_profile_cannot_produce_cannot_be_scripted() {
    RunScript export = engine.onRun("HR", "E");
    assertThrows(IllegalStateException.class, () -> export.staging(StagingCounters.NONE));
    assertThrows(IllegalStateException.class,
        () -> export.outbound("AD", OutboundFlowCounters.NONE));
    assertThrows(IllegalStateException.class,
        () -> engine.onRun("HR", "DI").export(ExportCounters.NONE));
    assertThrows(IllegalArgumentException.class,
        () -> engine.onRun("HR", "DS").outbound("Nope", OutboundFlowCounters.NONE));
    assertThrows(IllegalArgumentException.class,
        () -> engine.onRun("HR", "DS").outbound("HR", OutboundFlowCounters.NONE));
  }

  @Test
  void a_gate_holds_the_run_until_released() throws Exception {
    RunGate gate = engine.onRun("HR", "DS").blockUntilReleased();
    assertFalse(gate.isStarted());

    CompletableFuture<RunResult> run = runAsync("HR", "DS");
    gate.awaitStarted();

    assertTrue(gate.isStarted());
    assertEquals(EngineMaStatus.running("DS", 0), engine.status("HR"));
    assertFalse(run.isDone());
    assertFalse(engine.isIdle());
    gate.release();
    assertEquals(RunResult.of(ResultCodes.SUCCESS, 1), run.get(10, TimeUnit.SECONDS));
    assertTrue(gate.isReleased());
    assertTrue(engine.isIdle());
  }

  @Test
  void stop_ends_a_gated_run_with_user_termination_and_no_effect() throws Exception {
    engine.changeInConnectedSystem("HR", "default", 1);
    RunGate gate = engine.onRun("HR", "DI").blockUntilReleased();
    CompletableFuture<RunResult> run = runAsync("HR", "DI");
    gate.awaitStarted();

    engine.stop("HR");

    assertEquals(RunResult.of(ResultCodes.STOPPED_USER_TERMINATION, 1),
        run.get(10, TimeUnit.SECONDS));
    assertFalse(gate.isReleased());
    assertEquals(1, engine.changesWaiting("HR", "default"));
    assertEquals(ResultCodes.STOPPED_USER_TERMINATION,
        engine.runDetails("HR", 1).orElseThrow().steps().getFirst().result());
  }

  @Test
  void stop_cuts_a_long_run_short() throws Exception {
    RunGate gate = engine.onRun("AD", "FI").duration(Duration.ofHours(1)).blockUntilReleased();
    gate.release();
    CompletableFuture<RunResult> run = runAsync("AD", "FI");
    gate.awaitStarted();
    assertTrue(engine.status("AD").running());

    engine.stop("AD");

    assertEquals(ResultCodes.STOPPED_USER_TERMINATION, run.get(10, TimeUnit.SECONDS).result());
  }

  @Test
  void stop_on_an_idle_ma_does_nothing() {
    engine.stop("HR");
    assertEquals(ResultCodes.SUCCESS, engine.run("HR", "DI").result());
  }

  @Test
  void default_result_and_duration_apply_to_unscripted_runs() {
    engine.defaultResult((ma, profile) -> ma.equals("AD") ? ResultCodes.STOPPED_SERVER_DOWN
        : ResultCodes.SUCCESS);
    engine.defaultDuration((ma, profile) -> Duration.ofMillis(1));
    engine.onRun("AD", "DI").result(ResultCodes.SUCCESS).duration(Duration.ZERO);

    assertEquals(ResultCodes.SUCCESS, engine.run("AD", "DI").result());
    assertEquals(ResultCodes.STOPPED_SERVER_DOWN, engine.run("AD", "DI").result());
    assertEquals(ResultCodes.SUCCESS, engine.run("HR", "DI").result());
  }

  @Test
  void an_interrupted_run_ends_as_stopped_and_keeps_the_interrupt() throws Exception {
    RunGate gate = engine.onRun("HR", "DI").blockUntilReleased();
    CompletableFuture<Boolean> interruptedAfterwards = new CompletableFuture<>();
    CompletableFuture<RunResult> result = new CompletableFuture<>();
    Thread runner = Thread.ofPlatform().start(() -> {
      result.complete(engine.run("HR", "DI"));
      interruptedAfterwards.complete(Thread.currentThread().isInterrupted());
    });
    gate.awaitStarted();

    runner.interrupt();

    assertEquals(ResultCodes.STOPPED_USER_TERMINATION, result.get(10, TimeUnit.SECONDS).result());
    assertTrue(interruptedAfterwards.get(10, TimeUnit.SECONDS));
  }

  @Test
  void a_gate_released_before_the_run_does_not_block_it() {
    RunGate gate = engine.onRun("HR", "DI").blockUntilReleased();
    gate.release();
    assertEquals(RunResult.of(ResultCodes.SUCCESS, 1), engine.run("HR", "DI"));
    assertTrue(gate.isStarted());
  }
}
