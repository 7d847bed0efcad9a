package org.autosync.api.trigger;

/**
 * A running trigger: watches something and fires execution requests through its context.
 *
 * <p><b>Threading:</b> the host calls {@code start} and {@code stop} from its own thread, never
 * concurrently. {@code start} must not block: open connections and start listening on threads or
 * the context's scheduler. {@code stop} is idempotent, releases everything the trigger holds, and
 * may be called after a failed {@code start}. A trigger that throws from {@code start}, or reports
 * {@link TriggerHealth.State#FAILED}, is restarted by the host with backoff.
 *
 * <p><b>Contract:</b> a trigger never drops a change. Firing again while a request is queued is
 * cheap (the controller coalesces), so fire once per change burst rather than risk missing one.
 */
public interface Trigger {

  /** Starts watching; returns at once. */
  void start(TriggerContext context) throws Exception;

  /** Stops watching and releases resources; idempotent. */
  void stop();
}
