package org.autosync.api.trigger;

import java.time.Duration;
import java.time.Instant;

/**
 * Runs tasks later, on the host's time source, so that tests can move time by hand.
 *
 * <p><b>Threading:</b> thread-safe. Tasks run on a scheduler thread and must not block for long; a
 * task that throws is logged and, for repeating tasks, still runs next time.
 */
public interface Scheduler {

  /** Runs {@code task} once after {@code delay}. */
  Cancellable schedule(Duration delay, Runnable task);

  /** Runs {@code task} once at {@code time} (at once if it has passed). */
  Cancellable scheduleAt(Instant time, Runnable task);

  /** Runs {@code task} after {@code initialDelay}, then every {@code period}. */
  Cancellable scheduleAtFixedRate(Duration initialDelay, Duration period, Runnable task);
}
