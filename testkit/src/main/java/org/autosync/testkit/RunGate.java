package org.autosync.testkit;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Holds one scripted run of a {@link FakeEngine} in progress until a test releases it, so that
 * tests can look at the controller while a run is in progress.
 *
 * <pre>{@code
 * RunGate gate = engine.onRun("HR", "DS").blockUntilReleased();
 * controller.submit(ExecutionRequest.ofProfile("HR", "DS"));
 * gate.awaitStarted();                 // HR's sync is now running and holds the sync slot
 * assertEquals(..., controller.status("AD"));
 * gate.release();                      // the run ends (after its scripted duration, if any)
 * }</pre>
 *
 * <p>The run counts as started once the engine admitted it and told its listeners. {@link
 * FakeEngine#stop} ends a gated run as well, without releasing the gate.
 *
 * <p><b>Threading:</b> thread-safe; any thread may wait on or release the gate. {@link #release}
 * is idempotent.
 */
public final class RunGate {
  private final CountDownLatch started = new CountDownLatch(1);
  private final CountDownLatch proceed = new CountDownLatch(1);
  private final AtomicBoolean released = new AtomicBoolean();
  private final String description;

  RunGate(String description) {
    this.description = description;
  }

  /**
   * Blocks until the run has started, failing after 30 seconds.
   *
   * @throws AssertionError when the run did not start in time
   */
  public void awaitStarted() {
    if (!awaitStarted(Awaits.DEFAULT_TIMEOUT)) {
      throw new AssertionError(
          "The run " + description + " did not start within " + Awaits.DEFAULT_TIMEOUT);
    }
  }

  /** Blocks until the run has started or {@code timeout} passed; true when it started. */
  public boolean awaitStarted(Duration timeout) {
    return Awaits.await(started, timeout, "the run " + description + " to start");
  }

  /** Whether the run has started. */
  public boolean isStarted() {
    return started.getCount() == 0;
  }

  /** Lets the run go on; harmless before the run started (it then does not block) or twice. */
  public void release() {
    released.set(true);
    proceed.countDown();
  }

  /** Whether {@link #release} was called. */
  public boolean isReleased() {
    return released.get();
  }

  void markStarted() {
    started.countDown();
  }

  /** Wakes the run without releasing the gate, when the run is stopped. */
  void wake() {
    proceed.countDown();
  }

  /** Blocks the run's thread until released or woken. */
  void awaitProceed() throws InterruptedException {
    proceed.await();
  }

  @Override
  public String toString() {
    return "RunGate[" + description + (isStarted() ? ", started" : "")
        + (isReleased() ? ", released" : "") + "]";
  }
}
