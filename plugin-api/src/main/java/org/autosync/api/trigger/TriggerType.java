package org.autosync.api.trigger;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A trigger type described as data: what it is called, what it does, and its parameters.
 *
 * <p>Immutable and thread-safe.
 *
 * @param id the type's unique id used in configuration, such as {@code interval}
 * @param label a short name for people
 * @param description what the trigger watches and what it fires
 * @param parameters its configuration parameters
 */
public record TriggerType(
    String id, String label, String description, List<ParameterDescriptor> parameters) {

  public TriggerType {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(description, "description");
    parameters = List.copyOf(parameters);
    if (!id.matches("[a-z0-9][a-z0-9.-]*")) {
      throw new IllegalArgumentException(
          "Trigger type id '" + id + "' must be lower-case letters, digits, '.' and '-'");
    }
  }

  /** The parameter called {@code name}. */
  public Optional<ParameterDescriptor> parameter(String name) {
    return parameters.stream().filter(p -> p.name().equals(name)).findFirst();
  }
}
