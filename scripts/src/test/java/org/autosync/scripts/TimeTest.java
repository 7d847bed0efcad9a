package org.autosync.scripts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.autosync.api.ExecutionRequest;
import org.autosync.scripts.ControllerDecision.Action;
import org.autosync.testkit.ManualClock;
import org.autosync.testkit.RunningTrigger;
import org.autosync.testkit.TriggerTestKit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Scripts read AutoSync's clock ({@code ctx.now()}, {@code ctx.localTime(zone)}), never the
 * machine's, so that a manual clock drives time-of-day logic in tests.
 */
@ExtendWith(SharedRuntime.class)
class TimeTest {

  @TempDir Path dir;

  private static List<String> fired(RunningTrigger t) {
    return t.context().fired().stream().map(ExecutionRequest::profileName).toList();
  }

  @Test
  void javascript_reads_the_trigger_clock_in_any_time_zone(ScriptRuntime runtime) {
    ScriptFolder scripts = new ScriptFolder(dir, runtime);
    scripts.trigger("clock", ScriptLanguage.JAVASCRIPT, """
        function poll(ctx) {
          const t = ctx.localTime('Europe/Berlin');
          const u = ctx.localTime('UTC');
          let bad;
          try { ctx.localTime('Mars/Olympus'); } catch (e) { bad = e.name + ': ' + e.message; }
          return [String(ctx.now()), t.date + ' ' + t.time + ' ' + t.weekday + ' ' + t.zone
              + ' ' + t.offsetMinutes, u.iso, bad];
        }
        """);
    ManualClock clock = ManualClock.startingAt("2026-03-29T00:59:30Z"); // a Sunday; DST at 01:00
    try (RunningTrigger t = TriggerTestKit.forFactory(scripts.factory("clock")).clock(clock)
        .start(Map.of("interval", "1m"), ScriptFolder.HR)) {
      t.advance(Duration.ofMinutes(1));
      String bad = "ValueError: unknown time zone 'Mars/Olympus'; expected a zone such as"
          + " Europe/Berlin, UTC or +02:00";
      assertEquals(List.of(
          "1774745970000", "2026-03-29 01:59 7 Europe/Berlin 60", "2026-03-29T00:59:30Z", bad,
          "1774746030000", "2026-03-29 03:00 7 Europe/Berlin 120", "2026-03-29T01:00:30Z", bad),
          fired(t));
    }
  }

  @Test
  void python_reads_the_trigger_clock_too(ScriptRuntime runtime) {
    ScriptFolder scripts = new ScriptFolder(dir, runtime);
    scripts.trigger("clock-py", ScriptLanguage.PYTHON, """
        def poll(ctx):
            t = ctx.local_time('America/New_York')
            return [str(ctx.now()), t['date'] + ' ' + t['time'] + ' ' + str(t['weekday'])]
        """);
    ManualClock clock = ManualClock.startingAt("2026-01-05T03:30:00Z");
    try (RunningTrigger t = TriggerTestKit.forFactory(scripts.factory("clock-py")).clock(clock)
        .start(Map.of(), ScriptFolder.HR)) {
      assertEquals(List.of("1767583800000", "2026-01-04 22:30 7"), fired(t));
    }
  }

  @Test
  void controller_scripts_read_the_clock_they_are_given(ScriptRuntime runtime)
      throws IOException {
    Path folder = dir.resolve("hours");
    ScriptFolder.write(folder.resolve(ScriptManifest.FILE_NAME), """
        {"id": "hours", "kind": "controller", "name": "Office hours", "version": "1.0.0",
         "description": "Runs outside 09:00-17:00 only", "language": "javascript",
         "entry": "controller.js"}
        """);
    ScriptFolder.write(folder.resolve("controller.js"), """
        function shouldExecute(profile, ma) {
          const t = autosync.localTime('UTC');
          return t.hour < 9 || t.hour >= 17 ? true
              : {execute: false, reason: 'office hours at ' + t.time};
        }
        """);
    ManualClock clock = ManualClock.startingAt("2026-01-05T08:59:00Z");
    try (ControllerScript script = runtime.controllerScript(folder,
        ControllerScript.options(LoggerFactory.getLogger("time-test")).clock(clock))) {
      assertEquals(Action.PROCEED, script.shouldExecute("DI", ScriptFolder.HR).action());
      clock.advance(Duration.ofMinutes(1));
      ControllerDecision veto = script.shouldExecute("DI", ScriptFolder.HR);
      assertEquals(Action.VETO, veto.action());
      assertTrue(veto.reason().startsWith("office hours at 09:00"), veto.reason());
    }
  }
}
