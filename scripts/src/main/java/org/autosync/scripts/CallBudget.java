package org.autosync.scripts;

import java.time.Duration;

/**
 * The time left of the call into a script that is running, so that the host functions a script
 * calls (HTTP, LDAP, SQL) give up by the call's deadline instead of outliving it. Set by the
 * script's lane thread around each call; read by the host functions on the same thread.
 */
final class CallBudget {

  private volatile long deadline;
  private volatile boolean running;

  void start(Duration timeout) {
    deadline = System.nanoTime() + timeout.toNanos();
    running = true;
  }

  void end() {
    running = false;
  }

  /**
   * What is left of the current call, at most {@code cap}; {@code cap} when no call runs.
   *
   * @throws IllegalStateException when the call's time is up
   */
  Duration remaining(Duration cap) {
    if (!running) {
      return cap;
    }
    long left = deadline - System.nanoTime();
    if (left <= 0) {
      throw new IllegalStateException("the call's time is up");
    }
    return Duration.ofNanos(Math.min(left, cap.toNanos()));
  }
}
