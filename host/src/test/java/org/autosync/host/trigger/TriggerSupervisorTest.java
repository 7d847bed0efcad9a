package org.autosync.host.trigger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.autosync.api.ExecutionRequest;
import org.autosync.api.ProfileType;
import org.autosync.api.RequestSource;
import org.autosync.api.engine.ManagementAgent;
import org.autosync.api.engine.Partition;
import org.autosync.api.trigger.TriggerConfig;
import org.autosync.api.trigger.TriggerContext;
import org.autosync.api.trigger.TriggerHealth;
import org.autosync.api.trigger.TriggerHealth.State;
import org.autosync.host.trigger.FakeTriggerFactory.FakeTrigger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.helpers.BasicMDCAdapter;
import org.slf4j.spi.MDCAdapter;

class TriggerSupervisorTest {

  private static final ExecutionRequest HR_DELTA =
      ExecutionRequest.ofType("HR", ProfileType.DELTA_IMPORT);

  @TempDir Path stateDirectory;

  private final ManualClock clock = new ManualClock(Instant.parse("2026-03-01T08:00:00Z"));
  private final ManualScheduler scheduler = new ManualScheduler(clock);
  private final List<ExecutionRequest> submitted = new CopyOnWriteArrayList<>();
  private volatile Consumer<ExecutionRequest> sink = submitted::add;
  private final RecordingListener events = new RecordingListener();
  private final FakeTriggerFactory factory = new FakeTriggerFactory();
  private final Map<String, ManagementAgent> engine = new ConcurrentHashMap<>(Map.of(
      "HR", ma("HR"), "AD", ma("AD"), "hr", ma("HR")));
  private TriggerSupervisor supervisor;

  @BeforeEach
  void buildSupervisor() {
    supervisor = supervisor(events);
  }

  @AfterEach
  void stopEverything() {
    supervisor.stopAll();
  }

  // --- firing ---------------------------------------------------------------------------------

  @Test
  void fired_requests_reach_the_sink_with_the_trigger_as_their_source() {
    supervisor.start(spec("hr-changes", "HR"));

    factory.latest().context().fire(HR_DELTA);

    assertEquals(
        List.of(HR_DELTA.withSource(RequestSource.trigger("hr-changes", ""))), submitted);
    assertEquals(1, events.withPrefix("fired hr-changes").size());
  }

  @Test
  void a_trigger_keeps_its_detail_but_cannot_claim_another_source() {
    supervisor.start(spec("hr-changes", "HR"));
    TriggerContext context = factory.latest().context();

    context.fire(HR_DELTA.withSource(RequestSource.trigger("hr-changes", "3 entries changed")));
    context.fire(HR_DELTA.withSource(RequestSource.operator("alice", "pretending")));

    assertEquals(List.of(RequestSource.trigger("hr-changes", "3 entries changed"),
            RequestSource.trigger("hr-changes", "pretending")),
        submitted.stream().map(ExecutionRequest::source).toList());
  }

  @Test
  void requests_for_another_ma_are_refused_and_reported_without_throwing() {
    supervisor.start(spec("hr-changes", "HR"));

    factory.latest().context().fire(ExecutionRequest.ofType("AD", ProfileType.DELTA_IMPORT));

    assertTrue(submitted.isEmpty());
    assertEquals(List.of("refused hr-changes trigger 'hr-changes' serves MA 'HR', not 'AD'"),
        events.withPrefix("refused"));
    assertEquals(State.HEALTHY, health("hr-changes").state());
  }

  @Test
  void requests_naming_the_ma_as_the_engine_spells_it_are_accepted_under_the_configured_name() {
    supervisor.start(spec("hr-changes", "hr"));
    TriggerContext context = factory.latest().context();

    context.fire(ExecutionRequest.ofType(context.managementAgent().name(), ProfileType.FULL_IMPORT));

    assertEquals(List.of("hr"), submitted.stream().map(ExecutionRequest::ma).toList());
  }

