package org.autosync.scripts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.autosync.api.ExecutionRequest;
import org.autosync.api.trigger.TriggerHealth.State;
import org.autosync.testkit.InMemoryStateStore;
import org.autosync.testkit.RunningTrigger;
import org.autosync.testkit.TriggerTestKit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Event-driven scripts: start(ctx), timers on the host's clock, ctx.fire, stop(). */
@ExtendWith(SharedRuntime.class)
class EventScriptTest {

  @TempDir Path dir;

  private static List<String> fired(RunningTrigger t) {
    return t.context().fired().stream().map(ExecutionRequest::profileName).toList();
  }

  @Test
  void timers_run_on_the_hosts_clock_and_fire_through_the_context(ScriptRuntime runtime) {
    ScriptFolder scripts = new ScriptFolder(dir, runtime);
    scripts.trigger("timers", ScriptLanguage.JAVASCRIPT, """
        let ticks = 0;
        function start(ctx) {
          ctx.timers.setTimeout(() => ctx.fire('once'), 30000);
          const every = ctx.timers.setInterval(() => {
            ticks++;
            ctx.fire('tick ' + ticks);
            if (ticks === 3) ctx.timers.clear(every);
          }, 60000);
        }
        function stop() {
          autosync.state.put('stopped', {ticks: ticks});
        }
        """);
    InMemoryStateStore state = new InMemoryStateStore();
    try (RunningTrigger t = TriggerTestKit.forFactory(scripts.factory("timers"))
        .stateStore(state).start(Map.of(), ScriptFolder.HR)) {
      assertEquals(State.HEALTHY, t.context().lastHealth().orElseThrow().state());
      t.advance(Duration.ofMinutes(10));
      assertEquals(List.of("once", "tick 1", "tick 2", "tick 3"), fired(t));
    }
    assertEquals(Optional.of("{\"ticks\":3}"), state.get("stopped"));
  }

  @Test
  void python_timers_work_alike(ScriptRuntime runtime) {
    ScriptFolder scripts = new ScriptFolder(dir, runtime);
    scripts.trigger("timers", ScriptLanguage.PYTHON, """
        ticks = [0]

        def start(ctx):
            ctx.timers.set_timeout(lambda: ctx.fire('once'), 30000)
            def tick():
                ticks[0] += 1
                ctx.fire({'profile': 'tick %d' % ticks[0]})
                if ticks[0] == 3:
                    ctx.timers.clear(every)
            every = ctx.timers.set_interval(tick, 60000)
        """);
    try (RunningTrigger t = scripts.start("timers", Map.of())) {
      t.advance(Duration.ofMinutes(10));
      assertEquals(List.of("once", "tick 1", "tick 2", "tick 3"), fired(t));
    }
  }

  @Test
  void a_failing_timer_callback_with_reset_is_logged_and_the_timers_go_on(
      ScriptRuntime runtime) {
    ScriptFolder scripts = new ScriptFolder(dir, runtime);
    scripts.trigger("flaky", ScriptLanguage.JAVASCRIPT, """
        let ticks = 0;
        function start(ctx) {
          ctx.timers.setInterval(() => {
            ticks++;
            if (ticks === 2) throw new Error('tick two');
            ctx.fire('tick ' + ticks);
          }, 60000);
        }
        """);
    try (RunningTrigger t = scripts.start("flaky", Map.of("onError", "reset"))) {
      t.advance(Duration.ofMinutes(3));
      assertEquals(List.of("tick 1", "tick 3"), fired(t));
      assertTrue(t.context().healthReports().stream().anyMatch(h -> h.state() == State.DEGRADED
          && h.message().contains("flaky/trigger.js:5: Error: tick two")));
    }
  }

  @Test
  void a_failing_start_with_reset_is_stopped_and_started_again_after_the_interval(
      ScriptRuntime runtime) {
    ScriptFolder scripts = new ScriptFolder(dir, runtime);
    scripts.trigger("starts", ScriptLanguage.JAVASCRIPT, """
        let starts = 0;
        function start(ctx) {
          starts++;
          ctx.timers.setInterval(() => ctx.fire('tick of start ' + starts), 10000);
          if (starts === 1) throw new Error('not yet');
        }
        function stop() { autosync.fire('stop'); }
        """);
    try (RunningTrigger t = scripts.start("starts", Map.of("onError", "reset",
        "interval", "1m"))) {
      assertEquals(List.of("stop"), fired(t));
      assertTrue(t.context().lastHealth().orElseThrow().message()
          .endsWith("starts again in 1m (onError: reset)"));
      t.advance(Duration.ofSeconds(70));
      assertEquals(List.of("stop", "tick of start 2"), fired(t));
      assertEquals(State.HEALTHY, t.context().lastHealth().orElseThrow().state());
    }
  }

  @Test
  void a_failing_start_with_stop_stops_the_trigger(ScriptRuntime runtime) {
    ScriptFolder scripts = new ScriptFolder(dir, runtime);
    scripts.trigger("starts", ScriptLanguage.JAVASCRIPT, """
        function start(ctx) {
          ctx.timers.setInterval(() => ctx.fire('tick'), 10000);
          throw new Error('broken');
        }
        """);
    try (RunningTrigger t = scripts.start("starts", Map.of())) {
      t.advance(Duration.ofMinutes(5));
      assertEquals(List.of(), fired(t));
      assertEquals(State.DEGRADED, t.context().lastHealth().orElseThrow().state());
    }
  }
}
