package org.autosync.api.engine;

import java.util.Objects;

/**
 * A partition of a management agent: an LDAP naming context, or {@code default} for flat sources.
 *
 * <p>Immutable and thread-safe.
 *
 * @param id the engine's identifier (a GUID in MIM); equal to the name where the engine has none
 * @param name the name run history uses
 * @param selected whether the partition is in scope for the MA
 */
public record Partition(String id, String name, boolean selected) {

  /** The name of the single partition of flat sources such as files. */
  public static final String DEFAULT = "default";

  public Partition {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
  }

  /** A selected partition whose id is its name. */
  public static Partition named(String name) {
    return new Partition(name, name, true);
  }

  /** Whether {@code idOrName} names this partition, by id or by name (names ignore case). */
  public boolean matches(String idOrName) {
    return id.equals(idOrName) || name.equalsIgnoreCase(idOrName);
  }
}
