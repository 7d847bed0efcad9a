package org.autosync.api.engine;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One run from an MA's run history: the profile, the result, and each executed step in
 * chronological order (MIM's XML lists the newest step first; adapters reorder it).
 *
 * <p>Immutable and thread-safe.
 *
 * @param runNumber the run's number, per MA, +1 per run
 * @param ma the management agent's name
 * @param profile the run profile's name at run time
 * @param result the result of the last step executed
 * @param start when the run started; null if unknown
 * @param end when the run ended; null if unknown
 * @param steps executed steps, oldest first
 */
public record RunDetails(
    long runNumber,
    String ma,
    String profile,
    String result,
    @Nullable Instant start,
    @Nullable Instant end,
    List<StepDetails> steps) {

  public RunDetails {
    Objects.requireNonNull(ma, "ma");
    Objects.requireNonNull(profile, "profile");
    Objects.requireNonNull(result, "result");
    steps = steps.stream().sorted(Comparator.comparingInt(StepDetails::stepNumber)).toList();
  }

  /** Whether any step synchronized. */
  public boolean hasSync() {
    return steps.stream().anyMatch(s -> s.kind().isSync());
  }
}
