package org.autosync.testkit;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.concurrent.locks.ReentrantLock;
import org.autosync.api.trigger.Cancellable;
import org.autosync.api.trigger.Scheduler;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Scheduler} on a {@link ManualClock}: tasks run only when a test moves time with {@link
 * #advance} or calls {@link #runDue}, on the calling thread, in due-time order (ties in scheduling
 * order).
 *
 * <pre>{@code
 * ManualScheduler scheduler = new ManualScheduler(ManualClock.startingAt("2026-01-05T08:00:00Z"));
 * List<Instant> ticks = new ArrayList<>();
 * scheduler.scheduleAtFixedRate(Duration.ZERO, Duration.ofMinutes(1),
 *     () -> ticks.add(scheduler.clock().instant()));
 * scheduler.advance(Duration.ofMinutes(2)); // runs at 08:00, 08:01 and 08:02
 * }</pre>
 *
 * <p>While advancing, the clock is set to each task's due time before the task runs, so a task
 * sees the time it was due at; tasks scheduled by tasks run in the same advance when they fall due
 * within it. A task that throws is logged and does not stop the advance; a repeating task that
 * throws still runs next time. A task whose due time has passed runs with the clock unchanged
 * (time never goes back).
 *
 * <p><b>Threading:</b> thread-safe. Any thread may schedule and cancel; tasks run on the thread
 * that calls {@link #advance} or {@link #runDue}, one call at a time (concurrent calls take turns).
 * The scheduler's lock is never held while a task runs.
 */
public final class ManualScheduler implements Scheduler {

  /**
   * How many tasks one {@link #advance} or {@link #runDue} runs at most before it concludes that a
   * task keeps rescheduling itself without delay and fails.
   */
  public static final int MAX_TASKS_PER_CALL = 1_000_000;

  private static final Logger LOG = LoggerFactory.getLogger(ManualScheduler.class);

  private final ManualClock clock;
  private final ReentrantLock lock = new ReentrantLock();
  private final ReentrantLock runLock = new ReentrantLock();
  private final PriorityQueue<Task> queue =
      new PriorityQueue<>(Comparator.comparing(Task::due).thenComparingLong(Task::seq));
  private long nextSeq;

  /** A scheduler with nothing scheduled, running on {@code clock}. */
  public ManualScheduler(ManualClock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** The clock this scheduler runs on. */
  public ManualClock clock() {
    return clock;
  }

  @Override
  public Cancellable schedule(Duration delay, Runnable task) {
    Objects.requireNonNull(delay, "delay");
    Duration d = delay.isNegative() ? Duration.ZERO : delay;
    return add(clock.instant().plus(d), null, task);
  }

  @Override
  public Cancellable scheduleAt(Instant time, Runnable task) {
    return add(Objects.requireNonNull(time, "time"), null, task);
  }

  @Override
  public Cancellable scheduleAtFixedRate(Duration initialDelay, Duration period, Runnable task) {
    Objects.requireNonNull(initialDelay, "initialDelay");
    Objects.requireNonNull(period, "period");
    if (period.isNegative() || period.isZero()) {
      throw new IllegalArgumentException("A repeating task needs a positive period, got " + period);
    }
    Duration d = initialDelay.isNegative() ? Duration.ZERO : initialDelay;
    return add(clock.instant().plus(d), period, task);
  }

  /**
   * Moves the clock forward by {@code duration}, running every task that falls due on the way.
   *
   * @return how many tasks ran
   */
  public int advance(Duration duration) {
    Objects.requireNonNull(duration, "duration");
    if (duration.isNegative()) {
      throw new IllegalArgumentException("Cannot advance by a negative duration: " + duration);
    }
    runLock.lock();
    try {
      Instant target = clock.instant().plus(duration);
      int ran = runUntil(target);
      clock.moveForwardTo(target);
      return ran;
    } finally {
      runLock.unlock();
    }
  }

  /**
   * Runs the tasks due at the current time (and those they schedule that are due too), without
   * moving the clock.
   *
   * @return how many tasks ran
   */
  public int runDue() {
    runLock.lock();
    try {
      return runUntil(clock.instant());
    } finally {
      runLock.unlock();
    }
  }

  /** How many tasks wait to run (a repeating task counts once). */
  public int pendingCount() {
    lock.lock();
    try {
      return queue.size();
    } finally {
      lock.unlock();
    }
  }

  /** When the next task is due; empty when nothing is scheduled. */
  public Optional<Instant> nextDue() {
    lock.lock();
    try {
      Task head = queue.peek();
      return head == null ? Optional.empty() : Optional.of(head.due());
    } finally {
      lock.unlock();
    }
  }

  @Override
  public String toString() {
    return "ManualScheduler[" + clock.instant() + ", " + pendingCount() + " pending]";
  }

  private int runUntil(Instant target) {
    int ran = 0;
    while (true) {
      Task task = pollDue(target);
      if (task == null) {
        return ran;
      }
      if (++ran > MAX_TASKS_PER_CALL) {
        throw new IllegalStateException("More than " + MAX_TASKS_PER_CALL
            + " tasks ran in one call; a task probably reschedules itself without delay");
      }
      clock.moveForwardTo(task.due());
      try {
        task.runnable().run();
      } catch (RuntimeException | Error e) {
        if (e instanceof VirtualMachineError) {
          throw e;
        }
        LOG.warn("Scheduled task {} failed; continuing", task.runnable(), e);
      }
      reschedule(task);
    }
  }

  private @Nullable Task pollDue(Instant target) {
    lock.lock();
    try {
      Task head = queue.peek();
      if (head == null || head.due().isAfter(target)) {
        return null;
      }
      return queue.poll();
    } finally {
      lock.unlock();
    }
  }

  private void reschedule(Task task) {
    Duration period = task.period();
    lock.lock();
    try {
      if (period == null) {
        task.handle().done = true;
        task.handle().current = null;
      } else if (!task.handle().done) {
        Task next = new Task(task.due().plus(period), nextSeq++, period, task.runnable(),
            task.handle());
        task.handle().current = next;
        queue.add(next);
      }
    } finally {
      lock.unlock();
    }
  }

  private Cancellable add(Instant due, @Nullable Duration period, Runnable runnable) {
    Objects.requireNonNull(runnable, "task");
    lock.lock();
    try {
      Handle handle = new Handle();
      Task task = new Task(due, nextSeq++, period, runnable, handle);
      handle.current = task;
      queue.add(task);
      return handle;
    } finally {
      lock.unlock();
    }
  }

  private record Task(
      Instant due, long seq, @Nullable Duration period, Runnable runnable, Handle handle) {}

  /** The cancellable of one scheduled task; for a repeating task it follows each occurrence. */
  private final class Handle implements Cancellable {
    // Both guarded by the scheduler's lock.
    private @Nullable Task current;
    private boolean done;

    @Override
    public void cancel() {
      lock.lock();
      try {
        done = true;
        if (current != null) {
          queue.remove(current);
          current = null;
        }
      } finally {
        lock.unlock();
      }
    }
  }
}
