package org.autosync.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.autosync.api.engine.EngineMaStatus;
import org.autosync.api.engine.ResultCodes;
import org.autosync.api.engine.RunListener;
import org.autosync.api.engine.RunResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FakeEngineEventsTest {

  private final FakeEngine engine = FakeEngine.builder()
      .ma("HR").ma("AD").flow("HR", "AD").build();
  private final List<String> events = new CopyOnWriteArrayList<>();

  @AfterEach
  void stopEverything() {
    engine.close();
  }

  private RunListener recorder() {
    return new RunListener() {
      @Override
      public void runStarted(String ma, String profile) {
        events.add("started " + ma + " " + profile + " running=" + engine.status(ma).running());
      }

      @Override
      public void runEnded(String ma, long runNumber, String result) {
        boolean inHistory = engine.runDetails(ma, runNumber).isPresent();
        events.add("ended " + ma + " #" + runNumber + " " + result + " inHistory=" + inHistory
            + " running=" + engine.status(ma).running());
      }
    };
  }

  @Test
  void listeners_hear_start_after_admission_and_end_after_the_history_is_recorded()
      throws Exception {
    engine.subscribe(recorder());
    engine.run("HR", "DI");
    assertEquals(List.of("started HR DI running=true",
        "ended HR #1 success inHistory=true running=false"), events);
  }

  @Test
  void listeners_are_told_without_the_engine_lock_held() {
    CopyOnWriteArrayList<Boolean> otherThreadCouldRead = new CopyOnWriteArrayList<>();
    engine.subscribe(new RunListener() {
      @Override
      public void runStarted(String ma, String profile) {
        otherThreadCouldRead.add(readsFromAnotherThread());
      }

      @Override
      public void runEnded(String ma, long runNumber, String result) {
        otherThreadCouldRead.add(readsFromAnotherThread());
      }

      private boolean readsFromAnotherThread() {
        try {
          Async.supply(engine::isQuiet).get(10, TimeUnit.SECONDS);
          return true;
        } catch (Exception e) {
          return false;
        }
      }
    });
    engine.run("HR", "DS");
    assertEquals(List.of(true, true), otherThreadCouldRead);
  }

  @Test
  void a_failing_listener_does_not_disturb_the_run_or_other_listeners() {
    engine.subscribe(new RunListener() {
      @Override
      public void runStarted(String ma, String profile) {
        throw new IllegalStateException("expected by the test");
      }

      @Override
      public void runEnded(String ma, long runNumber, String result) {
        throw new IllegalStateException("expected by the test");
      }
    });
    engine.subscribe(recorder());
    assertEquals(RunResult.of(ResultCodes.SUCCESS, 1), engine.run("HR", "DI"));
    assertEquals(2, events.size());
  }

  @Test
  void closing_the_subscription_stops_notifications() throws Exception {
    AutoCloseable subscription = engine.subscribe(recorder());
    engine.run("HR", "DI");
    subscription.close();
    subscription.close();
    engine.run("HR", "DI");
    assertEquals(2, events.size());
  }

  @Test
  void runs_ending_unrecorded_are_not_reported() {
    engine.subscribe(recorder());
    engine.onRun("HR", "DI").result(ResultCodes.NO_START_CONNECTION);
    engine.run("HR", "DI");
    engine.run("HR", "Nope");
    assertEquals(List.of(), events);
  }

  @Test
  void outside_runs_are_flagged_reported_and_hold_their_ma() throws Exception {
    engine.subscribe(recorder());
    RunGate gate = engine.onRun("AD", "DS").blockUntilReleased();

    CompletableFuture<RunResult> outside = engine.startOutside("AD", "DS");
    gate.awaitStarted();

    assertEquals(EngineMaStatus.running("DS", 0), engine.status("AD"));
    assertEquals(ResultCodes.NO_START_SYNC_ALREADY_RUNNING, engine.run("HR", "DS").result());
    gate.release();
    assertEquals(RunResult.of(ResultCodes.SUCCESS, 1), outside.get(10, TimeUnit.SECONDS));

    RunRecord record = engine.awaitRun(r -> r.ma().equals("AD"), Duration.ofSeconds(10));
    assertTrue(record.outside());
    assertTrue(record.hasSync());
    assertEquals(List.of("started AD DS running=true",
        "ended AD #1 success inHistory=true running=false"), events);
  }

  @Test
  void a_refused_outside_run_is_recorded_as_outside() throws Exception {
    RunGate gate = engine.onRun("HR", "DI").blockUntilReleased();
    CompletableFuture<RunResult> ours = Async.supply(() -> engine.run("HR", "DI"));
    gate.awaitStarted();

    RunResult refused = engine.startOutside("HR", "E").get(10, TimeUnit.SECONDS);

    assertEquals(ResultCodes.NO_START_MA_ALREADY_RUNNING, refused.result());
    assertTrue(engine.refusals().getFirst().outside());
    gate.release();
    ours.get(10, TimeUnit.SECONDS);
  }

  @Test
  void a_listener_throwing_an_error_fails_the_call_but_still_frees_the_ma() {
    AutoCloseable failing = engine.subscribe(new RunListener() {
      @Override
      public void runStarted(String ma, String profile) {
        throw new AssertionError("expected by the test");
      }

      @Override
      public void runEnded(String ma, long runNumber, String result) {}
    });
    org.junit.jupiter.api.Assertions.assertThrows(AssertionError.class,
        () -> engine.run("HR", "DS"));
    assertEquals(EngineMaStatus.idle("DS", ResultCodes.SUCCESS, 1), engine.status("HR"));
    try {
      failing.close();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    assertEquals(RunResult.of(ResultCodes.SUCCESS, 2), engine.run("HR", "DS"));
  }
}
