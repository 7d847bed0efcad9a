package org.autosync.lab;

import com.unboundid.ldap.sdk.Control;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ReadOnlySearchRequest;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.controls.PersistentSearchChangeType;
import com.unboundid.ldap.sdk.controls.PersistentSearchRequestControl;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** What a parked search asked for: Active Directory change notification or a persistent search. */
sealed interface WatchMode {

  /**
   * The mode a search with the change notification or persistent search control asks for,
   * checked the way the servers check it.
   *
   * @throws LDAPException {@code unwillingToPerform} naming the rule a search breaks: both
   *     controls, or change notification with a filter other than {@code (objectClass=*)} or a
   *     scope other than base, one-level and subtree; {@code protocolError} for a malformed
   *     persistent search control
   */
  static WatchMode of(ReadOnlySearchRequest search, @Nullable Control notification,
      @Nullable Control persistent, boolean showDeleted) throws LDAPException {
    if (notification != null && persistent != null) {
      throw new LDAPException(ResultCode.UNWILLING_TO_PERFORM, "A search cannot carry both the"
          + " change notification control (" + ChangeNotificationEmulator.NOTIFICATION_OID
          + ") and the persistent search control ("
          + ChangeNotificationEmulator.PERSISTENT_SEARCH_OID + "); send one of them.");
    }
    if (persistent != null) {
      PersistentSearchRequestControl control;
      try {
        control = new PersistentSearchRequestControl(persistent);
      } catch (LDAPException e) {
        throw new LDAPException(ResultCode.PROTOCOL_ERROR,
            "Cannot decode the persistent search control: " + e.getMessage(), e);
      }
      return new PersistentSearch(control.getChangeTypes(), control.changesOnly(),
          control.returnECs());
    }
    Filter filter = search.getFilter();
    boolean objectClassPresence = filter.getFilterType() == Filter.FILTER_TYPE_PRESENCE
        && ("objectClass".equalsIgnoreCase(filter.getAttributeName())
            || "2.5.4.0".equals(filter.getAttributeName()));
    if (!objectClassPresence) {
      throw new LDAPException(ResultCode.UNWILLING_TO_PERFORM, "Change notification (control "
          + ChangeNotificationEmulator.NOTIFICATION_OID + ") accepts only the filter"
          + " '(objectClass=*)', like Active Directory; this search has '" + filter + "'.");
    }
    SearchScope scope = search.getScope();
    if (scope != SearchScope.BASE && scope != SearchScope.ONE && scope != SearchScope.SUB) {
      throw new LDAPException(ResultCode.UNWILLING_TO_PERFORM, "Change notification (control "
          + ChangeNotificationEmulator.NOTIFICATION_OID + ") accepts only base, one-level and"
          + " subtree scope, like Active Directory; this search has " + scope + ".");
    }
    return new AdNotification(showDeleted);
  }

  /**
   * Active Directory change notification (1.2.840.113556.1.4.528).
   *
   * @param showDeleted whether the search also carried Show Deleted (1.2.840.113556.1.4.417), so
   *     that deletes are notified as tombstones
   */
  record AdNotification(boolean showDeleted) implements WatchMode {}

  /**
   * A persistent search (2.16.840.1.113730.3.4.3).
   *
   * @param changeTypes the change types to send
   * @param changesOnly {@code false} to return the matching entries first
   * @param returnEcs whether to attach an entry change notification control to every change
   */
  record PersistentSearch(Set<PersistentSearchChangeType> changeTypes, boolean changesOnly,
      boolean returnEcs) implements WatchMode {

    public PersistentSearch {
      Objects.requireNonNull(changeTypes, "changeTypes");
      changeTypes = Set.copyOf(changeTypes);
    }
  }
}
