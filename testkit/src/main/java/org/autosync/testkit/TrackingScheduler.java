package org.autosync.testkit;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.autosync.api.trigger.Cancellable;
import org.autosync.api.trigger.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One trigger's view of a shared scheduler: remembers the tasks the trigger scheduled so that they
 * can all be cancelled when it stops; after that it schedules nothing more.
 */
final class TrackingScheduler implements Scheduler {
  private static final Logger LOG = LoggerFactory.getLogger(TrackingScheduler.class);

  private final Scheduler delegate;
  private final String owner;
  private final Set<Cancellable> live = new LinkedHashSet<>();
  private boolean closed;

  TrackingScheduler(Scheduler delegate, String owner) {
    this.delegate = delegate;
    this.owner = owner;
  }

  @Override
  public Cancellable schedule(Duration delay, Runnable task) {
    return track(t -> delegate.schedule(delay, t), task, true);
  }

  @Override
  public Cancellable scheduleAt(Instant time, Runnable task) {
    return track(t -> delegate.scheduleAt(time, t), task, true);
  }

  @Override
  public Cancellable scheduleAtFixedRate(Duration initialDelay, Duration period, Runnable task) {
    return track(t -> delegate.scheduleAtFixedRate(initialDelay, period, t), task, false);
  }

  /** Cancels every task still scheduled and refuses new ones. */
  void cancelAll() {
    List<Cancellable> toCancel;
    synchronized (this) {
      closed = true;
      toCancel = new ArrayList<>(live);
      live.clear();
    }
    toCancel.forEach(Cancellable::cancel);
  }

  /** Whether tasks of this trigger are still scheduled. */
  synchronized int liveCount() {
    return live.size();
  }

  private Cancellable track(Function<Runnable, Cancellable> scheduleIt, Runnable task,
      boolean once) {
    Entry entry = new Entry();
    synchronized (this) {
      if (closed) {
        LOG.warn("Trigger '{}' scheduled a task after it was stopped; ignored", owner);
        return () -> {};
      }
      live.add(entry);
      entry.delegate = scheduleIt.apply(once ? () -> {
        forget(entry);
        task.run();
      } : task);
    }
    return entry;
  }

  private synchronized void forget(Cancellable entry) {
    live.remove(entry);
  }

  private final class Entry implements Cancellable {
    private volatile Cancellable delegate = () -> {};

    @Override
    public void cancel() {
      forget(this);
      delegate.cancel();
    }
  }
}
