package org.autosync.host.trigger;

import java.time.Duration;
import org.autosync.api.ExecutionRequest;
import org.autosync.api.trigger.TriggerConfig;
import org.autosync.api.trigger.TriggerHealth;

/**
 * What the {@link TriggerSupervisor} reports about the triggers it runs; the controller turns these
 * into its event stream (DESIGN §3.8). Every method has a no-op default.
 *
 * <p><b>Threading:</b> called from the supervisor's caller, the scheduler thread, and triggers'
 * own threads (for {@link #fired} and {@link #requestRefused}), possibly at the same time.
 * Implementations must be thread-safe and quick, and must not call back into the supervisor's
 * {@code start} or {@code stop} methods. An exception thrown here is logged and ignored.
 */
public interface TriggerEventListener {

  /** A listener that ignores everything. */
  TriggerEventListener NONE = new TriggerEventListener() {};

  /** The trigger's first instance started ({@code start} returned normally). */
  default void started(TriggerConfig trigger) {}

  /** The trigger fired {@code request}, which is being handed to the controller. */
  default void fired(TriggerConfig trigger, ExecutionRequest request) {}

  /**
   * A request the trigger fired was not handed on, or the controller did not accept it.
   *
   * @param reason why, such as "trigger 'hr' serves MA 'HR', not 'AD'"
   */
  default void requestRefused(TriggerConfig trigger, ExecutionRequest request, String reason) {}

  /**
   * The trigger failed: it threw from {@code start}, could not be created, or reported {@link
   * TriggerHealth.State#FAILED}. It has been stopped; a new instance starts after {@code retryIn}.
   *
   * @param reason what failed, such as "start failed: Connection refused"
   * @param failures consecutive failures so far, counting this one
   * @param retryIn the delay before the restart
   */
  default void failed(TriggerConfig trigger, String reason, int failures, Duration retryIn) {}

  /**
   * A new instance replaced a failed one and started.
   *
   * @param restarts how many restarts the trigger has had, counting this one
   */
  default void restarted(TriggerConfig trigger, int restarts) {}

  /** The trigger was stopped on request; it will not be restarted. */
  default void stopped(TriggerConfig trigger) {}

  /** The trigger's health in status changed. */
  default void healthChanged(TriggerConfig trigger, TriggerHealth health) {}
}
