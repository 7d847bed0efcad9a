package org.autosync.host.trigger;

import java.util.Objects;
import org.autosync.api.trigger.TriggerHealth;
import org.jspecify.annotations.Nullable;

/**
 * A supervised trigger's status, for the status API, the CLI and the dashboard.
 *
 * <p>Immutable and thread-safe.
 *
 * @param id the trigger's id
 * @param type the trigger type's id
 * @param ma the management agent it serves
 * @param health its latest health: what it reported, or what the supervisor decided (starting,
 *     failed and when it restarts)
 * @param restarts how many times it has been replaced by a new instance after failing
 * @param lastError the last failure's message, kept after recovery; null if it never failed
 */
public record TriggerStatus(
    String id,
    String type,
    String ma,
    TriggerHealth health,
    int restarts,
    @Nullable String lastError) {

  public TriggerStatus {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(ma, "ma");
    Objects.requireNonNull(health, "health");
    if (restarts < 0) {
      throw new IllegalArgumentException("restarts must not be negative, got " + restarts);
    }
  }
}
