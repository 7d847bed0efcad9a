package org.autosync.host.controller;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.autosync.api.ProfileType;
import org.autosync.api.engine.ResultCodes;
import org.autosync.host.controller.ControllerEvent.Severity;
import org.autosync.host.controller.ControllerEvent.Type;
import org.autosync.testkit.RunRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

class ControllerResultTest {

  private static Harness oneMa(java.util.function.UnaryOperator<ControllerSettings> s) {
    return new Harness(b -> b.ma("HR", ma -> ma.standardProfiles()), s);
  }

  private static List<String> results(Harness h) {
    return h.engine.runs().stream().filter(RunRecord::recorded).map(RunRecord::result).toList();
  }

  @Test
  void a_deadlock_is_retried_after_a_backoff() {
    try (Harness h = oneMa(s -> s).start()) {
      h.engine.onRun("HR", "DI").result(ResultCodes.STOPPED_DEADLOCKED);
      h.submit("HR", ProfileType.DELTA_IMPORT);
      var retry = h.events.await(Type.RETRY_SCHEDULED, "HR");
      assertTrue(retry.message().contains("retry 1 of 5"), retry.message());
      assertEquals(MaState.WAITING, h.controller.status("HR").state());
      h.scheduler.advance(Duration.ofSeconds(6)); // 5 s ± 20%
      h.awaitQuiet();
      assertEquals(List.of(ResultCodes.STOPPED_DEADLOCKED, ResultCodes.SUCCESS), results(h));
    }
  }

  @Test
  void retries_are_bounded_and_then_alert() {
    var policy = new RetryPolicy(2, Duration.ofSeconds(1), 2, Duration.ofSeconds(10), 0);
    try (Harness h = oneMa(s -> s.withRetry(policy)).start()) {
      for (int i = 0; i < 3; i++) {
        h.engine.onRun("HR", "DI").result(ResultCodes.STOPPED_CONNECTIVITY);
      }
      h.submit("HR", ProfileType.DELTA_IMPORT);
      h.events.await(Type.RETRY_SCHEDULED, e -> e.message().contains("retry 1 of 2"));
      h.scheduler.advance(Duration.ofSeconds(1));
      h.events.await(Type.RETRY_SCHEDULED, e -> e.message().contains("retry 2 of 2"));
      h.scheduler.advance(Duration.ofSeconds(2));
      var exhausted = h.events.await(Type.RETRIES_EXHAUSTED, "HR");
      assertEquals(Severity.ALERT, exhausted.severity());
      h.awaitQuiet();
      assertEquals(3, h.engine.runs().size());
    }
  }

  @Test
  void a_busy_ma_is_waited_for_and_run_again() {
    try (Harness h = oneMa(s -> s).start()) {
      h.engine.onRun("HR", "DI").result(ResultCodes.NO_START_MA_ALREADY_RUNNING);
      h.submit("HR", ProfileType.DELTA_IMPORT);
      h.events.await(Type.RETRY_SCHEDULED, "HR");
      h.scheduler.advance(Duration.ofSeconds(2));
      h.awaitQuiet();
      assertEquals(List.of(ResultCodes.SUCCESS), results(h), "the refusal is not a run");
    }
  }

  @Test
  void a_delta_import_without_a_watermark_leads_to_a_full_import() {
    try (Harness h = oneMa(s -> s).start()) {
      h.engine.onRun("HR", "DI").result(ResultCodes.NO_START_FULL_IMPORT_REQUIRED);
      h.submit("HR", ProfileType.DELTA_IMPORT);
      h.awaitQuiet();
      assertEquals(List.of("HR DI", "HR FI"), h.runs());
      assertEquals(List.of(ResultCodes.SUCCESS), results(h), "the refused DI is not recorded");
      var queued = h.events.of(Type.REQUEST_QUEUED, "HR").getLast();
      assertTrue(queued.message().contains("a full import of 'default' is needed"),
          queued.message());
    }
  }

