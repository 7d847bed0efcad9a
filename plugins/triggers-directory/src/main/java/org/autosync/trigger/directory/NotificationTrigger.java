package org.autosync.trigger.directory;

import com.unboundid.asn1.ASN1OctetString;
import com.unboundid.ldap.sdk.AsyncRequestID;
import com.unboundid.ldap.sdk.AsyncSearchResultListener;
import com.unboundid.ldap.sdk.Control;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchResultReference;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.controls.EntryChangeNotificationControl;
import com.unboundid.ldap.sdk.controls.PersistentSearchChangeType;
import com.unboundid.ldap.sdk.controls.PersistentSearchRequestControl;
import com.unboundid.ldap.sdk.controls.SimplePagedResultsControl;
import java.io.Serial;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Watches a directory through a search the server keeps open and answers with every changed
 * entry: Active Directory's and LDS's change notification control, or the persistent search
 * control other directories offer. See {@link NotificationTriggerFactory} for the two types.
 *
 * <p>On each connect: read the baseline (when noise filtering is on) so that the {@link
 * ChangeFilter} knows every object's state, open the notification search, fire a catch-up import.
 * Each notified entry the filter counts is a change (batched by the quiet period); the search
 * ending - the server going down, an administrative limit, a closed connection - is a lost watch,
 * and the trigger reconnects.
 *
 * <p><b>Threading:</b> entries arrive on the connection's reader thread; see {@link
 * WatchingTrigger}.
 */
final class NotificationTrigger extends WatchingTrigger {

  /** LDAP_SERVER_NOTIFICATION_OID: AD and LDS change notification. */
  static final String NOTIFY_OID = "1.2.840.113556.1.4.528";
  /** LDAP_SERVER_SHOW_DELETED_OID: makes deleted objects (tombstones) visible. */
  static final String SHOW_DELETED_OID = "1.2.840.113556.1.4.417";
  /** The page size of the baseline read. */
  static final int PAGE_SIZE = 500;

  /** The two ways of asking a server for notifications. */
  enum Mode {
    /** AD/LDS: filter must be (objectClass=*); no initial results; deletes via Show Deleted. */
    AD_NOTIFY,
    /** draft-ietf-ldapext-psearch: changes only, with entry change notification controls. */
    PERSISTENT_SEARCH
  }

  private final Mode mode;
  private final Watch watch;
  private final SearchScope scope;
  private final Filter filter;
  private final String[] attributes;
  private final @Nullable ChangeFilter changes;
  private final boolean baseline;
  private final boolean showDeleted;
  private final Set<PersistentSearchChangeType> changeTypes;

  NotificationTrigger(Mode mode, Endpoint endpoint, Watch watch, SearchScope scope, Filter filter,
      List<String> attributes, @Nullable ChangeFilter changes, boolean baseline,
      boolean showDeleted, Set<PersistentSearchChangeType> changeTypes) {
    super(endpoint, watch.target(), watch.quietPeriod(), watch.fireFirst(), watch.maxBackoff());
    this.mode = Objects.requireNonNull(mode, "mode");
    this.watch = watch;
    this.scope = scope;
    this.filter = filter;
    this.attributes = attributes.toArray(String[]::new);
    this.changes = changes;
    this.baseline = baseline && changes != null;
    this.showDeleted = showDeleted;
    this.changeTypes = Set.copyOf(changeTypes);
  }

  @Override
  String watches() {
    String what = mode == Mode.AD_NOTIFY ? "change notifications" : "a persistent search";
    return what + " under '" + watch.baseDn() + "' (" + scope.getName() + ", " + filter + ")"
        + (changes == null ? "" : baseline ? ", noise filtered from a baseline"
            : ", noise filtered");
  }

  @Override
  Session open(LDAPConnection connection, int generation) throws LDAPException {
    int learnt = 0;
    if (baseline) {
      learnt = readBaseline(connection);
    }
    Listener listener = new Listener(generation);
    SearchRequest request = new SearchRequest(listener, searchBase(connection).toString(), scope,
        filter, attributes);
    request.setResponseTimeoutMillis(0); // the search stays open for as long as we watch
    if (mode == Mode.AD_NOTIFY) {
      request.addControl(new Control(NOTIFY_OID, true));
      if (showDeleted) {
        request.addControl(new Control(SHOW_DELETED_OID, true));
      }
    } else {
      request.addControl(new PersistentSearchRequestControl(changeTypes, true, true, true));
    }
    AsyncRequestID id = connection.asyncSearch(request);
    catchUp("connected to " + connectedUrl() + (baseline ? " (baseline " + learnt + " objects)" : ""));
    return new Session() {
      @Override
      public void close() {
        listener.closed = true;
        try {
          connection.abandon(id);
        } catch (LDAPException e) {
          // the connection is going anyway
        }
      }

      @Override
      public String position() {
        return changes == null ? "" : changes.size() + " objects known";
      }
    };
  }

