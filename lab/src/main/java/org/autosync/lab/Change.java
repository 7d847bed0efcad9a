package org.autosync.lab;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.controls.PersistentSearchChangeType;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One successful write as the watchers see it.
 *
 * @param type what happened (the persistent search change types double as the write kinds)
 * @param dn the entry's DN after the change; for a delete, the DN it had
 * @param previousDn the DN before a modify DN, else {@code null}
 * @param before the entry before the change with all user and operational attributes, captured
 *     for deletes and renames; {@code null} otherwise or when it could not be read
 * @param after the entry after the change with all user and operational attributes; {@code null}
 *     for a delete, or when the entry was already gone again when it was read
 * @param usn the update sequence number the emulator gave this write ({@code uSNChanged})
 * @param guid the entry's {@code objectGUID}
 * @param namingContext the server base DN that holds the entry, for tombstone DNs; {@code null}
 *     when none does
 */
record Change(
    PersistentSearchChangeType type,
    DN dn,
    @Nullable DN previousDn,
    @Nullable Entry before,
    @Nullable Entry after,
    long usn,
    UUID guid,
    @Nullable DN namingContext) {

  Change {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(dn, "dn");
    Objects.requireNonNull(guid, "guid");
    if (usn <= 0) {
      throw new IllegalArgumentException("usn must be positive, was " + usn);
    }
  }
}
