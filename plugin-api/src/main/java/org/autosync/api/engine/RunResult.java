package org.autosync.api.engine;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * What {@link SyncEngine#run} returns: the run's result code and, when the engine recorded the run
 * in its history, its run number.
 *
 * <p>Immutable and thread-safe.
 *
 * @param result the result code (see {@link ResultCodes})
 * @param runNumber the run's number in the MA's history; empty when the engine recorded no run (for
 *     example a refusal to start)
 */
public record RunResult(String result, OptionalLong runNumber) {
  public RunResult {
    Objects.requireNonNull(result, "result");
    Objects.requireNonNull(runNumber, "runNumber");
  }

  public static RunResult of(String result, long runNumber) {
    return new RunResult(result, OptionalLong.of(runNumber));
  }

  public static RunResult notRecorded(String result) {
    return new RunResult(result, OptionalLong.empty());
  }
}
