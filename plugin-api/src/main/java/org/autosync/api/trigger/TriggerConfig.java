package org.autosync.api.trigger;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A trigger instance's configuration: its id, the MA it serves, and its parameter values as
 * configuration text (the host has already checked them against the type's descriptors and filled
 * in defaults).
 *
 * <p>Immutable and thread-safe.
 *
 * @param id the trigger instance's id, unique within the host (used in logs and request sources)
 * @param type the trigger type's id
 * @param ma the management agent's name
 * @param values parameter values by name; lists are comma-separated
 */
public record TriggerConfig(String id, String type, String ma, Map<String, String> values) {

  public TriggerConfig {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(ma, "ma");
    values = Map.copyOf(values);
  }

  /** The raw value, if set. */
  public Optional<String> value(String name) {
    return Optional.ofNullable(values.get(name));
  }

  /** A parameter the descriptor declares as required or defaulted. */
  public String string(String name) {
    String v = values.get(name);
    if (v == null) {
      throw new IllegalArgumentException("Trigger '" + id + "' has no value for '" + name + "'");
    }
    return v;
  }

  public long integer(String name) {
    return ParameterValues.parseInteger(string(name));
  }

  public boolean bool(String name) {
    return ParameterValues.parseBoolean(string(name));
  }

  public Duration duration(String name) {
    return ParameterValues.parseDuration(string(name));
  }

  public List<String> list(String name) {
    return ParameterValues.parseList(string(name));
  }
}
