package org.autosync.api.trigger;

/**
 * The type of a trigger parameter, which decides how its configured value is checked and read.
 *
 * <p>Immutable and thread-safe.
 */
public enum ParameterType {
  /** Text. */
  STRING,
  /** A whole number. */
  INTEGER,
  /** {@code true} or {@code false}. */
  BOOLEAN,
  /** A duration such as {@code 30s}, {@code 5m}, {@code 2h}, {@code 1d} or ISO-8601 {@code PT5M}. */
  DURATION,
  /** One of the descriptor's allowed values. */
  ENUM,
  /** A list of strings. */
  LIST,
  /** A secret reference such as {@code ${env:NAME}}; resolved through the context, never logged. */
  SECRET
}
