package org.autosync.testkit;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.function.BooleanSupplier;

/** Waiting helpers shared by the test kit's {@code await*} methods. */
final class Awaits {

  /** How long the {@code await*} methods without a timeout wait before failing. */
  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

  private Awaits() {}

  /** Waits for a latch; false on timeout. Interruption is restored and reported as failure. */
  static boolean await(CountDownLatch latch, Duration timeout, String what) {
    try {
      return latch.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for " + what, e);
    }
  }

  /**
   * Waits on {@code condition} (whose lock the caller holds) until {@code done} is true; false on
   * timeout.
   */
  static boolean await(Condition condition, BooleanSupplier done, Duration timeout, String what) {
    long nanos = timeout.toNanos();
    try {
      while (!done.getAsBoolean()) {
        if (nanos <= 0) {
          return false;
        }
        nanos = condition.awaitNanos(nanos);
      }
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for " + what, e);
    }
  }
}
