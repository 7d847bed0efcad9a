package org.autosync.engine.embedded.connector.ldap;

import com.unboundid.ldap.sdk.DN;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One write read from a directory's change log, reduced to what a delta import needs: which entry
 * it touched and, for a rename, where the entry went.
 *
 * <p>Immutable and thread-safe.
 *
 * @param kind what the write did
 * @param target the entry's DN before the write
 * @param newDn for {@link Kind#RENAME}, the entry's DN after it; otherwise null
 * @param position where the record is in the log, for messages (such as {@code changeNumber=12})
 */
record ChangeRecord(Kind kind, DN target, @Nullable DN newDn, String position) {

  /** What a write did to an entry. */
  enum Kind {
    ADD,
    MODIFY,
    RENAME,
    DELETE
  }

  ChangeRecord {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(position, "position");
    if ((kind == Kind.RENAME) != (newDn != null)) {
      throw new IllegalArgumentException("newDn is given exactly for renames: " + position);
    }
  }
}
