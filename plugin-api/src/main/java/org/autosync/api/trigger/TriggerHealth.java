package org.autosync.api.trigger;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A trigger's health as it reports it: a state, the last event it saw and the last error.
 *
 * <p>Immutable and thread-safe.
 *
 * @param state the trigger's state
 * @param message a short explanation for people, such as "connected to ldap://dc1:389"
 * @param lastEvent when the trigger last saw a change; null if never
 * @param lastError the last error's message; null if none
 */
public record TriggerHealth(
    State state, String message, @Nullable Instant lastEvent, @Nullable String lastError) {

  /** A trigger's state. */
  public enum State {
    /** Starting or connecting. */
    STARTING,
    /** Watching normally. */
    HEALTHY,
    /** Working, but something is wrong (for example reconnecting). */
    DEGRADED,
    /** Not working; the host restarts it with backoff. */
    FAILED
  }

  public TriggerHealth {
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(message, "message");
  }

  public static TriggerHealth healthy(String message) {
    return new TriggerHealth(State.HEALTHY, message, null, null);
  }

  public static TriggerHealth failed(String error) {
    return new TriggerHealth(State.FAILED, error, null, error);
  }
}