  @Test
  void a_fatal_result_alerts_and_is_not_retried() {
    try (Harness h = oneMa(s -> s).start()) {
      h.engine.onRun("HR", "DI").result(ResultCodes.ACCESS_DENIED);
      h.submit("HR", ProfileType.DELTA_IMPORT);
      h.awaitQuiet();
      assertEquals(List.of(ResultCodes.ACCESS_DENIED), results(h));
      assertTrue(h.events.of(Type.RUN_ENDED, "HR").stream()
          .anyMatch(e -> e.severity() == Severity.ALERT && e.message().contains("not retried")));
      assertEquals(List.of(), h.events.of(Type.RETRY_SCHEDULED));
    }
  }

  @Test
  void a_run_over_its_time_limit_is_stopped_in_the_engine_and_not_retried() {
    try (Harness h = oneMa(s -> s.withDefaultTimeLimit(Duration.ofMinutes(1))).start()) {
      var gate = h.engine.onRun("HR", "DI").blockUntilReleased();
      h.submit("HR", ProfileType.DELTA_IMPORT);
      gate.awaitStarted();
      h.scheduler.advance(Duration.ofMinutes(1));
      var exceeded = h.events.await(Type.TIME_LIMIT_EXCEEDED, "HR");
      assertEquals(Severity.ALERT, exceeded.severity());
      h.awaitQuiet();
      assertEquals(List.of(ResultCodes.STOPPED_USER_TERMINATION), results(h));
      assertEquals(List.of(), h.events.of(Type.RETRY_SCHEDULED));
    }
  }

  @Test
  void a_per_profile_time_limit_overrides_the_default() {
    try (Harness h = oneMa(s -> s.withMa(MaSettings.enabled("HR")
        .withTimeLimits(java.util.Map.of("DI", Duration.ofSeconds(5))))).start()) {
      var gate = h.engine.onRun("HR", "DI").blockUntilReleased();
      h.submit("HR", ProfileType.DELTA_IMPORT);
      gate.awaitStarted();
      h.scheduler.advance(Duration.ofSeconds(5));
      h.events.await(Type.TIME_LIMIT_EXCEEDED, "HR");
      h.awaitQuiet();
    }
  }

  @Test
  void an_engine_that_throws_is_reported_and_the_run_retried() {
    var h = oneMa(s -> s);
    var failing = new FailingOnceEngine(h.engine);
    var controller = new ExecutionController(failing,
        ControllerSettings.defaults().withMa(MaSettings.enabled("HR")), h.clock, h.scheduler);
    var events = new EventRecorder();
    controller.events().subscribe(events);
    try (h; controller) {
      controller.start();
      controller.submit(org.autosync.api.ExecutionRequest.ofType("HR", ProfileType.DELTA_IMPORT));
      var error = events.await(Type.ENGINE_ERROR, "HR");
      assertTrue(error.message().contains("connection refused"), error.message());
      events.await(Type.RETRY_SCHEDULED, "HR");
      h.scheduler.advance(Duration.ofSeconds(6));
      Awaitility.await().until(() -> h.engine.runs().size() == 1);
      Awaitility.await().until(controller::isQuiet);
    }
  }

  /** Throws from the first run, as an engine whose service is down would. */
  private static final class FailingOnceEngine implements org.autosync.api.engine.SyncEngine {
    private final org.autosync.api.engine.SyncEngine delegate;
    private boolean failed;

    FailingOnceEngine(org.autosync.api.engine.SyncEngine delegate) {
      this.delegate = delegate;
    }

    @Override
    public String name() {
      return "failing-once";
    }

    @Override
    public List<org.autosync.api.engine.ManagementAgent> managementAgents() {
      return delegate.managementAgents();
    }

    @Override
    public org.autosync.api.engine.EngineMaStatus status(String ma) {
      return delegate.status(ma);
    }

    @Override
    public synchronized org.autosync.api.engine.RunResult run(String ma, String profile) {
      if (!failed) {
        failed = true;
        throw new org.autosync.api.engine.EngineException("connection refused");
      }
      return delegate.run(ma, profile);
    }

    @Override
    public void stop(String ma) {
      delegate.stop(ma);
    }

    @Override
    public java.util.Optional<org.autosync.api.engine.RunDetails> runDetails(String ma, long n) {
      return delegate.runDetails(ma, n);
    }

    @Override
    public org.autosync.api.engine.PendingWork pendingWork(String ma) {
      return delegate.pendingWork(ma);
    }
  }
}
