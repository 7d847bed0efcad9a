package org.autosync.host.trigger;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.locks.ReentrantLock;
import org.autosync.api.trigger.Cancellable;
import org.autosync.api.trigger.Scheduler;
import org.jspecify.annotations.Nullable;

/**
 * A scheduler on a {@link ManualClock}: tasks run only inside {@link #advance} or {@link
 * #runDueTasks}, on the calling thread, in due order. Thrown exceptions are counted, as the real
 * scheduler does.
 */
final class ManualScheduler implements Scheduler {

  private final ManualClock clock;
  private final ReentrantLock lock = new ReentrantLock();
  private final PriorityQueue<Task> queue = new PriorityQueue<>(
      Comparator.comparing((Task t) -> t.due).thenComparingLong(t -> t.sequence));
  private long sequence;
  private int failedTasks;

  ManualScheduler(ManualClock clock) {
    this.clock = clock;
  }

  @Override
  public Cancellable schedule(Duration delay, Runnable task) {
    return add(clock.instant().plus(delay.isNegative() ? Duration.ZERO : delay), null, task);
  }

  @Override
  public Cancellable scheduleAt(Instant time, Runnable task) {
    Instant now = clock.instant();
    return add(time.isBefore(now) ? now : time, null, task);
  }

  @Override
  public Cancellable scheduleAtFixedRate(Duration initialDelay, Duration period, Runnable task) {
    return add(clock.instant().plus(initialDelay), period, task);
  }

  /** Runs the tasks due now. */
  void runDueTasks() {
    advance(Duration.ZERO);
  }

  /** Moves the clock forward, running every task that falls due on the way at its due time. */
  void advance(Duration duration) {
    Instant end = clock.instant().plus(duration);
    while (true) {
      Task next;
      lock.lock();
      try {
        next = queue.peek();
        if (next == null || next.due.isAfter(end)) {
          break;
        }
        queue.poll();
      } finally {
        lock.unlock();
      }
      if (next.cancelled) {
        continue;
      }
      if (next.due.isAfter(clock.instant())) {
        clock.set(next.due);
      }
      try {
        next.body.run();
      } catch (RuntimeException e) {
        lock.lock();
        try {
          failedTasks++;
        } finally {
          lock.unlock();
        }
      }
      if (next.period != null && !next.cancelled) {
        lock.lock();
        try {
          next.due = next.due.plus(next.period);
          next.sequence = sequence++;
          queue.add(next);
        } finally {
          lock.unlock();
        }
      }
    }
    clock.set(end);
  }

  /** Delays from now of the tasks not yet run or cancelled, soonest first. */
  List<Duration> pendingDelays() {
    lock.lock();
    try {
      List<Duration> delays = new ArrayList<>();
      queue.stream().filter(t -> !t.cancelled).sorted(queue.comparator())
          .forEach(t -> delays.add(Duration.between(clock.instant(), t.due)));
      return delays;
    } finally {
      lock.unlock();
    }
  }

  int pendingCount() {
    return pendingDelays().size();
  }

  int failedTasks() {
    lock.lock();
    try {
      return failedTasks;
    } finally {
      lock.unlock();
    }
  }

  private Cancellable add(Instant due, @Nullable Duration period, Runnable body) {
    lock.lock();
    try {
      Task task = new Task(due, period, body, sequence++);
      queue.add(task);
      return task;
    } finally {
      lock.unlock();
    }
  }

  private static final class Task implements Cancellable {
    Instant due;
    final @Nullable Duration period;
    final Runnable body;
    long sequence;
    volatile boolean cancelled;

    Task(Instant due, @Nullable Duration period, Runnable body, long sequence) {
      this.due = due;
      this.period = period;
      this.body = body;
      this.sequence = sequence;
    }

    @Override
    public void cancel() {
      cancelled = true;
    }
  }
}
