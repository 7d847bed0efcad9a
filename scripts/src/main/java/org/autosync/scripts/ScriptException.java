package org.autosync.scripts;

import org.jspecify.annotations.Nullable;

/**
 * Something went wrong with a script: its manifest cannot be read, it does not load, or a call
 * into it failed or ran too long. The message says what, where ({@code file:line} when known)
 * and what to do; {@link #location()} holds the place alone.
 *
 * <p>Immutable and thread-safe.
 */
public class ScriptException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final @Nullable String location;

  public ScriptException(String message, @Nullable String location, @Nullable Throwable cause) {
    super(message, cause);
    this.location = location;
  }

  public ScriptException(String message) {
    this(message, null, null);
  }

  /** Where in the script the problem is, such as {@code hr-watch/trigger.js:12}; null when unknown. */
  public @Nullable String location() {
    return location;
  }
}
