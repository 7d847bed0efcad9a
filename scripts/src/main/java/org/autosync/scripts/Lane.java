package org.autosync.scripts;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;

/**
 * One script trigger's sequential lane: everything that touches its script (loading, polls,
 * timers, change streams, reloads, stopping) runs here, one task at a time, in submission order,
 * on threads of the runtime's pool — never on the host's scheduler thread, so a slow or runaway
 * script delays only itself. A task that throws is logged and the lane goes on.
 *
 * <p>On a direct executor ({@code Runnable::run}, as tests use) tasks run on the submitting
 * thread; a task submitted by a running task runs after it, never nested.
 *
 * <p><b>Threading:</b> thread-safe.
 */
final class Lane implements Executor {

  private final Executor base;
  private final Logger log;
  private final ReentrantLock lock = new ReentrantLock();
  private final ArrayDeque<Runnable> queue = new ArrayDeque<>();
  private boolean draining; // guarded by lock

  Lane(Executor base, Logger log) {
    this.base = base;
    this.log = log;
  }

  @Override
  public void execute(Runnable task) {
    lock.lock();
    try {
      queue.add(task);
      if (draining) {
        return;
      }
      draining = true;
    } finally {
      lock.unlock();
    }
    try {
      base.execute(this::drain);
    } catch (RejectedExecutionException e) {
      lock.lock();
      try {
        queue.clear();
        draining = false;
      } finally {
        lock.unlock();
      }
      log.debug("Script lane task dropped: the runtime is closed");
    }
  }

  private void drain() {
    while (true) {
      Runnable task;
      lock.lock();
      try {
        task = queue.poll();
        if (task == null) {
          draining = false;
          return;
        }
      } finally {
        lock.unlock();
      }
      try {
        task.run();
      } catch (VirtualMachineError e) {
        throw e;
      } catch (Throwable t) {
        log.error("A script task failed unexpectedly; the trigger goes on", t);
      }
    }
  }

  /**
   * Runs {@code task} after everything queued, and waits for it up to {@code timeout}.
   *
   * @return whether it ran in time
   */
  boolean runAndWait(Runnable task, Duration timeout) {
    CountDownLatch done = new CountDownLatch(1);
    execute(() -> {
      try {
        task.run();
      } finally {
        done.countDown();
      }
    });
    try {
      return done.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
