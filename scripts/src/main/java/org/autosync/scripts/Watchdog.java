package org.autosync.scripts;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import org.graalvm.polyglot.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops calls into scripts that run past their time: at the deadline it interrupts the context
 * ({@link Context#interrupt}, which keeps the context usable); when the script does not stop
 * within the grace period (it is stuck in a host call), it cancels the context for good.
 *
 * <p>Deadlines run on real time (the JVM's monotonic clock), never on the host's injected clock:
 * a runaway loop burns real time.
 *
 * <p><b>Threading:</b> thread-safe; one daemon thread, {@value #THREAD_NAME}, fires deadlines.
 */
final class Watchdog implements AutoCloseable {

  static final String THREAD_NAME = "autosync-script-watchdog";

  private static final Logger LOG = LoggerFactory.getLogger(Watchdog.class);

  private final Duration grace;
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, THREAD_NAME);
    t.setDaemon(true);
    return t;
  });

  Watchdog(Duration grace) {
    this.grace = grace;
  }

  /** Arms a deadline for a call into {@code context} that starts now. */
  Armed arm(Context context, Duration timeout) {
    Armed armed = new Armed(context);
    armed.future = timer.schedule(armed::fire, timeout.toNanos(), TimeUnit.NANOSECONDS);
    return armed;
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }

  /** One call's deadline. Disarm it when the call returns, whatever happened. */
  final class Armed {
    private final Context context;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile ScheduledFuture<?> future;
    private boolean done; // guarded by lock
    private volatile boolean fired;
    private volatile boolean lost;

    private Armed(Context context) {
      this.context = context;
    }

    private void fire() {
      lock.lock();
      try {
        if (done) {
          return; // the call returned just in time; never interrupt the next one
        }
        fired = true;
        try {
          context.interrupt(grace);
        } catch (TimeoutException e) {
          lost = true;
          LOG.warn("A script did not stop within {} of being interrupted (stuck in a host call?);"
              + " cancelling its context", grace);
          try {
            context.close(true);
          } catch (RuntimeException closeFailure) {
            LOG.debug("Cancelling a script context threw", closeFailure);
          }
        } catch (RuntimeException e) {
          LOG.debug("Interrupting a script context threw (it is closing?)", e);
        }
      } finally {
        lock.unlock();
      }
    }

    /** Ends the deadline; after this the watchdog no longer touches the context for this call. */
    void disarm() {
      ScheduledFuture<?> f = future;
      if (f != null) {
        f.cancel(false);
      }
      lock.lock();
      try {
        done = true;
      } finally {
        lock.unlock();
      }
    }

    /** Whether the deadline passed and the call was interrupted. */
    boolean fired() {
      return fired;
    }

    /** Whether the context had to be cancelled and is unusable. */
    boolean lost() {
      return lost;
    }
  }
}
