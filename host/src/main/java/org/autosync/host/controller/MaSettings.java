package org.autosync.host.controller;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * How the controller treats one management agent.
 *
 * <p>Immutable and thread-safe.
 *
 * @param name the MA's name, as the engine knows it
 * @param enabled whether AutoSync runs anything on it; requests for a disabled MA are dropped
 * @param mappings profile per type and partition; empty means "discover from the engine's
 *     single-step profiles"
 * @param lockWith MAs that must never run at the same time as this one (the relation is symmetric)
 * @param thresholds staging limits that halt this MA when breached
 * @param timeLimits per-profile time limits overriding the global default
 * @param script the MA's own controller script, asked after the global one; null for none
 */
public record MaSettings(
    String name,
    boolean enabled,
    ProfileMappings mappings,
    Set<String> lockWith,
    List<StagingThreshold> thresholds,
    Map<String, Duration> timeLimits,
    @Nullable ControllerScriptSettings script) {

  public MaSettings {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(mappings, "mappings");
    lockWith = Set.copyOf(lockWith);
    thresholds = List.copyOf(thresholds);
    timeLimits = Map.copyOf(timeLimits);
    if (lockWith.contains(name)) {
      throw new IllegalArgumentException("MA '" + name + "' cannot lockWith itself");
    }
    timeLimits.forEach((profile, limit) -> {
      if (limit.isNegative() || limit.isZero()) {
        throw new IllegalArgumentException(
            "time limit of profile '" + profile + "' on MA '" + name + "' must be positive");
      }
    });
  }

  /** An enabled MA with discovered mappings and no locks, thresholds or limits. */
  public static MaSettings enabled(String name) {
    return new MaSettings(name, true, ProfileMappings.NONE, Set.of(), List.of(), Map.of(),
        null);
  }

  public MaSettings withEnabled(boolean value) {
    return new MaSettings(name, value, mappings, lockWith, thresholds, timeLimits, script);
  }

  public MaSettings withMappings(ProfileMappings value) {
    return new MaSettings(name, enabled, value, lockWith, thresholds, timeLimits, script);
  }

  public MaSettings withLockWith(Set<String> value) {
    return new MaSettings(name, enabled, mappings, value, thresholds, timeLimits, script);
  }

  public MaSettings withThresholds(List<StagingThreshold> value) {
    return new MaSettings(name, enabled, mappings, lockWith, value, timeLimits, script);
  }

  /** These settings with {@code value} as the MA's controller script (null: none). */
  public MaSettings withScript(@Nullable ControllerScriptSettings value) {
    return new MaSettings(name, enabled, mappings, lockWith, thresholds, timeLimits, value);
  }

  public MaSettings withTimeLimits(Map<String, Duration> value) {
    return new MaSettings(name, enabled, mappings, lockWith, thresholds, value, script);
  }
}
