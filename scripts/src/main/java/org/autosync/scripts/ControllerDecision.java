package org.autosync.scripts;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a controller script decided, with the reason shown in status, logs and the journal.
 *
 * <p>When the script failed — it threw, ran past its timeout, or answered something it should
 * not — {@link #error()} says how (with the file and line where the script says), and the action
 * is what a failure means: a veto in {@code shouldExecute}, carrying on in {@code
 * executionComplete}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param action what the controller should do
 * @param reason why, for people; names the script
 * @param error the script's failure behind this decision; null when the script answered
 */
public record ControllerDecision(Action action, String reason, @Nullable String error) {

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

  /** A decision the script made without failing. */
  public ControllerDecision(Action action, String reason) {
    this(action, reason, null);
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

  /** Whether the script failed (see {@link #error()}). */
  public boolean failed() {
    return error != null;
  }
}
