package org.autosync.lab;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.RDN;
import java.util.Objects;

/**
 * Builds the tombstone Active Directory shows for a deleted entry under Show Deleted.
 *
 * <p>AD moves a deleted object to {@code CN=Deleted Objects} of its naming context and gives it a
 * "delete-mangled" RDN: the old RDN value, a line feed (0x0A), {@code DEL:} and the GUID's text,
 * keeping the RDN attribute ({@code CN} for users and groups, {@code OU} for organizational units).
 * In a DN string the line feed is escaped, e.g. {@code
 * CN=Ann\0ADEL:1f0c...,CN=Deleted Objects,DC=example,DC=com}.
 *
 * <p>Stateless and thread-safe.
 */
final class Tombstones {

  static final String DELETED_OBJECTS = "Deleted Objects";

  private Tombstones() {}

  /**
   * The tombstone for a delete: {@code objectClass} kept, {@code isDeleted: TRUE}, {@code
   * objectGUID}, {@code uSNChanged} and {@code lastKnownParent}.
   *
   * @throws IllegalArgumentException when the change is not a delete with a captured entry
   */
  static Entry of(Change delete) {
    Entry before = Objects.requireNonNull(delete.before(), "the deleted entry was not captured");
    DN dn = delete.dn();
    RDN rdn = dn.getRDN();
    if (rdn == null) {
      throw new IllegalArgumentException("cannot build a tombstone for the root DSE");
    }
    RDN mangled = new RDN(rdn.getAttributeNames()[0],
        rdn.getAttributeValues()[0] + "\nDEL:" + delete.guid());
    RDN container = new RDN("CN", DELETED_OBJECTS);
    DN deletedObjects = delete.namingContext() == null
        ? new DN(container) : new DN(container, delete.namingContext());
    Entry tombstone = new Entry(new DN(mangled, deletedObjects));
    if (before.hasAttribute("objectClass")) {
      tombstone.addAttribute(before.getObjectClassAttribute());
    }
    tombstone.addAttribute("isDeleted", "TRUE");
    tombstone.addAttribute("objectGUID", ObjectGuids.toBytes(delete.guid()));
    tombstone.addAttribute("uSNChanged", Long.toString(delete.usn()));
    DN parent = dn.getParent();
    if (parent != null) {
      tombstone.addAttribute("lastKnownParent", parent.toString());
    }
    return tombstone;
  }
}
