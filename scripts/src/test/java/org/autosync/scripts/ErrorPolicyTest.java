package org.autosync.scripts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.autosync.api.ExecutionRequest;
import org.autosync.api.trigger.TriggerHealth;
import org.autosync.api.trigger.TriggerHealth.State;
import org.autosync.testkit.RunningTrigger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Runaway and failing scripts are stopped, reported with file and line, and handled per onError. */
@ExtendWith(SharedRuntime.class)
class ErrorPolicyTest {

  @TempDir Path dir;

  private static final String RUNAWAY_ON_FIRST_POLL_JS = """
      let polls = 0;
      function poll(ctx) {
        polls++;
        while (polls === 1) { }
        return 'DI';
      }
      """;

  private static List<String> fired(RunningTrigger t) {
    return t.context().fired().stream().map(ExecutionRequest::profileName).toList();
  }

  @Test
  void a_runaway_loop_is_stopped_and_logged_with_file_and_line_then_reset_goes_on(
      ScriptRuntime runtime) {
    ScriptFolder scripts = new ScriptFolder(dir, runtime);
    scripts.trigger("runaway", ScriptLanguage.JAVASCRIPT, RUNAWAY_ON_FIRST_POLL_JS);
    try (RunningTrigger t = scripts.start("runaway",
        Map.of("timeout", "300ms", "onError", "reset", "interval", "1m"))) {
      TriggerHealth health = t.context().lastHealth().orElseThrow();
      assertEquals(State.DEGRADED, health.state(), health.toString());
      assertTrue(health.message().contains("poll(ctx) of 'runaway/trigger.js' ran longer than its"
          + " timeout of 300ms and was stopped at runaway/trigger.js:4"), health.message());
      assertTrue(health.message().contains("polls again in 1m (onError: reset)"),
          health.message());
      assertEquals(List.of(), fired(t));

      t.advance(Duration.ofMinutes(1)); // same context, still usable after the interrupt
      assertEquals(List.of("DI"), fired(t));
      assertEquals(State.HEALTHY, t.context().lastHealth().orElseThrow().state());
    }
  }

  @Test
  void a_runaway_loop_with_on_error_stop_stops_the_trigger_without_asking_for_a_restart(
      ScriptRuntime runtime) {
    ScriptFolder scripts = new ScriptFolder(dir, runtime);
    scripts.trigger("runaway", ScriptLanguage.JAVASCRIPT, RUNAWAY_ON_FIRST_POLL_JS);
    try (RunningTrigger t = scripts.start("runaway", Map.of("timeout", "300ms",
        "interval", "1m"))) {
      t.advance(Duration.ofMinutes(5));
      assertEquals(List.of(), fired(t));
      TriggerHealth health = t.context().lastHealth().orElseThrow();
      assertEquals(State.DEGRADED, health.state(), "FAILED would make the host restart it");
      assertTrue(health.message().startsWith("stopped after an error (onError: stop): poll(ctx)"
          + " of 'runaway/trigger.js' ran longer"), health.message());
      assertEquals(0, t.scheduler().pendingCount() - 1, "only the reload check is left");
    }
  }

  @Test
  void a_runaway_python_loop_is_stopped_and_logged_with_its_file(ScriptRuntime runtime) {
    ScriptFolder scripts = new ScriptFolder(dir, runtime);
    scripts.trigger("spin", ScriptLanguage.PYTHON, """
        polls = [0]

        def poll(ctx):
            polls[0] += 1
            while polls[0] == 1:
                pass
            return 'DI'
        """);
    try (RunningTrigger t = scripts.start("spin",
        Map.of("timeout", "500ms", "onError", "reset", "interval", "1m"))) {
      TriggerHealth health = t.context().lastHealth().orElseThrow();
      assertEquals(State.DEGRADED, health.state(), health.toString());
      assertTrue(health.message().contains("ran longer than its timeout of 500ms and was stopped"
          + " at spin/trigger.py:3"), health.message()); // GraalPy reports the function's line
      t.advance(Duration.ofMinutes(1));
      assertEquals(List.of("DI"), fired(t));
    }
  }

  @Test
  void an_exception_is_reported_with_its_message_file_and_line(ScriptRuntime runtime) {
    ScriptFolder scripts = new ScriptFolder(dir, runtime);
    scripts.trigger("boom", ScriptLanguage.JAVASCRIPT, """
        function poll(ctx) {
          const rows = ctx.params.rows;
          throw new Error('no table ' + rows);
        }
        """);
    try (RunningTrigger t = scripts.start("boom", Map.of("onError", "reset"))) {
      TriggerHealth health = t.context().lastHealth().orElseThrow();
      assertEquals(State.DEGRADED, health.state());
      assertTrue(health.message().contains("poll(ctx) of 'boom/trigger.js' failed at"
          + " boom/trigger.js:3: Error: no table undefined"), health.message());
      assertEquals(health.message().substring(0, health.message().indexOf("; polls again")),
          health.lastError());
    }
  }

  @Test
  void a_poll_result_that_is_not_a_request_counts_as_an_error(ScriptRuntime runtime) {
    ScriptFolder scripts = new ScriptFolder(dir, runtime);
    scripts.trigger("odd", ScriptLanguage.JAVASCRIPT, "function poll(ctx) { return 42; }");
    try (RunningTrigger t = scripts.start("odd", Map.of())) {
      TriggerHealth health = t.context().lastHealth().orElseThrow();
      assertEquals(State.DEGRADED, health.state());
      assertTrue(health.message().contains("returned something that is not a request: expected"
          + " nothing, true, a run profile name"), health.message());
    }
  }

  @Test
  void a_script_that_does_not_load_fails_the_trigger_so_that_the_host_restarts_it(
      ScriptRuntime runtime) {
    ScriptFolder scripts = new ScriptFolder(dir, runtime);
    scripts.trigger("broken", ScriptLanguage.JAVASCRIPT, "function poll(ctx) {\n  return 'DI'\n");
    try (RunningTrigger t = scripts.start("broken", Map.of())) {
      TriggerHealth health = t.context().lastHealth().orElseThrow();
      assertEquals(State.FAILED, health.state());
      assertTrue(health.message().contains("loading of 'broken/trigger.js' has a syntax error at"
          + " broken/trigger.js:"), health.message());
    }
  }

  @Test
  void a_script_without_poll_or_start_fails_with_what_to_define(ScriptRuntime runtime) {
    ScriptFolder scripts = new ScriptFolder(dir, runtime);
    scripts.trigger("empty", ScriptLanguage.JAVASCRIPT, "const x = 1;");
    try (RunningTrigger t = scripts.start("empty", Map.of())) {
      TriggerHealth health = t.context().lastHealth().orElseThrow();
      assertEquals(State.FAILED, health.state());
      assertTrue(health.message().contains("must define either poll(ctx)"), health.message());
    }
  }
}