  @Test
  void a_sink_that_throws_does_not_hurt_the_trigger() {
    supervisor.start(spec("hr-changes", "HR"));
    TriggerContext context = factory.latest().context();
    sink = request -> {
      throw new IllegalStateException("queue closed");
    };

    context.fire(HR_DELTA);

    assertEquals(List.of("refused hr-changes the controller did not accept it: queue closed"),
        events.withPrefix("refused"));
    TriggerStatus status = supervisor.status("hr-changes").orElseThrow();
    assertEquals(State.HEALTHY, status.health().state());
    assertEquals(0, status.restarts());
    assertEquals(0, factory.latest().stops.get());

    sink = submitted::add;
    context.fire(HR_DELTA);
    assertEquals(1, submitted.size());
  }

  @Test
  void a_listener_that_throws_does_not_stop_requests_or_restarts() {
    supervisor = supervisor(new TriggerEventListener() {
      @Override
      public void fired(TriggerConfig trigger, ExecutionRequest request) {
        throw new IllegalStateException("listener bug");
      }

      @Override
      public void failed(TriggerConfig trigger, String reason, int failures, Duration retryIn) {
        throw new IllegalStateException("listener bug");
      }
    });
    factory.failStarts = 1;
    supervisor.start(spec("hr-changes", "HR"));
    scheduler.advance(Duration.ofSeconds(1));

    factory.latest().context().fire(HR_DELTA);

    assertEquals(1, submitted.size());
    assertEquals(State.HEALTHY, health("hr-changes").state());
  }

  // --- failures and restarts ------------------------------------------------------------------

  @Test
  void a_trigger_whose_start_throws_is_stopped_marked_failed_and_restarted_with_growing_backoff() {
    factory.failStarts = 3;

    supervisor.start(spec("hr-changes", "HR"));

    FakeTrigger first = factory.instance(1);
    assertEquals(1, first.stops.get(), "a failed start is followed by stop()");
    TriggerStatus failed = supervisor.status("hr-changes").orElseThrow();
    assertEquals(State.FAILED, failed.health().state());
    assertEquals("start failed: connection refused 1; restarting in 1s", failed.health().message());
    assertEquals("connection refused 1", failed.lastError());
    assertEquals(List.of(Duration.ofSeconds(1)), scheduler.pendingDelays());

    scheduler.advance(Duration.ofMillis(999));
    assertEquals(1, factory.created.size(), "no restart before the backoff has passed");

    scheduler.advance(Duration.ofMillis(1));
    assertEquals(List.of(Duration.ofSeconds(2)), scheduler.pendingDelays());
    scheduler.advance(Duration.ofSeconds(2));
    assertEquals(List.of(Duration.ofSeconds(4)), scheduler.pendingDelays());
    scheduler.advance(Duration.ofSeconds(4));

    assertEquals(4, factory.created.size(), "every restart uses a new instance");
    assertEquals(List.of(
            "failed hr-changes 1 PT1S start failed: connection refused 1",
            "failed hr-changes 2 PT2S start failed: connection refused 2",
            "failed hr-changes 3 PT4S start failed: connection refused 3"),
        events.withPrefix("failed"));
    assertEquals(List.of("restarted hr-changes 3"), events.withPrefix("restarted"));
    TriggerStatus recovered = supervisor.status("hr-changes").orElseThrow();
    assertEquals(State.HEALTHY, recovered.health().state());
    assertEquals(3, recovered.restarts());
    assertEquals("connection refused 3", recovered.lastError(), "the last error is kept");
    assertTrue(scheduler.pendingDelays().isEmpty());
    for (int i = 1; i <= 3; i++) {
      assertEquals(1, factory.instance(i).stops.get());
    }
    assertEquals(0, factory.instance(4).stops.get());
  }

  @Test
  void a_trigger_reporting_failed_is_stopped_and_replaced_by_a_fresh_instance() {
    supervisor.start(spec("hr-changes", "HR"));
    FakeTrigger first = factory.latest();

    first.context().reportHealth(TriggerHealth.failed("lost connection to ldap://dc1"));

    assertEquals(State.FAILED, health("hr-changes").state());
    assertEquals(0, first.stops.get(), "the trigger's own thread never runs its stop()");
    scheduler.runDueTasks();
    assertEquals(1, first.stops.get());
    assertEquals("reported failure: lost connection to ldap://dc1; restarting in 1s",
        health("hr-changes").message());

    scheduler.advance(Duration.ofSeconds(1));

    FakeTrigger second = factory.latest();
    assertNotSame(first, second);
    assertNotSame(first.context(), second.context());
    assertEquals(1, second.starts.get());
    TriggerStatus status = supervisor.status("hr-changes").orElseThrow();
    assertEquals(State.HEALTHY, status.health().state());
    assertEquals(1, status.restarts());
    assertEquals("lost connection to ldap://dc1", status.lastError());

    first.context().reportHealth(TriggerHealth.failed("late report from the old instance"));
    scheduler.runDueTasks();
    assertEquals(State.HEALTHY, health("hr-changes").state(), "old instances are not heard");
    assertEquals(2, factory.created.size());
  }

