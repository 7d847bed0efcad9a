package org.autosync.api.engine;

import java.util.Objects;

/**
 * One step of a run profile: a kind and the partition it works on.
 *
 * <p>Immutable and thread-safe.
 *
 * @param kind what the step does
 * @param partition the partition's name
 */
public record ProfileStep(StepKind kind, String partition) {
  public ProfileStep {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(partition, "partition");
  }
}
