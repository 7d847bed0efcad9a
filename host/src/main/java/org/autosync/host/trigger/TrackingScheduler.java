package org.autosync.host.trigger;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.autosync.api.trigger.Cancellable;
import org.autosync.api.trigger.Scheduler;
import org.autosync.api.trigger.TriggerConfig;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;

/**
 * One trigger instance's view of the shared scheduler: remembers the instance's tasks so that
 * {@link #cancelAll()} can cancel them when the instance stops, runs them with the trigger's MDC,
 * and logs what they throw to the trigger's logger. After {@code cancelAll}, nothing it scheduled
 * runs and new tasks are not scheduled.
 *
 * <p><b>Threading:</b> thread-safe.
 */
final class TrackingScheduler implements Scheduler {

  private static final Cancellable NOT_SCHEDULED = () -> {};

  private final Scheduler delegate;
  private final TriggerConfig config;
  private final Logger log;
  private final Set<Task> tasks = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  TrackingScheduler(Scheduler delegate, TriggerConfig config, Logger log) {
    this.delegate = delegate;
    this.config = config;
    this.log = log;
  }

  @Override
  public Cancellable schedule(Duration delay, Runnable task) {
    Objects.requireNonNull(delay, "delay");
    return track(task, false, run -> delegate.schedule(delay, run));
  }

  @Override
  public Cancellable scheduleAt(Instant time, Runnable task) {
    Objects.requireNonNull(time, "time");
    return track(task, false, run -> delegate.scheduleAt(time, run));
  }

  @Override
  public Cancellable scheduleAtFixedRate(Duration initialDelay, Duration period, Runnable task) {
    Objects.requireNonNull(initialDelay, "initialDelay");
    Objects.requireNonNull(period, "period");
    return track(task, true, run -> delegate.scheduleAtFixedRate(initialDelay, period, run));
  }

  /** Cancels every task and refuses new ones. Idempotent. */
  void cancelAll() {
    closed = true;
    for (Task task : tasks) {
      task.cancel();
    }
  }

  /** Tasks scheduled and neither run (one-shot) nor cancelled; for tests. */
  int activeTasks() {
    return tasks.size();
  }

  private Cancellable track(
      Runnable body, boolean repeating, Function<Runnable, Cancellable> submit) {
    Objects.requireNonNull(body, "task");
    if (closed) {
      log.debug("Not scheduling a task: trigger '{}' has stopped", config.id());
      return NOT_SCHEDULED;
    }
    Task task = new Task(body, repeating);
    tasks.add(task);
    try {
      task.attach(submit.apply(task::run));
    } catch (RuntimeException e) {
      tasks.remove(task);
      throw e;
    }
    if (closed) {
      task.cancel(); // cancelAll ran while we were scheduling
    }
    return task;
  }

  private final class Task implements Cancellable {
    private final Runnable body;
    private final boolean repeating;
    /** Set by cancel, or by the one run of a one-shot task: whichever comes first wins. */
    private final AtomicBoolean finished = new AtomicBoolean();
    private volatile @Nullable Cancellable scheduled;

    Task(Runnable body, boolean repeating) {
      this.body = body;
      this.repeating = repeating;
    }

    void attach(Cancellable handle) {
      scheduled = handle;
      if (finished.get()) {
        handle.cancel(); // cancelled, or a one-shot that already ran: either way, harmless
      }
    }

    @Override
    public void cancel() {
      if (finished.compareAndSet(false, true)) {
        tasks.remove(this);
        Cancellable handle = scheduled;
        if (handle != null) {
          handle.cancel();
        }
      }
    }

    void run() {
      if (closed) {
        return;
      }
      if (repeating ? finished.get() : !finished.compareAndSet(false, true)) {
        return;
      }
      if (!repeating) {
        tasks.remove(this);
      }
      MdcScope mdc = MdcScope.open(config.ma(), config.id());
      try {
        body.run();
      } catch (Throwable t) {
        Failures.rethrowIfFatal(t);
        log.warn("A scheduled task of trigger '{}' failed{}", config.id(),
            repeating ? "; it runs again next time" : "", t);
      } finally {
        mdc.close();
      }
    }
  }
}
