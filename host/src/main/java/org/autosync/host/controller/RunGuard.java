package org.autosync.host.controller;

import org.autosync.api.engine.ManagementAgent;
import org.autosync.api.engine.RunDetails;
import org.autosync.api.engine.RunProfile;
import org.autosync.scripts.ControllerDecision;
import org.autosync.scripts.ControllerDecision.Action;
import org.jspecify.annotations.Nullable;

/**
 * The controller's side of a controller script (DESIGN §3.6): asked before a run whether it may
 * start, and told after every run — AutoSync's own or one started outside it — how it went, with
 * the power to halt the MA or the whole service.
 *
 * <pre>{@code
 * RunGuard noFullSyncs = new RunGuard() {
 *   public String name() { return "no full syncs"; }
 *   public ControllerDecision shouldExecute(ManagementAgent ma, RunProfile profile) {
 *     return profile.name().equals("FS")
 *         ? new ControllerDecision(Action.VETO, "full syncs only by hand")
 *         : new ControllerDecision(Action.PROCEED, "fine");
 *   }
 *   public ControllerDecision executionComplete(RunDetails run) {
 *     return new ControllerDecision(Action.PROCEED, "fine");
 *   }
 * };
 * }</pre>
 *
 * <p><b>Answers.</b> {@code shouldExecute}: {@code PROCEED} or {@code VETO}; {@code
 * executionComplete}: {@code PROCEED}, {@code HALT_MA} or {@code HALT_SERVICE}. A decision whose
 * {@link ControllerDecision#error()} is set reports a failure (a veto, or carrying on). A guard
 * that throws is treated the same way: a veto before a run, nothing after it.
 *
 * <p><b>Threading:</b> implementations are thread-safe. The controller calls them on worker
 * threads named {@code autosync-script-<ma>}, never on its decision thread, and may call one
 * guard from several threads at once (a global script serves every MA). Calls may block, but each
 * must be bounded in time by the implementation. {@link #close()} is idempotent and may wait for
 * a call in progress.
 */
public interface RunGuard extends AutoCloseable {

  /** Names the guard in events, such as {@code controller script 'guard' (MA 'HR')}. */
  String name();

  /** Whether {@code profile} may run on {@code ma} now; a veto carries its reason. */
  ControllerDecision shouldExecute(ManagementAgent ma, RunProfile profile);

  /** What to do after {@code run}: carry on, or halt the MA or the service, with a reason. */
  ControllerDecision executionComplete(RunDetails run);

  /**
   * Why the guard's code as it is now cannot be loaded (an older version, or nothing, answering);
   * null when it is fine. Read after each call, to report a broken edit once and its fix.
   */
  default @Nullable String loadError() {
    return null;
  }

  @Override
  default void close() {}

  /**
   * Opens guards for configured controller scripts.
   *
   * <p><b>Threading:</b> thread-safe; called on the threads that start and reconfigure the
   * controller, never on its decision thread, so it may block while a script loads.
   */
  @FunctionalInterface
  interface Factory {

    /**
     * Controllers built without a factory: a configured script cannot be loaded, so its guard
     * vetoes every run, saying why.
     */
    Factory UNAVAILABLE = (scope, settings) -> new RunGuard() {
      private final String problem = "controller script '" + settings.script() + "' (" + scope
          + ") cannot be loaded: this controller was built without a RunGuard.Factory";

      @Override
      public String name() {
        return "controller script '" + settings.script() + "' (" + scope + ")";
      }

      @Override
      public ControllerDecision shouldExecute(ManagementAgent ma, RunProfile profile) {
        return new ControllerDecision(Action.VETO, problem, problem);
      }

      @Override
      public ControllerDecision executionComplete(RunDetails run) {
        return new ControllerDecision(Action.PROCEED, problem, problem);
      }

      @Override
      public String loadError() {
        return problem;
      }
    };

    /**
     * Opens the guard for {@code settings}. Never throws for a script that cannot be loaded:
     * the guard it returns then vetoes every run with the reason (and tries again when asked),
     * since running unguarded could defeat the script's purpose.
     *
     * @param scope where it is configured: {@code global} or {@code MA 'HR'}
     */
    RunGuard open(String scope, ControllerScriptSettings settings);
  }
}
