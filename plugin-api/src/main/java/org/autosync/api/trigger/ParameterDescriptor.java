package org.autosync.api.trigger;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One configuration parameter of a trigger type, described as data so that the host can validate
 * configuration, print help and generate schemas.
 *
 * <p>Immutable and thread-safe.
 *
 * @param name the key in the trigger's configuration block
 * @param type how the value is checked and read
 * @param required whether the block must set it
 * @param defaultValue the value used when the block does not set it, as configuration text; null
 *     for none
 * @param description what the parameter does, for people
 * @param allowedValues for {@link ParameterType#ENUM}, the accepted values
 */
public record ParameterDescriptor(
    String name,
    ParameterType type,
    boolean required,
    @Nullable String defaultValue,
    String description,
    List<String> allowedValues) {

  public ParameterDescriptor {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(description, "description");
    allowedValues = List.copyOf(allowedValues);
    if (type == ParameterType.ENUM && allowedValues.isEmpty()) {
      throw new IllegalArgumentException("ENUM parameter '" + name + "' needs allowed values");
    }
    if (required && defaultValue != null) {
      throw new IllegalArgumentException(
          "Parameter '" + name + "' is required, so it cannot have a default");
    }
  }

  public static ParameterDescriptor required(String name, ParameterType type, String description) {
    return new ParameterDescriptor(name, type, true, null, description, List.of());
  }

  public static ParameterDescriptor optional(
      String name, ParameterType type, @Nullable String defaultValue, String description) {
    return new ParameterDescriptor(name, type, false, defaultValue, description, List.of());
  }

  public static ParameterDescriptor oneOf(
      String name, String defaultValue, String description, List<String> allowedValues) {
    return new ParameterDescriptor(
        name, ParameterType.ENUM, false, defaultValue, description, allowedValues);
  }
}
