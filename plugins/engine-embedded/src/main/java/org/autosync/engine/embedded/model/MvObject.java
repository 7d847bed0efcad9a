package org.autosync.engine.embedded.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A metaverse object: the joined identity, with the MA that contributed each attribute. Mutable;
 * only touched under the engine's data lock.
 */
public final class MvObject {
  public final long id;
  public final String type;
  public final Map<String, List<String>> attributes = new LinkedHashMap<>();
  /** The MA each attribute's value came from. */
  public final Map<String, String> contributors = new LinkedHashMap<>();

  public MvObject(long id, String type) {
    this.id = id;
    this.type = type;
  }

  public List<String> values(String attribute) {
    return attributes.getOrDefault(attribute, List.of());
  }

  @Override
  public String toString() {
    return type + " #" + id;
  }
}
