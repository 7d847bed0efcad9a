package org.autosync.engine.embedded.connector;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * An object as the connected system holds it: its distinguished name (for flat sources, any
 * unique name such as the anchor value), its object type, and its attributes. Attribute names are
 * compared ignoring case (stored lower-case); values are strings, multi-valued attributes have
 * several; an attribute without values is absent.
 *
 * <p>Immutable and thread-safe.
 */
public record ConnectorEntry(String dn, String objectType, Map<String, List<String>> attributes) {

  public ConnectorEntry {
    Objects.requireNonNull(dn, "dn");
    Objects.requireNonNull(objectType, "objectType");
    Map<String, List<String>> copy = new TreeMap<>();
    attributes.forEach((name, values) -> {
      if (values != null && !values.isEmpty()) {
        copy.put(name.toLowerCase(java.util.Locale.ROOT), List.copyOf(values));
      }
    });
    attributes = java.util.Collections.unmodifiableMap(copy);
  }

  /** The values of {@code attribute}; empty when absent. */
  public List<String> values(String attribute) {
    return attributes.getOrDefault(attribute.toLowerCase(java.util.Locale.ROOT), List.of());
  }

  /** The first value of {@code attribute}, or null. */
  public @org.jspecify.annotations.Nullable String first(String attribute) {
    List<String> v = values(attribute);
    return v.isEmpty() ? null : v.getFirst();
  }

  /** A builder-style copy with one attribute set (empty values remove it). */
  public ConnectorEntry with(String attribute, List<String> values) {
    Map<String, List<String>> copy = new LinkedHashMap<>(attributes);
    copy.put(attribute.toLowerCase(java.util.Locale.ROOT), values);
    return new ConnectorEntry(dn, objectType, copy);
  }
}
