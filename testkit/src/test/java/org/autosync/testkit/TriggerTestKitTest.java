package org.autosync.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.autosync.api.ExecutionRequest;
import org.autosync.api.ProfileType;
import org.autosync.api.RequestSource;
import org.autosync.api.engine.ManagementAgent;
import org.autosync.api.trigger.Cancellable;
import org.autosync.api.trigger.ParameterDescriptor;
import org.autosync.api.trigger.ParameterType;
import org.autosync.api.trigger.Trigger;
import org.autosync.api.trigger.TriggerConfig;
import org.autosync.api.trigger.TriggerContext;
import org.autosync.api.trigger.TriggerFactory;
import org.autosync.api.trigger.TriggerHealth;
import org.autosync.api.trigger.TriggerType;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class TriggerTestKitTest {

  /** A tiny trigger: fires a delta import every {@code every}, counting its ticks in its state. */
  static class TickerFactory implements TriggerFactory {
    @Override
    public TriggerType type() {
      return new TriggerType("ticker", "Ticker", "Delta import at a fixed interval", List.of(
          ParameterDescriptor.optional("every", ParameterType.DURATION, "1m", "How often"),
          ParameterDescriptor.required("label", ParameterType.STRING, "A label"),
          ParameterDescriptor.optional("password", ParameterType.SECRET, null, "A secret"),
          ParameterDescriptor.optional("failStart", ParameterType.BOOLEAN, "false", "Fail")));
    }

    @Override
    public Trigger create(TriggerConfig config) {
      return new Ticker(config);
    }
  }

  static final class Ticker implements Trigger {
    private final TriggerConfig config;
    private @Nullable Cancellable task;
    volatile boolean stopped;
    volatile @Nullable String password;

    Ticker(TriggerConfig config) {
      this.config = config;
    }

    @Override
    public void start(TriggerContext ctx) {
      if (config.bool("failStart")) {
        throw new IllegalStateException("cannot connect");
      }
      password = config.value("password").map(ctx::resolveSecret).orElse(null);
      ctx.reportHealth(TriggerHealth.healthy("ticking every " + config.duration("every")));
      String ma = ctx.managementAgent().name();
      task = ctx.scheduler().scheduleAtFixedRate(config.duration("every"), config.duration("every"),
          () -> {
            long ticks = ctx.state().get("ticks").map(Long::parseLong).orElse(0L) + 1;
            ctx.state().put("ticks", Long.toString(ticks));
            ctx.fire(ExecutionRequest.ofType(ma, ProfileType.DELTA_IMPORT));
          });
    }

    @Override
    public void stop() {
      stopped = true;
      if (task != null) {
        task.cancel();
      }
    }
  }

  private final ManagementAgent hr =
      FakeEngine.builder().ma("HR").ma("AD").build().managementAgents().getFirst();

  @Test
  void fires_on_schedule_with_its_own_id_as_source() {
    try (RunningTrigger running =
        TriggerTestKit.start(new TickerFactory(), Map.of("label", "x", "every", "5m"), hr)) {
      assertEquals(0, running.advance(Duration.ofMinutes(4)));
      assertEquals(2, running.advance(Duration.ofMinutes(6)));

      List<ExecutionRequest> fired = running.context().fired();
      assertEquals(2, fired.size());
      assertEquals(ExecutionRequest.ofType("HR", ProfileType.DELTA_IMPORT)
          .withSource(RequestSource.trigger("ticker", "")), fired.getFirst());
      assertEquals(Instant.parse("2026-01-05T08:10:00Z"), running.clock().instant());
      assertEquals(Optional.of("2"), running.context().state().get("ticks"));
    }
  }

  @Test
  void fills_in_defaults_from_the_descriptors() {
    try (RunningTrigger running = TriggerTestKit.start(new TickerFactory(), Map.of("label", "x"),
        hr)) {
      assertEquals(Map.of("label", "x", "every", "1m", "failStart", "false"),
          running.config().values());
      assertEquals("ticker", running.config().id());
      assertEquals("HR", running.config().ma());
      assertEquals(Optional.of(TriggerHealth.healthy("ticking every PT1M")),
          running.context().lastHealth());
    }
  }

  @Test
  void refuses_an_invalid_configuration_listing_every_problem() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> TriggerTestKit.start(new TickerFactory(), Map.of("every", "often", "colour", "red"),
            hr));
    assertTrue(e.getMessage().contains("label: is required"), e.getMessage());
    assertTrue(e.getMessage().contains("every: expected a duration"), e.getMessage());
    assertTrue(e.getMessage().contains("colour: is not a parameter"), e.getMessage());
  }

  @Test
  void stopping_cancels_the_tasks_the_trigger_scheduled() {
    RunningTrigger running = TriggerTestKit.start(new TickerFactory(), Map.of("label", "x"), hr);
    assertEquals(1, running.context().scheduledTaskCount());

    running.stop();
    running.stop();

    assertTrue(running.isStopped());
    assertTrue(((Ticker) running.trigger()).stopped);
    assertEquals(0, running.scheduler().pendingCount());
    assertEquals(0, running.advance(Duration.ofHours(1)));
    assertEquals(List.of(), running.context().fired());
  }

  @Test
  void tasks_a_leaky_trigger_left_behind_are_cancelled_too() {
    TriggerFactory leaky = new TickerFactory() {
      @Override
      public Trigger create(TriggerConfig config) {
        return new Trigger() {
          @Override
          public void start(TriggerContext ctx) {
            ctx.scheduler().scheduleAtFixedRate(Duration.ZERO, Duration.ofSeconds(1),
                () -> ctx.fire(ExecutionRequest.ofProfile("HR", "DI")));
            ctx.scheduler().schedule(Duration.ofMinutes(5),
                () -> ctx.fire(ExecutionRequest.ofProfile("HR", "FI")));
          }

          @Override
          public void stop() {}
        };
      }
    };
    RunningTrigger running = TriggerTestKit.start(leaky, Map.of("label", "x"), hr);
    assertEquals(1, running.scheduler().runDue());

    running.close();

    assertEquals(0, running.scheduler().pendingCount());
    running.context().scheduler().schedule(Duration.ZERO,
        () -> running.context().fire(ExecutionRequest.ofProfile("HR", "DS")));
    assertEquals(0, running.advance(Duration.ofHours(1)));
    assertEquals(1, running.context().fired().size());
  }

  @Test
  void a_trigger_failing_to_start_is_stopped_and_reported() {
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> TriggerTestKit
        .start(new TickerFactory(), Map.of("label", "x", "failStart", "true"), hr));
    assertTrue(e.getMessage().contains("failed to start"), e.getMessage());
    assertEquals("cannot connect", e.getCause().getMessage());
  }

  @Test
  void secrets_resolve_from_the_values_given() {
    try (RunningTrigger running = TriggerTestKit.forFactory(new TickerFactory())
        .triggerId("hr-ticker")
        .withSecret("${env:HR_PASSWORD}", "s3cret")
        .start(Map.of("label", "x", "password", "${env:HR_PASSWORD}"), hr)) {
      assertEquals("s3cret", ((Ticker) running.trigger()).password);
      RecordingTriggerContext ctx = running.context();
      assertEquals("plain", ctx.resolveSecret("plain"));
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> ctx.resolveSecret("${file:/run/secrets/other}"));
      assertTrue(e.getMessage().contains("${file:/run/secrets/other}"), e.getMessage());
      assertThrows(IllegalArgumentException.class, () -> ctx.resolveSecret("${vault:x}"));
      ctx.withSecret("${file:/run/secrets/other}", "from-file");
      assertEquals("from-file", ctx.resolveSecret("${file:/run/secrets/other}"));
      assertEquals("hr-ticker", running.config().id());
    }
  }

  @Test
  void an_unresolvable_secret_fails_the_start() {
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> TriggerTestKit
        .start(new TickerFactory(), Map.of("label", "x", "password", "${env:MISSING}"), hr));
    assertTrue(e.getCause().getMessage().contains("${env:MISSING}"));
  }

  @Test
  void state_survives_a_restart_when_the_store_is_shared() {
    InMemoryStateStore state = new InMemoryStateStore();
    ManualClock clock = ManualClock.startingAt("2026-02-01T00:00:00Z");
    TriggerTestKit kit = TriggerTestKit.forFactory(new TickerFactory()).stateStore(state)
        .clock(clock);
    try (RunningTrigger first = kit.start(Map.of("label", "x"), hr)) {
      first.advance(Duration.ofMinutes(3));
    }
    try (RunningTrigger second = kit.start(Map.of("label", "x"), hr)) {
      second.advance(Duration.ofMinutes(1));
      assertEquals(Instant.parse("2026-02-01T00:04:00Z"), second.clock().instant());
    }
    assertEquals(Map.of("ticks", "4"), state.snapshot());
  }

  @Test
  void the_context_keeps_an_explicit_source_and_refuses_other_mas() {
    TriggerConfig config = new TriggerConfig("t1", "ticker", "HR", Map.of());
    RecordingTriggerContext ctx = new RecordingTriggerContext(config, hr);
    RequestSource own = RequestSource.trigger("t1", "3 entries changed");

    ctx.fire(ExecutionRequest.ofProfile("HR", "DI").withSource(own));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ctx.fire(ExecutionRequest.ofProfile("AD", "DI")));

    assertTrue(e.getMessage().contains("'AD'"), e.getMessage());
    assertEquals(List.of(ExecutionRequest.ofProfile("HR", "DI").withSource(own)), ctx.fired());
    ctx.clearFired();
    assertEquals(List.of(), ctx.fired());
  }

  @Test
  void await_fired_waits_for_requests_fired_on_other_threads() {
    RecordingTriggerContext ctx =
        new RecordingTriggerContext(new TriggerConfig("t1", "ticker", "HR", Map.of()), hr);
    Thread.ofPlatform().start(() -> {
      ctx.reportHealth(TriggerHealth.healthy("listening"));
      ctx.fire(ExecutionRequest.ofType("HR", ProfileType.DELTA_IMPORT));
      ctx.fire(ExecutionRequest.ofType("HR", ProfileType.FULL_IMPORT));
    });

    List<ExecutionRequest> fired = ctx.awaitFired(2, Duration.ofSeconds(10));

    assertEquals(2, fired.size());
    assertEquals("listening", ctx.awaitHealth(TriggerHealth.State.HEALTHY, Duration.ofSeconds(10))
        .message());
    assertEquals(1, ctx.healthReports().size());
  }

  @Test
  void await_fired_fails_with_what_was_fired() {
    RecordingTriggerContext ctx =
        new RecordingTriggerContext(new TriggerConfig("t1", "ticker", "HR", Map.of()), hr);
    ctx.fire(ExecutionRequest.ofProfile("HR", "DI"));
    AssertionError e =
        assertThrows(AssertionError.class, () -> ctx.awaitFired(2, Duration.ofMillis(1)));
    assertTrue(e.getMessage().contains("fired 1"), e.getMessage());
    assertFalse(ctx.lastHealth().isPresent());
  }

  @Test
  void a_context_refuses_a_config_for_another_ma() {
    assertThrows(IllegalArgumentException.class, () -> new RecordingTriggerContext(
        new TriggerConfig("t1", "ticker", "AD", Map.of()), hr));
  }

  @Test
  void with_secret_refuses_text_that_is_not_a_reference() {
    RecordingTriggerContext ctx =
        new RecordingTriggerContext(new TriggerConfig("t1", "ticker", "HR", Map.of()), hr);
    assertThrows(IllegalArgumentException.class, () -> ctx.withSecret("HR_PASSWORD", "x"));
  }

  @Test
  void last_import_is_unknown_until_the_test_sets_it() {
    RecordingTriggerContext ctx =
        new RecordingTriggerContext(new TriggerConfig("t1", "ticker", "HR", Map.of()), hr);
    assertEquals(Optional.empty(), ctx.lastImport());
    Instant finished = Instant.parse("2026-01-05T07:55:00Z");
    assertEquals(Optional.of(finished), ctx.setLastImport(finished).lastImport());
    assertEquals(Optional.empty(), ctx.setLastImport(null).lastImport());
  }
}
