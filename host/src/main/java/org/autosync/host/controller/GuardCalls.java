package org.autosync.host.controller;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.autosync.api.engine.ManagementAgent;
import org.autosync.api.engine.RunDetails;
import org.autosync.api.engine.RunProfile;
import org.autosync.scripts.ControllerDecision;
import org.autosync.scripts.ControllerDecision.Action;
import org.jspecify.annotations.Nullable;

/**
 * Asks an MA's guards (the global one first, then the MA's own) and combines their answers. Runs
 * on worker threads; stateless, and never throws: a guard that throws vetoes (before a run) or is
 * ignored (after it), with the failure in the decision.
 */
final class GuardCalls {

  /**
   * What the guards said.
   *
   * @param decisions before a run: one, the first veto or a proceed; after a run: one per guard
   * @param loadErrors each guard's {@link RunGuard#loadError()} after the call, by name
   */
  record Answer(List<ControllerDecision> decisions, Map<String, @Nullable String> loadErrors) {
    ControllerDecision decision() {
      return decisions.getFirst();
    }
  }

  private GuardCalls() {}

  /** Both must allow: the first veto (or failure) wins, and later guards are not asked. */
  static Answer shouldExecute(List<RunGuard> guards, ManagementAgent ma, RunProfile profile) {
    Map<String, @Nullable String> loadErrors = new LinkedHashMap<>();
    List<String> reasons = new ArrayList<>();
    for (RunGuard guard : guards) {
      ControllerDecision d;
      try {
        d = guard.shouldExecute(ma, profile);
      } catch (RuntimeException e) {
        String error = guard.name() + " failed: " + e;
        d = new ControllerDecision(Action.VETO, error + " (an error counts as a veto)", error);
      }
      loadErrors.put(guard.name(), loadError(guard));
      if (d.action() != Action.PROCEED) {
        if (d.action() != Action.VETO) {
          String error = "shouldExecute of " + guard.name() + " answered " + d.action()
              + ", which only executionComplete may; it counts as a veto";
          d = new ControllerDecision(Action.VETO, error, error);
        }
        return new Answer(List.of(d), loadErrors);
      }
      reasons.add(d.reason());
    }
    return new Answer(List.of(new ControllerDecision(Action.PROCEED, String.join("; ", reasons))),
        loadErrors);
  }

  /** Every guard is told; each decision is applied (a halt of the MA and of the service both). */
  static Answer executionComplete(List<RunGuard> guards, RunDetails run) {
    Map<String, @Nullable String> loadErrors = new LinkedHashMap<>();
    List<ControllerDecision> decisions = new ArrayList<>();
    for (RunGuard guard : guards) {
      ControllerDecision d;
      try {
        d = guard.executionComplete(run);
      } catch (RuntimeException e) {
        String error = guard.name() + " failed: " + e;
        d = new ControllerDecision(Action.PROCEED, error + " (ignored)", error);
      }
      if (d.action() == Action.VETO) {
        String error = "executionComplete of " + guard.name() + " answered VETO, which only"
            + " shouldExecute may; ignored";
        d = new ControllerDecision(Action.PROCEED, error, error);
      }
      decisions.add(d);
      loadErrors.put(guard.name(), loadError(guard));
    }
    return new Answer(decisions, loadErrors);
  }

  private static @Nullable String loadError(RunGuard guard) {
    try {
      return guard.loadError();
    } catch (RuntimeException e) {
      return guard.name() + " cannot say whether it loads: " + e;
    }
  }
}
