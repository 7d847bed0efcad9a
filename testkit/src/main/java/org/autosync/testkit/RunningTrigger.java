package org.autosync.testkit;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.autosync.api.trigger.Trigger;
import org.autosync.api.trigger.TriggerConfig;

/**
 * A trigger started by {@link TriggerTestKit}, with the context it reports to and the scheduler and
 * clock that drive it. Close it (try-with-resources) to stop the trigger and cancel its tasks.
 *
 * <pre>{@code
 * try (RunningTrigger running = TriggerTestKit.start(factory, Map.of("every", "1m"), ma)) {
 *   running.advance(Duration.ofMinutes(3));
 *   assertEquals(3, running.context().fired().size());
 * }
 * }</pre>
 *
 * <p><b>Threading:</b> thread-safe; {@link #stop} is idempotent. Scheduled tasks run on the thread
 * that calls {@link #advance} or the scheduler's methods.
 */
public final class RunningTrigger implements AutoCloseable {
  private final Trigger trigger;
  private final RecordingTriggerContext context;
  private final AtomicBoolean stopped = new AtomicBoolean();

  RunningTrigger(Trigger trigger, RecordingTriggerContext context) {
    this.trigger = trigger;
    this.context = context;
  }

  /** The trigger instance the factory created. */
  public Trigger trigger() {
    return trigger;
  }

  /** The configuration the trigger was created with, defaults filled in. */
  public TriggerConfig config() {
    return context.config();
  }

  /** What the trigger fired and reported. */
  public RecordingTriggerContext context() {
    return context;
  }

  /** The scheduler that runs the trigger's tasks; move time with it. */
  public ManualScheduler scheduler() {
    return context.manualScheduler();
  }

  /** The clock the trigger sees. */
  public ManualClock clock() {
    return context.clock();
  }

  /** Shorthand for {@code scheduler().advance(duration)}; returns how many tasks ran. */
  public int advance(Duration duration) {
    return scheduler().advance(duration);
  }

  /** Whether {@link #stop} was called. */
  public boolean isStopped() {
    return stopped.get();
  }

  /**
   * Stops the trigger, then cancels every task it scheduled; idempotent. When the trigger's {@code
   * stop} throws, its tasks are cancelled all the same and the exception propagates, so that the
   * test sees it.
   */
  public void stop() {
    if (!stopped.compareAndSet(false, true)) {
      return;
    }
    try {
      trigger.stop();
    } finally {
      context.cancelTasks();
    }
  }

  @Override
  public void close() {
    stop();
  }

  @Override
  public String toString() {
    return "RunningTrigger['" + context.config().id() + "'" + (isStopped() ? ", stopped" : "")
        + "]";
  }
}
