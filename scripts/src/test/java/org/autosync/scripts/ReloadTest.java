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
import org.autosync.testkit.InMemoryStateStore;
import org.autosync.testkit.RunningTrigger;
import org.autosync.testkit.TriggerTestKit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Edited script files are picked up without a restart; a broken edit leaves the old one running. */
@ExtendWith(SharedRuntime.class)
class ReloadTest {

  @TempDir Path dir;

  private static List<String> fired(RunningTrigger t) {
    return t.context().fired().stream().map(ExecutionRequest::profileName).toList();
  }

  @Test
  void an_edited_script_is_reloaded_and_polls_at_once(ScriptRuntime runtime) {
    ScriptFolder scripts = new ScriptFolder(dir, runtime);
    Path file = scripts.trigger("edit", ScriptLanguage.JAVASCRIPT,
        "function poll(ctx) { return 'A'; }");
    try (RunningTrigger t = scripts.start("edit", Map.of("interval", "1m"))) {
      assertEquals(List.of("A"), fired(t));
      ScriptFolder.write(file, "function poll(ctx) { return 'B'; }");
      t.advance(SharedRuntime.RELOAD_CHECK);
      assertEquals(List.of("A", "B"), fired(t));
      t.advance(Duration.ofMinutes(1));
      assertEquals(List.of("A", "B", "B"), fired(t));
    }
  }

  @Test
  void a_broken_edit_keeps_the_old_version_running_and_reports_the_error(ScriptRuntime runtime) {
    ScriptFolder scripts = new ScriptFolder(dir, runtime);
    Path file = scripts.trigger("edit", ScriptLanguage.JAVASCRIPT,
        "function poll(ctx) { return 'A'; }");
    try (RunningTrigger t = scripts.start("edit", Map.of("interval", "1m"))) {
      ScriptFolder.write(file, "function poll(ctx) {\n  return 'B';\n");
      t.advance(SharedRuntime.RELOAD_CHECK);
      TriggerHealth health = t.context().lastHealth().orElseThrow();
      assertEquals(State.DEGRADED, health.state());
      assertTrue(health.message().startsWith("reloading 'edit/trigger.js' failed, so the previous"
          + " version keeps running: loading of 'edit/trigger.js' has a syntax error at"
          + " edit/trigger.js:"), health.message());

      t.advance(Duration.ofMinutes(1));
      assertEquals(List.of("A", "A"), fired(t));
      assertEquals(State.HEALTHY, t.context().lastHealth().orElseThrow().state());
      long reports = t.context().healthReports().size();
      t.advance(SharedRuntime.RELOAD_CHECK.multipliedBy(3)); // the same broken file: not again
      assertEquals(reports, t.context().healthReports().size());

      ScriptFolder.write(file, "function poll(ctx) { return 'C'; }");
      t.advance(SharedRuntime.RELOAD_CHECK);
      assertEquals("C", fired(t).getLast());
    }
  }

  @Test
  void an_edit_starts_a_script_stopped_by_its_error_policy_again(ScriptRuntime runtime) {
    ScriptFolder scripts = new ScriptFolder(dir, runtime);
    Path file = scripts.trigger("edit", ScriptLanguage.JAVASCRIPT,
        "function poll(ctx) { throw new Error('bug'); }");
    try (RunningTrigger t = scripts.start("edit", Map.of("interval", "1m"))) {
      t.advance(Duration.ofMinutes(2));
      assertTrue(t.context().lastHealth().orElseThrow().message().startsWith("stopped"));
      ScriptFolder.write(file, "function poll(ctx) { return 'fixed'; }");
      t.advance(SharedRuntime.RELOAD_CHECK);
      assertEquals(List.of("fixed"), fired(t));
      assertEquals(State.HEALTHY, t.context().lastHealth().orElseThrow().state());
    }
  }

  @Test
  void an_event_script_is_stopped_before_its_new_version_starts(ScriptRuntime runtime) {
    ScriptFolder scripts = new ScriptFolder(dir, runtime);
    Path file = scripts.trigger("events", ScriptLanguage.JAVASCRIPT, """
        function start(ctx) { ctx.fire('start v1'); }
        function stop() { autosync.fire('stop v1'); }
        """);
    InMemoryStateStore state = new InMemoryStateStore();
    try (RunningTrigger t = TriggerTestKit.forFactory(scripts.factory("events"))
        .stateStore(state).start(Map.of(), ScriptFolder.HR)) {
      ScriptFolder.write(file, """
          function start(ctx) { ctx.fire('start v2'); }
          function stop() { autosync.fire('stop v2'); autosync.state.put('stopped', 'v2'); }
          """);
      t.advance(SharedRuntime.RELOAD_CHECK);
      assertEquals(List.of("start v1", "stop v1", "start v2"), fired(t));
      t.stop(); // its stop() runs, but fires after the trigger stopped are dropped
      assertEquals(List.of("start v1", "stop v1", "start v2"), fired(t));
      assertEquals(java.util.Optional.of("\"v2\""), state.get("stopped"));
    }
  }
}