  @Test
  void a_failed_report_during_start_replaces_the_instance_after_start_returns() {
    factory.onStart = context -> context.reportHealth(TriggerHealth.failed("bad base DN"));

    supervisor.start(spec("hr-changes", "HR"));
    scheduler.runDueTasks();

    assertEquals(1, factory.latest().stops.get());
    assertEquals(List.of(Duration.ofSeconds(1)), scheduler.pendingDelays());
    assertEquals(List.of("failed hr-changes 1 PT1S reported failure: bad base DN"),
        events.withPrefix("failed"));
  }

  @Test
  void backoff_keeps_growing_until_the_trigger_reports_healthy() {
    supervisor.start(spec("hr-changes", "HR"));

    failLatest();
    assertEquals(List.of(Duration.ofSeconds(1)), scheduler.pendingDelays());
    scheduler.advance(Duration.ofSeconds(1));
    failLatest();
    assertEquals(List.of(Duration.ofSeconds(2)), scheduler.pendingDelays(),
        "starting without an own HEALTHY report does not reset the backoff");
    scheduler.advance(Duration.ofSeconds(2));

    factory.latest().context().reportHealth(TriggerHealth.healthy("connected"));
    failLatest();

    assertEquals(List.of(Duration.ofSeconds(1)), scheduler.pendingDelays());
  }

  @Test
  void a_factory_that_throws_is_treated_like_a_failed_start() {
    factory.failCreates.set(1);

    supervisor.start(spec("hr-changes", "HR"));

    TriggerStatus status = supervisor.status("hr-changes").orElseThrow();
    assertEquals(State.FAILED, status.health().state());
    assertEquals("plugin not ready", status.lastError());
    scheduler.advance(Duration.ofSeconds(1));
    assertEquals(State.HEALTHY, health("hr-changes").state());
  }

  @Test
  void an_ma_the_engine_cannot_describe_fails_the_trigger_until_it_can() {
    supervisor.start(spec("ghost-changes", "GHOST"));

    assertEquals("cannot describe MA 'GHOST': the engine has no MA named 'GHOST'; restarting in 1s",
        health("ghost-changes").message());
    assertTrue(factory.created.isEmpty());

    engine.put("GHOST", ma("GHOST"));
    scheduler.advance(Duration.ofSeconds(1));

    assertEquals(State.HEALTHY, health("ghost-changes").state());
    assertEquals("GHOST", factory.latest().context().managementAgent().name());
  }

  @Test
  void out_of_memory_in_start_is_not_contained() {
    factory.onStart = context -> {
      throw new OutOfMemoryError("simulated");
    };

    assertThrows(OutOfMemoryError.class, () -> supervisor.start(spec("hr-changes", "HR")));
  }

  // --- stopping -------------------------------------------------------------------------------

  @Test
  void tasks_scheduled_by_a_trigger_are_cancelled_when_it_stops() {
    AtomicInteger ticks = new AtomicInteger();
    AtomicInteger once = new AtomicInteger();
    factory.onStart = context -> {
      context.scheduler().scheduleAtFixedRate(
          Duration.ofMinutes(1), Duration.ofMinutes(1), ticks::incrementAndGet);
      context.scheduler().schedule(Duration.ofMinutes(10), once::incrementAndGet);
    };
    supervisor.start(spec("hr-changes", "HR"));
    scheduler.advance(Duration.ofMinutes(1));
    assertEquals(1, ticks.get());
    TriggerContext context = factory.latest().context();

    supervisor.stop("hr-changes");
    context.scheduler().schedule(Duration.ofMinutes(1), once::incrementAndGet);
    scheduler.advance(Duration.ofHours(1));

    assertEquals(1, ticks.get());
    assertEquals(0, once.get());
    assertEquals(0, scheduler.pendingCount());
  }

