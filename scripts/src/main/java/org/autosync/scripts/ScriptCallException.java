package org.autosync.scripts;

import org.jspecify.annotations.Nullable;

/** A call into a script that did not return normally, with how it ended. */
final class ScriptCallException extends ScriptException {

  private static final long serialVersionUID = 1L;

  /** How a call ended. */
  enum Outcome {
    /** The script threw, or did not parse. */
    ERROR,
    /** It ran past its timeout and was interrupted. */
    TIMED_OUT,
    /** An earlier call held the script past this call's timeout. */
    BUSY,
    /** The context is gone (cancelled or closed); a new one is needed. */
    LOST
  }

  private final Outcome outcome;

  ScriptCallException(String message, @Nullable String location, Outcome outcome,
      @Nullable Throwable cause) {
    super(message, location, cause);
    this.outcome = outcome;
  }

  Outcome outcome() {
    return outcome;
  }
}
