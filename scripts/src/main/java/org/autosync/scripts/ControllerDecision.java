package org.autosync.scripts;

import java.util.Objects;

/**
 * What a controller script decided, with the reason shown in status, logs and the journal.
 *
 * <p>Immutable and thread-safe.
 *
 * @param action what the controller should do
 * @param reason why, for people; names the script
 */
public record ControllerDecision(Action action, String reason) {

  /** What the controller should do. */
  public enum Action {
    /** {@code shouldExecute}: run the profile. {@code executionComplete}: carry on. */
    PROCEED,
    /** {@code shouldExecute} only: skip this run. */
    VETO,
    /** {@code executionComplete} only: halt this MA's controller until an operator resumes it. */
    HALT_MA,
    /** {@code executionComplete} only: halt every MA (the whole service) until resumed. */
    HALT_SERVICE
  }

  public ControllerDecision {
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(reason, "reason");
  }

  static ControllerDecision proceed(String reason) {
    return new ControllerDecision(Action.PROCEED, reason);
  }

  static ControllerDecision veto(String reason) {
    return new ControllerDecision(Action.VETO, reason);
  }

  /** Whether the run may go ahead / the controller carries on. */
  public boolean proceeds() {
    return action == Action.PROCEED;
  }
}
