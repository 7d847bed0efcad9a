package org.autosync.engine.embedded.connector;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * One change to write to the connected system.
 *
 * <p>For {@link Op#ADD} the attributes are the new object's values; for {@link Op#UPDATE} each
 * attribute's values replace the current ones (an empty list removes the attribute); {@link
 * Op#RENAME} moves the object to {@code newDn} and may carry updates too; {@link Op#DELETE}
 * carries nothing. Immutable and thread-safe.
 *
 * @param op what to do
 * @param dn the object's current DN (for an add: the new object's DN)
 * @param newDn for a rename, the new DN; otherwise null
 * @param objectType the object's type
 * @param attributes values to write, by attribute name (lower-case)
 */
public record ExportChange(Op op, String dn, @Nullable String newDn, String objectType,
    Map<String, List<String>> attributes) {

  /** What an export does to one object. */
  public enum Op {
    ADD,
    UPDATE,
    RENAME,
    DELETE
  }

  public ExportChange {
    Objects.requireNonNull(op, "op");
    Objects.requireNonNull(dn, "dn");
    Objects.requireNonNull(objectType, "objectType");
    Map<String, List<String>> copy = new TreeMap<>();
    attributes.forEach((k, v) -> copy.put(k.toLowerCase(java.util.Locale.ROOT), List.copyOf(v)));
    attributes = java.util.Collections.unmodifiableMap(copy);
    if ((op == Op.RENAME) != (newDn != null)) {
      throw new IllegalArgumentException("newDn is given exactly for renames: " + op + " " + dn);
    }
  }
}
