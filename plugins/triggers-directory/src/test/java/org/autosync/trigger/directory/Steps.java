package org.autosync.trigger.directory;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.autosync.api.trigger.TriggerHealth;
import org.autosync.testkit.RunningTrigger;

/**
 * Waiting for a directory trigger's work: connects, polls and reconnects run on the trigger's own
 * thread, and each ends with a health report, so a test waits for the next report instead of
 * sleeping.
 */
final class Steps {

  static final Duration TIMEOUT = Duration.ofSeconds(20);

  private Steps() {}

  /** Waits until the trigger reported something other than STARTING. */
  static TriggerHealth awaitSettled(RunningTrigger running) {
    await("the trigger's first connect").atMost(TIMEOUT).until(() -> running.context()
        .lastHealth().map(h -> h.state() != TriggerHealth.State.STARTING).orElse(false));
    return running.context().lastHealth().orElseThrow();
  }

  /** Advances the manual clock by {@code step} and waits for the health report that follows. */
  static TriggerHealth advanceAndAwait(RunningTrigger running, Duration step) {
    int before = running.context().healthReports().size();
    running.advance(step);
    await("a health report after advancing " + step).atMost(TIMEOUT)
        .until(() -> running.context().healthReports().size() > before);
    return running.context().lastHealth().orElseThrow();
  }

  /**
   * Moves the manual clock a second at a time (reconnect backoff starts at 1s and doubles) until
   * the trigger reports {@code state}; after each advance that ran a task (a reconnect or a poll,
   * which both end with a health report) it waits for that report. Fails after {@code limit} of
   * manual time.
   */
  static TriggerHealth advanceUntil(RunningTrigger running, TriggerHealth.State state,
      Duration limit) {
    Duration moved = Duration.ZERO;
    while (true) {
      TriggerHealth last = running.context().lastHealth().orElseThrow();
      if (last.state() == state) {
        return last;
      }
      if (moved.compareTo(limit) >= 0) {
        throw new AssertionError("no " + state + " report within " + limit
            + " of manual time; last: " + last);
      }
      int before = running.context().healthReports().size();
      int ran = running.advance(Duration.ofSeconds(1));
      moved = moved.plusSeconds(1);
      if (ran > 0) {
        await("a health report after a task ran").atMost(TIMEOUT)
            .until(() -> running.context().healthReports().size() > before);
      }
    }
  }
}
