package org.autosync.scripts;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.autosync.api.trigger.TriggerHealth;
import org.autosync.testkit.RunningTrigger;
import org.autosync.testkit.TriggerTestKit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On the production runtime (a thread pool, not the test's thread), a runaway script keeps only
 * its own lane busy: the thread moving the clock returns at once, other triggers go on, and
 * stopping the runaway trigger does not hang.
 */
class IsolationTest {

  @TempDir Path dir;
  private ScriptRuntime runtime;

  @BeforeEach
  void pooled() {
    runtime = ScriptRuntime.builder().build();
  }

  @AfterEach
  void close() {
    runtime.close();
  }

  @Test
  void a_runaway_script_holds_up_neither_the_scheduler_nor_other_triggers() {
    ScriptFolder scripts = new ScriptFolder(dir, runtime);
    scripts.trigger("runaway", ScriptLanguage.JAVASCRIPT, "function poll(ctx) { while (true) {} }");
    scripts.trigger("fine", ScriptLanguage.JAVASCRIPT, "function poll(ctx) { return 'DI'; }");
    try (RunningTrigger runaway = TriggerTestKit.forFactory(scripts.factory("runaway"))
            .start(Map.of("timeout", "2s", "onError", "reset", "interval", "1m"),
                ScriptFolder.HR);
        RunningTrigger fine = TriggerTestKit.forFactory(scripts.factory("fine"))
            .start(Map.of("interval", "1m"), ScriptFolder.HR)) {
      fine.context().awaitFired(1, Duration.ofSeconds(30));
      // the lane schedules the next poll right after the first one returns; wait for that
      await().atMost(Duration.ofSeconds(30)).until(() -> fine.scheduler().pendingCount() == 2);
      fine.advance(Duration.ofMinutes(1));
      runaway.advance(Duration.ofMinutes(1)); // returns at once: the poll is queued on its lane
      fine.context().awaitFired(2, Duration.ofSeconds(30));
      assertTrue(runaway.context().healthReports().stream()
          .noneMatch(h -> h.state() == TriggerHealth.State.HEALTHY));
      TriggerHealth stopped = runaway.context().awaitHealth(TriggerHealth.State.DEGRADED,
          Duration.ofSeconds(30));
      assertTrue(stopped.message().contains("was stopped at runaway/trigger.js:1"),
          stopped.message());
      assertEquals(0, runaway.context().fired().size());
    }
  }
}
