package org.autosync.trigger.directory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.autosync.api.trigger.Cancellable;
import org.autosync.api.trigger.Scheduler;
import org.jspecify.annotations.Nullable;

/**
 * Turns a stream of change signals into fires, optionally batching bursts over a quiet period,
 * without ever losing one: every signal is followed by a fire that comes after it.
 *
 * <ul>
 *   <li><b>No quiet period</b> (zero): every signal fires at once; the controller coalesces
 *       requests for an MA that already has one queued.
 *   <li><b>Quiet period, first change fires</b> (the default with a period): the first signal fires
 *       at once and opens a window of the quiet period; signals inside the window fire once when it
 *       ends, which opens the next window. A steady stream fires once per period.
 *   <li><b>Quiet period, first change waits</b> ({@code fireFirstChange: false}): the first signal
 *       opens the window and the fire comes at its end, with everything that arrived meanwhile.
 * </ul>
 *
 * <p>After each fire, the callbacks registered with {@link #afterFire} run: a trigger that keeps
 * a watermark (a change number, a cookie) stores it there, so that it is never stored ahead of a
 * fire for the changes before it.
 *
 * <p><b>Threading:</b> thread-safe; {@link #signal} may be called from any thread (LDAP reader
 * threads) and never blocks; window ends run on the scheduler.
 */
final class ChangeBatcher {

  private final Duration quietPeriod;
  private final boolean fireFirst;
  private final Scheduler scheduler;
  private final Consumer<String> fire;

  private final List<Runnable> afterFire = new ArrayList<>();
  private @Nullable Cancellable window;
  private int pending;
  private @Nullable String firstPending;
  private boolean closed;
  private long signals;

  /**
   * @param quietPeriod zero for none
   * @param fireFirst whether the first change of a quiet window fires at once
   * @param fire fires one request with a detail text for people
   */
  ChangeBatcher(Duration quietPeriod, boolean fireFirst, Scheduler scheduler,
      Consumer<String> fire) {
    this.quietPeriod = Objects.requireNonNull(quietPeriod, "quietPeriod");
    this.fireFirst = fireFirst;
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    this.fire = Objects.requireNonNull(fire, "fire");
  }

  /** Signals one change (described for the request's source detail). */
  void signal(String detail) {
    String now = null;
    synchronized (this) {
      if (closed) {
        return;
      }
      signals++;
      if (quietPeriod.isZero()) {
        now = detail;
      } else if (window == null) {
        window = scheduler.schedule(quietPeriod, this::windowEnded);
        if (fireFirst) {
          now = detail;
        } else {
          add(detail);
        }
      } else {
        add(detail);
      }
    }
    if (now != null) {
      fireAndCommit(now);
    }
  }

  /** Fires now, ahead of any open window (a catch-up); pending changes are covered by it. */
  void fireNow(String detail) {
    synchronized (this) {
      if (closed) {
        return;
      }
      pending = 0;
      firstPending = null;
    }
    fireAndCommit(detail);
  }

  /**
   * Runs {@code action} after the next fire, or at once when nothing is waiting for a fire - the
   * place to store a watermark that covers the changes signalled so far.
   */
  void afterFire(Runnable action) {
    synchronized (this) {
      if (pending > 0) {
        afterFire.add(action);
        return;
      }
    }
    action.run();
  }

  /** How many changes were signalled (for tests and health). */
  synchronized long signals() {
    return signals;
  }

  /** Stops the window timer; pending signals are dropped with the trigger (a restart catches up). */
  void close() {
    synchronized (this) {
      closed = true;
      if (window != null) {
        window.cancel();
        window = null;
      }
      pending = 0;
      afterFire.clear();
    }
  }

  private void add(String detail) {
    if (pending++ == 0) {
      firstPending = detail;
    }
  }

  private void windowEnded() {
    String detail;
    synchronized (this) {
      window = null;
      if (closed || pending == 0) {
        return;
      }
      detail = pending == 1 ? firstPending
          : pending + " changes in " + quietPeriod.toMillis() + " ms, first: " + firstPending;
      pending = 0;
      firstPending = null;
      window = scheduler.schedule(quietPeriod, this::windowEnded);
    }
    fireAndCommit(detail);
  }

  private void fireAndCommit(@Nullable String detail) {
    fire.accept(detail == null ? "change" : detail);
    List<Runnable> commits;
    synchronized (this) {
      if (pending > 0) {
        return; // more came in meanwhile: the watermarks wait for their fire
      }
      commits = List.copyOf(afterFire);
      afterFire.clear();
    }
    commits.forEach(Runnable::run);
  }
}