  @Test
  void tasks_of_a_failed_instance_stop_before_its_replacement_starts() {
    AtomicInteger ticks = new AtomicInteger();
    factory.onStart = context -> context.scheduler().scheduleAtFixedRate(
        Duration.ofMillis(100), Duration.ofMillis(100), ticks::incrementAndGet);
    supervisor.start(spec("hr-changes", "HR"));
    failLatest();

    scheduler.advance(Duration.ofMillis(900));

    assertEquals(0, ticks.get());
    scheduler.advance(Duration.ofMillis(250)); // restart at 1 s, first tick of the new one at 1.1 s
    assertEquals(1, ticks.get());
  }

  @Test
  void a_late_fire_after_stop_is_ignored() {
    supervisor.start(spec("hr-changes", "HR"));
    TriggerContext context = factory.latest().context();

    assertTrue(supervisor.stop("hr-changes"));
    context.fire(HR_DELTA);
    context.reportHealth(TriggerHealth.failed("too late"));

    assertTrue(submitted.isEmpty());
    assertTrue(events.withPrefix("fired").isEmpty());
    assertEquals(0, scheduler.pendingCount());
  }

  @Test
  void a_late_fire_from_a_replaced_instance_is_ignored() {
    supervisor.start(spec("hr-changes", "HR"));
    FakeTrigger first = factory.latest();
    failLatest();
    scheduler.advance(Duration.ofSeconds(1));

    first.context().fire(HR_DELTA);
    factory.latest().context().fire(HR_DELTA);

    assertEquals(1, submitted.size());
  }

  @Test
  void stop_cancels_a_pending_restart() {
    factory.failStarts = 1;
    supervisor.start(spec("hr-changes", "HR"));

    supervisor.stop("hr-changes");
    scheduler.advance(Duration.ofMinutes(10));

    assertEquals(1, factory.created.size());
    assertEquals(0, scheduler.pendingCount());
    assertTrue(supervisor.status().isEmpty());
  }

  @Test
  void stop_all_stops_in_reverse_start_order_and_is_idempotent() {
    supervisor.startAll(List.of(spec("a", "HR"), spec("b", "AD"), spec("c", "HR")));

    assertEquals(List.of("c", "b", "a"), supervisor.stopAll());
    assertEquals(List.of(), supervisor.stopAll());

    assertEquals(List.of("start a#1", "start b#2", "start c#3", "stop c#3", "stop b#2", "stop a#1"),
        factory.calls);
    assertEquals(List.of("stopped c", "stopped b", "stopped a"), events.withPrefix("stopped"));
    assertTrue(supervisor.status().isEmpty());
    assertFalse(supervisor.stop("a"));
  }

  @Test
  void stop_for_ma_stops_only_that_mas_triggers() {
    supervisor.startAll(List.of(spec("hr-1", "HR"), spec("ad-1", "AD"), spec("hr-2", "HR")));

    assertEquals(List.of("hr-2", "hr-1"), supervisor.stopForMa("HR"));

    assertEquals(List.of("ad-1"), supervisor.status().stream().map(TriggerStatus::id).toList());
  }

  @Test
  void a_trigger_whose_stop_throws_is_still_stopped() {
    supervisor.startAll(List.of(spec("a", "HR"), spec("b", "HR")));
    factory.throwOnStop = true;

    assertEquals(List.of("b", "a"), supervisor.stopAll());
    assertEquals(List.of("stopped b", "stopped a"), events.withPrefix("stopped"));
  }

  @Test
  void a_stopped_trigger_can_be_started_again() {
    supervisor.start(spec("hr-changes", "HR"));
    supervisor.stop("hr-changes");

    supervisor.start(spec("hr-changes", "HR"));

    assertEquals(2, factory.created.size());
    assertEquals(State.HEALTHY, health("hr-changes").state());
  }

  // --- starting -------------------------------------------------------------------------------

  @Test
  void start_refuses_a_running_id_and_start_all_checks_every_id_before_starting_any() {
    supervisor.start(spec("hr-changes", "HR"));

    IllegalArgumentException duplicate = assertThrows(IllegalArgumentException.class,
        () -> supervisor.start(spec("hr-changes", "HR")));
    IllegalArgumentException badId = assertThrows(IllegalArgumentException.class,
        () -> supervisor.startAll(List.of(spec("ad-changes", "AD"), spec("../etc", "AD"))));

    assertTrue(duplicate.getMessage().contains("'hr-changes'"), duplicate.getMessage());
    assertTrue(badId.getMessage().contains("'../etc'"), badId.getMessage());
    assertEquals(1, factory.created.size());
    assertEquals(List.of("hr-changes"),
        supervisor.status().stream().map(TriggerStatus::id).toList());
  }

