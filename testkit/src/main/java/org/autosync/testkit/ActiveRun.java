package org.autosync.testkit;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.autosync.api.engine.RunProfile;
import org.autosync.api.engine.ResultCodes;
import org.jspecify.annotations.Nullable;

/** A run the fake engine admitted and has not ended yet. */
final class ActiveRun {
  final MaState ma;
  final RunProfile profile;
  final boolean outside;
  final ScriptedRun script;
  final String result;
  final Duration duration;
  final long startSeq;
  final long startNanos;
  final Instant start;
  private final CountDownLatch stop = new CountDownLatch(1);

  ActiveRun(MaState ma, RunProfile profile, boolean outside, ScriptedRun script, String result,
      Duration duration, long startSeq, long startNanos, Instant start) {
    this.ma = ma;
    this.profile = profile;
    this.outside = outside;
    this.script = script;
    this.result = result;
    this.duration = duration;
    this.startSeq = startSeq;
    this.startNanos = startNanos;
    this.start = start;
  }

  /** Whether the run is a refusal in disguise: it ends without being recorded. */
  boolean isNoStart() {
    return result.startsWith("no-start-");
  }

  /** Whether the result lets the run do its work on the model. */
  boolean appliesModel() {
    return result.equals(ResultCodes.SUCCESS) || result.startsWith("completed-");
  }

  void requestStop() {
    stop.countDown();
    @Nullable RunGate gate = script.gate();
    if (gate != null) {
      gate.wake();
    }
  }

  boolean stopRequested() {
    return stop.getCount() == 0;
  }

  /**
   * Waits for the gate and then the duration, each cut short by a stop. Never waits when there is
   * no gate and the duration is zero.
   *
   * @return false when the thread was interrupted (the interrupt flag is then clear)
   */
  boolean awaitGateAndDuration() {
    try {
      RunGate gate = script.gate();
      if (gate != null) {
        gate.awaitProceed();
      }
      if (!duration.isZero() && !stopRequested()) {
        stop.await(duration.toNanos(), TimeUnit.NANOSECONDS);
      }
      return true;
    } catch (InterruptedException e) {
      return false;
    }
  }
}