  /**
   * Where the notification search starts. For AD with a subtree scope, the root of the naming
   * context that holds the base DN: a deleted object moves to that context's Deleted Objects
   * container, outside an OU, and Windows 2000 DCs only notify subtree searches rooted at a naming
   * context. Entries outside the base DN are then dropped here ({@link Listener#isInScope}).
   */
  private DN searchBase(LDAPConnection connection) throws LDAPException {
    if (mode != Mode.AD_NOTIFY || scope != SearchScope.SUB) {
      return watch.baseDn();
    }
    com.unboundid.ldap.sdk.RootDSE root = connection.getRootDSE();
    String[] contexts = root == null ? null : root.getNamingContextDNs();
    DN best = null;
    for (String context : contexts == null ? new String[0] : contexts) {
      try {
        DN dn = new DN(context);
        if (watch.baseDn().isDescendantOf(dn, true)
            && (best == null || dn.getRDNs().length > best.getRDNs().length)) {
          best = dn;
        }
      } catch (LDAPException e) {
        // a naming context we cannot read is not ours
      }
    }
    return best == null ? watch.baseDn() : best;
  }

  /** Reads every watched object once, page by page, into the change filter; returns the count. */
  private int readBaseline(LDAPConnection connection) throws LDAPException {
    ChangeFilter filterMemory = Objects.requireNonNull(changes);
    filterMemory.clear();
    int count = 0;
    ASN1OctetString cookie = null;
    do {
      SearchRequest page = new SearchRequest(watch.baseDn().toString(), scope,
          mode == Mode.AD_NOTIFY ? Filter.createPresenceFilter("objectClass") : filter,
          attributes);
      page.addControl(new SimplePagedResultsControl(PAGE_SIZE, cookie, false));
      SearchResult result = connection.search(page);
      for (SearchResultEntry entry : result.getSearchEntries()) {
        if (filterMemory.learn(entry)) {
          count++;
        }
      }
      SimplePagedResultsControl paged = SimplePagedResultsControl.get(result);
      cookie = paged != null && paged.moreResultsToReturn() ? paged.getCookie() : null;
    } while (cookie != null && !isStopped());
    context().log().debug("Baseline of '{}': {} objects", watch.baseDn(), count);
    return count;
  }

  private void onEntry(SearchResultEntry entry) {
    String what = describe(entry);
    if (changes == null) {
      changed(what);
      return;
    }
    ChangeFilter.Verdict verdict = changes.judge(entry);
    if (verdict.counts()) {
      changed(verdict.name().toLowerCase(java.util.Locale.ROOT) + " " + what);
    } else {
      context().log().debug("Ignored {} ({})", what, verdict);
    }
  }

  private static String describe(SearchResultEntry entry) {
    try {
      EntryChangeNotificationControl ecn = EntryChangeNotificationControl.get(entry);
      if (ecn != null) {
        String previous = ecn.getPreviousDN();
        return ecn.getChangeType().getName() + " '" + entry.getDN() + "'"
            + (previous == null ? "" : " (was '" + previous + "')");
      }
    } catch (LDAPException e) {
      // a malformed control: still a change
    }
    return "'" + entry.getDN() + "'";
  }

  /** Receives the open search's entries and its end. */
  private final class Listener implements AsyncSearchResultListener {
    @Serial
    private static final long serialVersionUID = 1L;

    private final int generation;
    private volatile boolean closed;

    Listener(int generation) {
      this.generation = generation;
    }

    @Override
    public void searchEntryReturned(SearchResultEntry entry) {
      if (closed) {
        return;
      }
      if (isInScope(entry)) {
        onEntry(entry);
      }
    }

    @Override
    public void searchReferenceReturned(SearchResultReference reference) {
      // referrals to other partitions are not followed
    }

    @Override
    public void searchResultReceived(AsyncRequestID requestID, SearchResult result) {
      if (!closed) {
        ended(generation, result.getResultCode() + (result.getDiagnosticMessage() == null ? ""
            : ": " + result.getDiagnosticMessage()));
      }
    }

    /**
     * Whether an entry is at or under the base DN; a tombstone (moved to Deleted Objects) when
     * its {@code lastKnownParent} is. When it cannot tell, it says yes: never drop a change.
     */
    private boolean isInScope(SearchResultEntry entry) {
      try {
        if ("TRUE".equalsIgnoreCase(entry.getAttributeValue("isDeleted"))) {
          String parent = entry.getAttributeValue("lastKnownParent");
          return parent == null || new DN(parent).isDescendantOf(watch.baseDn(), true);
        }
        return new DN(entry.getDN()).isDescendantOf(watch.baseDn(), true);
      } catch (LDAPException e) {
        return true;
      }
    }
  }
}