  @Test
  void a_spec_whose_factory_makes_another_type_is_refused() {
    TriggerConfig config = new TriggerConfig("hr", "interval", "HR", Map.of());

    assertThrows(IllegalArgumentException.class, () -> new TriggerSpec(factory, config));
  }

  @Test
  void calls_into_the_trigger_carry_ma_and_trigger_in_the_mdc() {
    MDCAdapter bindingMdc = MdcScope.adapter;
    MDCAdapter mdc = new BasicMDCAdapter(); // slf4j-simple's MDC keeps nothing
    MdcScope.adapter = mdc;
    try {
      List<String> seen = new CopyOnWriteArrayList<>();
      factory.onStart = context -> {
        seen.add("start " + mdc.get("ma") + " " + mdc.get("trigger"));
        seen.add("logger " + context.log().getName());
        context.scheduler().schedule(Duration.ofSeconds(5),
            () -> seen.add("task " + mdc.get("ma") + " " + mdc.get("trigger")));
      };
      mdc.put("trigger", "caller's own");

      supervisor.start(spec("hr-changes", "HR"));
      assertEquals("caller's own", mdc.get("trigger"), "the caller's MDC is restored");
      assertNull(mdc.get("ma"));
      scheduler.advance(Duration.ofSeconds(5));

      assertEquals(List.of(
              "start HR hr-changes", "logger autosync.trigger.hr-changes", "task HR hr-changes"),
          seen);
    } finally {
      MdcScope.adapter = bindingMdc;
    }
  }

  @Test
  void the_context_offers_clock_state_and_secrets() throws Exception {
    factory.onStart = context -> {
      String previous = context.state().get("usn").orElse("none");
      context.state().put("usn", previous.equals("none") ? "42" : previous + "+1");
    };
    supervisor.start(spec("hr-changes", "HR"));
    TriggerContext context = factory.latest().context();

    assertEquals(clock.instant(), context.clock().instant());
    assertEquals("s3cret", context.resolveSecret("${env:LDAP_PASSWORD}"));
    assertEquals("literal", context.resolveSecret("literal"));

    failLatest();
    scheduler.advance(Duration.ofSeconds(1));

    assertEquals("42+1", factory.latest().context().state().get("usn").orElseThrow(),
        "the new instance sees what the old one saved");
    String saved = Files.readString(stateDirectory.resolve("hr-changes.json"));
    assertTrue(saved.contains("\"42+1\""), saved);
  }

  // --- helpers --------------------------------------------------------------------------------

  private TriggerSupervisor supervisor(TriggerEventListener listener) {
    return TriggerSupervisor.builder()
        .managementAgents(name -> {
          ManagementAgent ma = engine.get(name);
          if (ma == null) {
            throw new IllegalArgumentException("the engine has no MA named '" + name + "'");
          }
          return ma;
        })
        .sink(request -> sink.accept(request))
        .clock(clock)
        .scheduler(scheduler)
        .stateDirectory(stateDirectory)
        .secrets(new SecretResolver(Map.of("LDAP_PASSWORD", "s3cret")::get))
        .listener(listener)
        .restartPolicy(RestartPolicy.exponential(
            Duration.ofSeconds(1), 2.0, Duration.ofMinutes(5)))
        .build();
  }

  private void failLatest() {
    factory.latest().context().reportHealth(TriggerHealth.failed("lost connection"));
    scheduler.runDueTasks();
  }

  private TriggerHealth health(String id) {
    return supervisor.status(id).orElseThrow().health();
  }

  private TriggerSpec spec(String id, String ma) {
    return new TriggerSpec(factory, config(id, ma));
  }

  private static TriggerConfig config(String id, String ma) {
    return new TriggerConfig(id, FakeTriggerFactory.TYPE, ma, Map.of());
  }

  private static ManagementAgent ma(String name) {
    return new ManagementAgent("guid-" + name, name, "AD",
        List.of(Partition.named(Partition.DEFAULT)), List.of(), Set.of(), Map.of());
  }
}
