package org.autosync.api.engine;

import java.util.List;
import java.util.Objects;

/**
 * A named, ordered list of steps of a management agent.
 *
 * <p>Immutable and thread-safe.
 */
public record RunProfile(String name, List<ProfileStep> steps) {

  public RunProfile {
    Objects.requireNonNull(name, "name");
    steps = List.copyOf(steps);
    if (steps.isEmpty()) {
      throw new IllegalArgumentException("Run profile '" + name + "' has no steps");
    }
  }

  /** A single-step profile. */
  public static RunProfile of(String name, StepKind kind, String partition) {
    return new RunProfile(name, List.of(new ProfileStep(kind, partition)));
  }

  /** Whether any step synchronizes. */
  public boolean hasSync() {
    return steps.stream().anyMatch(s -> s.kind().isSync());
  }

  /** Whether any step imports. */
  public boolean hasImport() {
    return steps.stream().anyMatch(s -> s.kind().isImport());
  }

  /** Whether any step is a delta import (alone or combined with a sync). */
  public boolean hasDeltaImport() {
    return steps.stream().anyMatch(s -> s.kind().isImport() && !s.kind().isFull());
  }

  /** Whether any step exports. */
  public boolean hasExport() {
    return steps.stream().anyMatch(s -> s.kind().isExport());
  }

  /** Whether the profile is a single step. */
  public boolean isSingleStep() {
    return steps.size() == 1;
  }
}
