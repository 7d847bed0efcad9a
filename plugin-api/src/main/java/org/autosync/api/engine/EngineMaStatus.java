package org.autosync.api.engine;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What the engine says a management agent is doing right now.
 *
 * <p>Immutable and thread-safe.
 *
 * @param running whether a run is in progress; {@code completing-*} post-processing counts as
 *     running
 * @param profile the running profile, or the last one when idle; null if the MA never ran
 * @param lastResult when idle, the result of the last run; null if the MA never ran
 * @param lastRunNumber the number of the newest run in the history; 0 if the MA never ran
 */
public record EngineMaStatus(
    boolean running, @Nullable String profile, @Nullable String lastResult, long lastRunNumber) {

  public static EngineMaStatus idle(@Nullable String lastProfile, @Nullable String lastResult,
      long lastRunNumber) {
    return new EngineMaStatus(false, lastProfile, lastResult, lastRunNumber);
  }

  public static EngineMaStatus running(String profile, long lastRunNumber) {
    return new EngineMaStatus(true, Objects.requireNonNull(profile, "profile"), null, lastRunNumber);
  }
}
