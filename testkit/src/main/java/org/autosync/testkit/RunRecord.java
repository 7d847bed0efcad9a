package org.autosync.testkit;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.autosync.api.engine.StepKind;
import org.jspecify.annotations.Nullable;

/**
 * One run the {@link FakeEngine} admitted and that has ended, for concurrency and latency checks.
 *
 * <p>{@code startSeq} and {@code endSeq} come from one engine-wide counter taken while the engine
 * admits the run and while it ends it, under the same lock that enforces the engine's rules, so
 * {@link #overlaps} is exact, not a matter of timing.
 *
 * <pre>{@code
 * List<RunRecord> syncs = engine.runs().stream().filter(RunRecord::hasSync).toList();
 * for (RunRecord a : syncs) for (RunRecord b : syncs)
 *   assertFalse(a != b && a.overlaps(b), a + " overlaps " + b);
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param ma the MA's name
 * @param profile the run profile's name
 * @param runNumber the number in the MA's history; null for a run that ended with a {@code
 *     no-start-*} result and was not recorded
 * @param result the run's result code
 * @param startSeq engine-wide sequence number taken when the run was admitted
 * @param endSeq engine-wide sequence number taken when the run ended
 * @param startNanos {@link System#nanoTime()} when the run was admitted
 * @param endNanos {@link System#nanoTime()} when the run ended
 * @param outside whether the run was started by {@link FakeEngine#startOutside}
 * @param hasSync whether the profile has a sync step (and so held the engine's sync slot)
 * @param stepKinds the profile's step kinds, in order
 */
public record RunRecord(
    String ma,
    String profile,
    @Nullable Long runNumber,
    String result,
    long startSeq,
    long endSeq,
    long startNanos,
    long endNanos,
    boolean outside,
    boolean hasSync,
    List<StepKind> stepKinds) {

  public RunRecord {
    Objects.requireNonNull(ma, "ma");
    Objects.requireNonNull(profile, "profile");
    Objects.requireNonNull(result, "result");
    stepKinds = List.copyOf(stepKinds);
  }

  /** Whether the two runs were in progress at the same time. */
  public boolean overlaps(RunRecord other) {
    return startSeq < other.endSeq && other.startSeq < endSeq;
  }

  /** Whether the run is in the MA's history. */
  public boolean recorded() {
    return runNumber != null;
  }

  /** How long the run took, by {@link System#nanoTime()}. */
  public Duration elapsed() {
    return Duration.ofNanos(endNanos - startNanos);
  }

  @Override
  public String toString() {
    return "'" + profile + "' on '" + ma + "'" + (runNumber == null ? "" : " #" + runNumber)
        + " " + result + " [" + startSeq + ".." + endSeq + "]" + (outside ? " outside" : "");
  }
}
