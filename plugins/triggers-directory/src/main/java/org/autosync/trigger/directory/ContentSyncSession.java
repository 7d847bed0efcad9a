package org.autosync.trigger.directory;

import com.unboundid.asn1.ASN1OctetString;
import com.unboundid.ldap.sdk.AsyncRequestID;
import com.unboundid.ldap.sdk.AsyncSearchResultListener;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.IntermediateResponse;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchResultReference;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.controls.ContentSyncDoneControl;
import com.unboundid.ldap.sdk.controls.ContentSyncInfoIntermediateResponse;
import com.unboundid.ldap.sdk.controls.ContentSyncRequestControl;
import com.unboundid.ldap.sdk.controls.ContentSyncRequestMode;
import com.unboundid.ldap.sdk.controls.ContentSyncState;
import com.unboundid.ldap.sdk.controls.ContentSyncStateControl;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One RFC 4533 content-sync search in refreshAndPersist mode on a caller's connection, reported
 * through a {@link Listener}: first a summary of the refresh phase, then each change as the server
 * pushes it, cookies only once the changes before them have been reported, and how it ended.
 * Reconnecting, firing, health and storing the cookie are the caller's.
 *
 * <pre>{@code
 * LDAPConnection connection = new LDAPConnection(host, port, bindDn, password);
 * ContentSyncSession session = ContentSyncSession.start(connection, "ou=people,dc=example,dc=org",
 *     SearchScope.SUB, Filter.create("(objectClass=inetOrgPerson)"), storedCookie,
 *     List.of("1.1"), listener);   // "1.1": no attributes, the DN and state are enough
 * ...
 * session.close();                 // abandons the search; the listener hears ended(null)
 * connection.close();
 * }</pre>
 *
 * <p><b>What OpenLDAP slapd 2.5 sends</b> (observed; other servers may use the other RFC forms,
 * which are handled too):
 *
 * <ul>
 *   <li>No cookie: every entry (state ADD, no cookie), then a refreshDelete info with refreshDone
 *       and the cookie.
 *   <li>A cookie and nothing changed since: only a refreshDelete info with refreshDone, no cookie.
 *   <li>A cookie and changes, without a session log: a syncIdSet of the entryUUIDs still present,
 *       the changed entries (ADD), then a refreshPresent info with refreshDone and the cookie.
 *       Deletes are implicit: whatever is neither present nor sent is gone.
 *   <li>A cookie and changes, with a session log: a syncIdSet of deleted entryUUIDs
 *       (refreshDeletes, with a cookie), the changed entries (ADD), then a refreshDelete info with
 *       refreshDone and the cookie.
 *   <li>Persist phase: one entry per write with state ADD, MODIFY (also for a rename, under the new
 *       DN) or DELETE, each with a cookie in its state control.
 *   <li>On a log database such as {@code cn=accesslog}: new log entries, each with a cookie.
 *   <li>A cookie older than the database, where {@code syncprov-reloadhint} is on (the accesslog):
 *       the search ends at once with e-syncRefreshRequired (4096, {@link #refreshRequired}).
 *       Without the hint (a data database): a full refresh, all entries in a present phase.
 *   <li>A cookie newer than the server (say, from a restored backup): the search ends at once with
 *       unwillingToPerform (53) "consumer state is newer than provider!".
 *   <li>A cookie it cannot parse: treated as none (a full refresh) and answered with empty cookies,
 *       which are not reported.
 *   <li>Log entries deleted after the cookie (as {@code logpurge} does) go unnoticed: the refresh
 *       sends what is left, with no error. A caller that must not miss changes across a long
 *       outage should catch up by other means (a full import) after reconnecting.
 * </ul>
 *
 * <p><b>Threading:</b> the listener is called on the connection's reader thread, one call at a
 * time and under the session's lock; calls must not block long, since they hold up the connection.
 * {@link #close} takes the same lock, so once it returns the listener hears nothing more. {@link
 * #close} is idempotent and may be called from a listener call. The connection must not be in
 * synchronous mode; the session turns the response timeout off for its own search only.
 */
final class ContentSyncSession implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ContentSyncSession.class);

  /**
   * Hears one session. Calls come on the connection's reader thread, one at a time, in this order:
   * {@link #refreshDone} once, then {@link #changed}, {@link #deleted} and {@link #cookie} in the
   * order the server sent them, then {@link #ended} once. The search may end during the refresh.
   */
  interface Listener {

    /**
     * The refresh phase is over; the persist phase begins. A {@link #cookie} call follows when the
     * server sent one with the refresh, the latest of them.
     */
    void refreshDone(Refresh refresh);

    /**
     * Persist phase: an entry was added, modified, renamed (state MODIFY, under its new DN) or
     * deleted. The entry holds only the requested attributes; a deleted entry holds none.
     */
    void changed(SearchResultEntry entry, ContentSyncState state);

    /** Persist phase: the server reported deletes by entryUUID (slapd does not; it sends entries). */
    void deleted(List<UUID> entryUUIDs);

    /**
     * A new cookie: every change up to it has been reported. Store it after handling them; a
     * session started with it resumes after them.
     */
    void cookie(byte[] cookie);

    /**
     * The search ended. {@code reason} is null after {@link #close}; otherwise it holds the result
     * code: {@link ResultCode#SERVER_DOWN} when the connection broke (or, racing with {@link
     * ResultCode#LOCAL_ERROR}, was closed on this side), {@link ResultCode#LOCAL_ERROR} when the
     * listener threw (the exception is the cause), 4096 when the cookie is stale ({@link
     * ContentSyncSession#refreshRequired}), or whatever else the server returned. A sync done
     * control the server sent is in its response controls.
     */
    void ended(@Nullable LDAPException reason);
  }

  /**
   * What a refresh phase carried.
   *
   * <p>Without a cookie, or with a cookie too old for the server, {@code entries} is the whole
   * content; with a usable cookie, the entries added or changed since. A refresh that ends in a
   * present phase does not name deletes: the client must take every entry it holds that was
   * neither sent nor present as deleted.
   *
   * @param entries entries sent with state ADD or MODIFY
   * @param deletes entries sent with state DELETE, plus entryUUIDs of syncIdSets with refreshDeletes
   * @param presents entries sent with state PRESENT, plus entryUUIDs of syncIdSets without
   *     refreshDeletes: entries unchanged since the cookie
   * @param implicitDeletes the refresh used a present phase and moved the cookie on, so entries may
   *     have been deleted (or changed out of the search's scope) without being named
   */
  record Refresh(int entries, int deletes, int presents, boolean implicitDeletes) {

    /** True unless the refresh shows that nothing changed since the cookie. */
    boolean changed() {
      return entries > 0 || deletes > 0 || implicitDeletes;
    }
  }

  private final LDAPConnection connection;
  private final Listener listener;
  private final byte @Nullable [] startCookie;
  private final ReentrantLock lock = new ReentrantLock();
  private @Nullable AsyncRequestID request;
  private boolean refreshing = true;
  private boolean ended;
  private int entries;
  private int deletes;
  private int presents;
  private boolean presentPhase;
  private byte @Nullable [] refreshCookie;

  private ContentSyncSession(LDAPConnection connection, Listener listener,
      byte @Nullable [] startCookie) {
    this.connection = connection;
    this.listener = listener;
    this.startCookie = startCookie;
  }

  /**
   * Sends the search and returns; the listener hears the rest.
   *
   * @param cookie where to resume, or null (or empty) for the whole content
   * @param attributes the attributes the entries should hold, such as {@code 1.1} for none (empty:
   *     all user attributes)
   * @throws LDAPException when the search cannot be sent (the listener hears nothing then)
   * @throws IllegalArgumentException when the connection is in synchronous mode
   */
  static ContentSyncSession start(LDAPConnection connection, String baseDn, SearchScope scope,
      Filter filter, byte @Nullable [] cookie, List<String> attributes, Listener listener)
      throws LDAPException {
    Objects.requireNonNull(connection, "connection");
    Objects.requireNonNull(attributes, "attributes");
    Objects.requireNonNull(listener, "listener");
    if (connection.getConnectionOptions().useSynchronousMode()) {
      throw new IllegalArgumentException("Cannot run a content-sync search on a connection in "
          + "synchronous mode; turn LDAPConnectionOptions.setUseSynchronousMode off");
    }
    byte[] resume = cookie == null || cookie.length == 0 ? null : cookie.clone();
    ContentSyncSession session = new ContentSyncSession(connection, listener, resume);
    Handler handler = session.new Handler();
    SearchRequest search = new SearchRequest(handler, Objects.requireNonNull(baseDn, "baseDn"),
        Objects.requireNonNull(scope, "scope"), Objects.requireNonNull(filter, "filter"),
        attributes.toArray(String[]::new));
    search.setIntermediateResponseListener(handler::intermediateResponse);
    search.setResponseTimeoutMillis(0); // the persist phase has no end to wait for
    search.addControl(new ContentSyncRequestControl(true,
        ContentSyncRequestMode.REFRESH_AND_PERSIST,
        resume == null ? null : new ASN1OctetString(resume), false));
    session.lock.lock(); // responses wait until the request ID is known, for close()
    try {
      session.request = connection.asyncSearch(search);
      return session;
    } finally {
      session.lock.unlock();
    }
  }

  /** True when {@code reason} is e-syncRefreshRequired: start over without a cookie. */
  static boolean refreshRequired(@Nullable LDAPException reason) {
    return reason != null
        && reason.getResultCode().intValue() == ResultCode.E_SYNC_REFRESH_REQUIRED_INT_VALUE;
  }

  /** True until the refresh phase is over (or the search ended during it). */
  boolean refreshing() {
    lock.lock();
    try {
      return refreshing && !ended;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Abandons the search, if it still runs, and tells the listener {@code ended(null)} on this
   * thread. The connection stays open. Idempotent.
   */
  @Override
  public void close() {
    lock.lock();
    try {
      end(null, true);
    } finally {
      lock.unlock();
    }
  }

  private void end(@Nullable LDAPException reason, boolean abandon) {
    if (ended) {
      return;
    }
    ended = true;
    AsyncRequestID sent = request;
    if (abandon && sent != null && connection.isConnected()) {
      try {
        connection.abandon(sent);
      } catch (LDAPException e) {
        LOG.debug("Cannot abandon the content-sync search on '{}': {}",
            connection.getHostPort(), e.getMessage());
      }
    }
    try {
      listener.ended(reason);
    } catch (RuntimeException e) {
      LOG.warn("The content-sync listener failed on the end of the search on '{}'",
          connection.getHostPort(), e);
    }
  }

  private void entry(SearchResultEntry entry) throws LDAPException {
    ContentSyncStateControl control = ContentSyncStateControl.get(entry);
    if (control == null) {
      throw new LDAPException(ResultCode.DECODING_ERROR,
          "Entry '" + entry.getDN() + "' has no content-sync state control");
    }
    ContentSyncState state = control.getState();
    if (refreshing) {
      switch (state) {
        case ADD, MODIFY -> entries++;
        case DELETE -> deletes++;
        case PRESENT -> {
          presents++;
          presentPhase = true;
        }
      }
      refreshCookie(control.getCookie());
    } else {
      listener.changed(entry, state);
      cookie(control.getCookie());
    }
  }

  private void info(ContentSyncInfoIntermediateResponse info) {
    switch (info.getType()) {
      case NEW_COOKIE -> {
        // a cookie on its own, in either phase
      }
      case SYNC_ID_SET -> {
        List<UUID> uuids = info.getEntryUUIDs();
        if (refreshing && info.refreshDeletes()) {
          deletes += uuids.size();
        } else if (refreshing) {
          presents += uuids.size();
          presentPhase = true;
        } else if (info.refreshDeletes() && !uuids.isEmpty()) {
          listener.deleted(List.copyOf(uuids));
        }
      }
      case REFRESH_PRESENT -> presentPhase |= refreshing;
      case REFRESH_DELETE -> {
        // the delete phase; its deletes come as entries or syncIdSets
      }
    }
    if (!refreshing) {
      cookie(info.getCookie());
      return;
    }
    refreshCookie(info.getCookie());
    boolean ends = info.refreshDone() && switch (info.getType()) {
      case REFRESH_DELETE, REFRESH_PRESENT -> true;
      default -> false;
    };
    if (ends) {
      refreshDone();
    }
  }

  private void result(SearchResult result) throws LDAPException {
    if (result.getResultCode() == ResultCode.SUCCESS) {
      ContentSyncDoneControl done = ContentSyncDoneControl.get(result);
      if (refreshing) {
        refreshCookie(done == null ? null : done.getCookie());
        refreshDone();
      } else if (done != null) {
        cookie(done.getCookie());
      }
    }
    end(new LDAPException(result), false);
  }

  private void refreshDone() {
    refreshing = false;
    boolean moved = refreshCookie != null && !Arrays.equals(refreshCookie, startCookie);
    listener.refreshDone(new Refresh(entries, deletes, presents, presentPhase && moved));
    byte[] held = refreshCookie;
    refreshCookie = null;
    if (held != null) {
      listener.cookie(held);
    }
  }

  /** Refresh-phase cookies wait for the end of the refresh, whose changes come as one summary. */
  private void refreshCookie(@Nullable ASN1OctetString cookie) {
    if (cookie != null && cookie.getValueLength() > 0) {
      refreshCookie = cookie.getValue();
    }
  }

  private void cookie(@Nullable ASN1OctetString cookie) {
    if (cookie != null && cookie.getValueLength() > 0) {
      listener.cookie(cookie.getValue());
    }
  }

  /** One response under the lock, skipped once ended; failures end the session. */
  private void handle(String what, Response response) {
    lock.lock();
    try {
      if (ended) {
        return;
      }
      response.handle();
    } catch (LDAPException e) {
      end(e, true);
    } catch (RuntimeException e) {
      end(new LDAPException(ResultCode.LOCAL_ERROR, "The content-sync listener failed on "
          + what + ": " + e, e), true);
    } finally {
      lock.unlock();
    }
  }

  @FunctionalInterface
  private interface Response {
    void handle() throws LDAPException;
  }

  /** UnboundID's callbacks, kept off the session's own type. */
  private final class Handler implements AsyncSearchResultListener {

    @Override
    public void searchEntryReturned(SearchResultEntry entry) {
      handle("entry '" + entry.getDN() + "'", () -> entry(entry));
    }

    @Override
    public void searchReferenceReturned(SearchResultReference reference) {
      // references are not followed; content sync reports entries
    }

    @Override
    public void searchResultReceived(AsyncRequestID requestId, SearchResult result) {
      handle("the end of the search", () -> result(result));
    }

    void intermediateResponse(IntermediateResponse response) {
      if (!ContentSyncInfoIntermediateResponse.SYNC_INFO_OID.equals(response.getOID())) {
        return;
      }
      handle("a sync info message",
          () -> info(ContentSyncInfoIntermediateResponse.decode(response)));
    }
  }
}
