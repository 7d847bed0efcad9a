package org.autosync.api.trigger;

import java.util.Objects;

/**
 * One thing wrong with a trigger's configuration block.
 *
 * <p>Immutable and thread-safe.
 *
 * @param field the parameter's name (a path such as {@code hosts[1]} where it helps)
 * @param message what is wrong and what was expected
 */
public record ConfigProblem(String field, String message) {
  public ConfigProblem {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(message, "message");
  }

  @Override
  public String toString() {
    return field + ": " + message;
  }
}
