package org.autosync.trigger.schedule;

import org.autosync.api.trigger.RunTarget;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.autosync.api.RequestSource;
import org.autosync.api.trigger.Cancellable;
import org.autosync.api.trigger.Trigger;
import org.autosync.api.trigger.TriggerContext;
import org.autosync.api.trigger.TriggerHealth;
import org.jspecify.annotations.Nullable;

/**
 * What the schedule triggers share at run time: the context, the one task they keep scheduled,
 * firing the configured {@link RunTarget}, health reports that name the next fire time, and an
 * idempotent {@link #stop()} that cancels the task.
 *
 * <p><b>Threading:</b> the host calls {@link #start} and {@link #stop} on its thread; every task
 * runs on the context's scheduler thread. {@code stop} may run while a task runs: the task then
 * schedules nothing more, and fires after {@code stop} are ignored by the host.
 */
abstract class ScheduleTrigger implements Trigger {
  private final ReentrantLock lock = new ReentrantLock();
  private final RunTarget target;
  private volatile @Nullable TriggerContext context;
  private volatile @Nullable Instant lastFire;
  // Both guarded by lock.
  private @Nullable Cancellable task;
  private boolean stopped;

  ScheduleTrigger(RunTarget target) {
    this.target = Objects.requireNonNull(target, "target");
  }

  @Override
  public final void start(TriggerContext ctx) {
    this.context = Objects.requireNonNull(ctx, "context");
    begin(ctx);
  }

  /** Computes the first fire time and schedules it; must not block. */
  abstract void begin(TriggerContext ctx);

  /** Stops the trigger and cancels its task; idempotent, and safe while a task runs. */
  @Override
  public final void stop() {
    Cancellable current;
    lock.lock();
    try {
      stopped = true;
      current = task;
      task = null;
    } finally {
      lock.unlock();
    }
    if (current != null) {
      current.cancel();
    }
  }

  final boolean isStopped() {
    lock.lock();
    try {
      return stopped;
    } finally {
      lock.unlock();
    }
  }

  /** The context given to {@link #start}. */
  final TriggerContext context() {
    TriggerContext ctx = context;
    if (ctx == null) {
      throw new IllegalStateException("The trigger has not been started");
    }
    return ctx;
  }

  final RunTarget target() {
    return target;
  }

  /** Runs {@code action} once at {@code time}, unless the trigger has stopped. */
  final void wakeAt(Instant time, Runnable action) {
    replaceTask(() -> context().scheduler().scheduleAt(time, action));
  }

  /** Runs {@code action} after {@code initialDelay}, then every {@code period}. */
  final void wakeEvery(Duration initialDelay, Duration period, Runnable action) {
    replaceTask(() -> context().scheduler().scheduleAtFixedRate(initialDelay, period, action));
  }

  /** Fires the target, recording {@code detail} as the reason. */
  final void fire(String detail) {
    TriggerContext ctx = context();
    ctx.fire(target.request(ctx.managementAgent().name(),
        RequestSource.trigger(ctx.config().id(), detail)));
    lastFire = ctx.clock().instant();
  }

  /** Reports {@code HEALTHY} with the next fire time, shown in {@code zone}. */
  final void reportNext(Instant next, ZoneId zone, String schedule) {
    context().reportHealth(new TriggerHealth(TriggerHealth.State.HEALTHY,
        "next fire at " + Times.show(next, zone) + " (" + schedule + ")", lastFire, null));
  }

  private void replaceTask(Supplier<Cancellable> scheduling) {
    lock.lock();
    try {
      if (stopped) {
        return;
      }
      // A finished one-shot task needs no cancelling; a repeating task is scheduled only once.
      task = scheduling.get();
    } finally {
      lock.unlock();
    }
  }
}
