package org.autosync.trigger.directory;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.RDN;
import org.jspecify.annotations.Nullable;

/**
 * Whether a logged change (a change log or access log entry) concerns a base DN: its target is at
 * or under it, or - for a rename - its new name is. When a DN cannot be read, the answer is yes:
 * better one import too many than a change missed.
 *
 * <p>Stateless and thread-safe.
 */
final class RenameScope {

  private RenameScope() {}

  /**
   * @param target the changed entry's DN; null when the log entry has none
   * @param newRdn for a rename, the new RDN; else null
   * @param newSuperior for a move, the new parent; else null
   */
  static boolean concerns(DN baseDn, @Nullable String target, @Nullable String newRdn,
      @Nullable String newSuperior) {
    if (target == null) {
      return true;
    }
    try {
      DN dn = new DN(target);
      if (dn.isDescendantOf(baseDn, true)) {
        return true;
      }
      if (newRdn != null) {
        DN parent = newSuperior != null ? new DN(newSuperior) : dn.getParent();
        DN renamed = new DN(new RDN(newRdn), parent == null ? DN.NULL_DN : parent);
        return renamed.isDescendantOf(baseDn, true);
      }
      return false;
    } catch (LDAPException e) {
      return true;
    }
  }
}
