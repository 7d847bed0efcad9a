package org.autosync.api.engine;

import java.util.Objects;

/**
 * A per-object error recorded in a step: a discovery, import (sync), export or metaverse retry
 * error.
 *
 * <p>Immutable and thread-safe.
 *
 * @param phase which part of the step failed
 * @param type the engine's error type, such as {@code exported-change-not-reimported}
 * @param object the object's DN, anchor or display name; empty when the error is not about one
 * @param detail what went wrong, in the engine's words
 */
public record RunError(Phase phase, String type, String object, String detail) {

  /** Which part of a step an error belongs to. */
  public enum Phase {
    DISCOVERY,
    IMPORT,
    EXPORT,
    MV_RETRY
  }

  public RunError {
    Objects.requireNonNull(phase, "phase");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(object, "object");
    Objects.requireNonNull(detail, "detail");
  }
}
