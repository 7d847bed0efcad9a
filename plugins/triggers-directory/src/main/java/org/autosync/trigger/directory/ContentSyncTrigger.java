package org.autosync.trigger.directory;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.controls.ContentSyncState;
import com.unboundid.util.Base64;
import java.text.ParseException;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.autosync.api.trigger.TriggerContext;
import org.jspecify.annotations.Nullable;

/**
 * Watches an OpenLDAP directory through content sync (RFC 4533) refreshAndPersist, on the data
 * itself or on the accesslog database that logs every write.
 *
 * <ul>
 *   <li><b>Data</b> ({@code source: data}): the search is the base DN's subtree with the filter;
 *       only DNs are asked for ({@code 1.1}). Every entry the server pushes in the persist phase is
 *       a change; so is a set of deleted entryUUIDs.
 *   <li><b>Accesslog</b> ({@code source: accesslog}): the search is the log database ({@code
 *       cn=accesslog}) for successful writes; a pushed log entry is a change when its {@code
 *       reqDN} - or for a rename its new name - is at or under the base DN.
 *   <li><b>Cookie.</b> The cookie is kept in the trigger state ({@value #STATE_KEY}), stored only
 *       after the fire for the changes before it; a reconnect resumes from it.
 *   <li><b>Catch-up.</b> Without a cookie (first start) the refresh phase is the whole content and
 *       one catch-up import fires when it ends. With a cookie on the data, the refresh names
 *       exactly what changed while nothing watched, and the catch-up fires only if anything did.
 *       On the accesslog it always fires: slapd does not notice log entries purged after a cookie.
 *   <li><b>Stale cookie</b> (e-syncRefreshRequired, 4096): the cookie is dropped; the reconnect
 *       then refreshes from scratch and catches up.
 * </ul>
 *
 * <p><b>Threading:</b> the session's listener runs on the connection's reader thread; see {@link
 * WatchingTrigger}.
 */
final class ContentSyncTrigger extends WatchingTrigger {

  /** The state key of the content sync cookie (Base64). */
  static final String STATE_KEY = "cookie";
  static final Filter ACCESSLOG_WRITES = Filter.createANDFilter(
      Filter.createEqualityFilter("objectClass", "auditWriteObject"),
      Filter.createEqualityFilter("reqResult", "0"));

  /** Where the changes are read. */
  enum Source { DATA, ACCESSLOG }

  private final Watch watch;
  private final Source source;
  private final DN accesslogBase;
  private final Filter filter;

  ContentSyncTrigger(Endpoint endpoint, Watch watch, Source source, DN accesslogBase,
      Filter filter) {
    super(endpoint, watch.target(), watch.quietPeriod(), watch.fireFirst(), watch.maxBackoff());
    this.watch = watch;
    this.source = Objects.requireNonNull(source, "source");
    this.accesslogBase = accesslogBase;
    this.filter = filter;
  }

  @Override
  String watches() {
    return source == Source.DATA
        ? "content sync of '" + watch.baseDn() + "' (" + filter + ")"
        : "content sync of the accesslog '" + accesslogBase + "' for writes under '"
            + watch.baseDn() + "'";
  }

  @Override
  Session open(LDAPConnection connection, int generation) throws LDAPException {
    byte[] cookie = storedCookie(context());
    Listener listener = new Listener(generation, cookie != null);
    ContentSyncSession session = source == Source.DATA
        ? ContentSyncSession.start(connection, watch.baseDn().toString(), SearchScope.SUB, filter,
            cookie, List.of("1.1"), listener)
        : ContentSyncSession.start(connection, accesslogBase.toString(), SearchScope.ONE,
            ACCESSLOG_WRITES, cookie,
            List.of("reqDN", "reqType", "reqNewRDN", "reqNewSuperior"), listener);
    return new Session() {
      @Override
      public void close() {
        session.close();
      }

      @Override
      public String position() {
        return listener.refreshed ? "persisting" : "refreshing";
      }
    };
  }

  /** Receives one session's refresh summary, changes, cookies and end. */
  private final class Listener implements ContentSyncSession.Listener {
    private final int generation;
    private final boolean resumed;
    private volatile boolean refreshed;

    Listener(int generation, boolean resumed) {
      this.generation = generation;
      this.resumed = resumed;
    }

    @Override
    public void refreshDone(ContentSyncSession.Refresh refresh) {
      refreshed = true;
      String where = "connected to " + connectedUrl();
      if (!resumed) {
        catchUp("first start, " + where);
      } else if (source == Source.ACCESSLOG) {
        catchUp(where);
      } else if (refresh.changed()) {
        catchUp(where + ", " + refresh.entries() + " changed and " + refresh.deletes()
            + " deleted entries since the cookie" + (refresh.implicitDeletes()
                ? " (deletes not named)" : ""));
      } else {
        context().log().info("Resumed at {} with nothing changed since the stored cookie",
            connectedUrl());
      }
      reportHealthy();
    }

    @Override
    public void changed(SearchResultEntry entry, ContentSyncState state) {
      if (source == Source.DATA) {
        ContentSyncTrigger.this.changed(state.name().toLowerCase(java.util.Locale.ROOT) + " '"
            + entry.getDN() + "'");
        return;
      }
      String target = entry.getAttributeValue("reqDN");
      if (RenameScope.concerns(watch.baseDn(), target, entry.getAttributeValue("reqNewRDN"),
          entry.getAttributeValue("reqNewSuperior"))) {
        ContentSyncTrigger.this.changed(entry.getAttributeValue("reqType") + " '" + target + "'");
      }
    }

    @Override
    public void deleted(List<UUID> entryUUIDs) {
      ContentSyncTrigger.this.changed(entryUUIDs.size() + " entries deleted");
    }

    @Override
    public void cookie(byte[] cookie) {
      String text = Base64.encode(cookie);
      afterFire(() -> context().state().put(STATE_KEY, text));
    }

    @Override
    public void ended(@Nullable LDAPException reason) {
      if (ContentSyncSession.refreshRequired(reason)) {
        context().log().warn("The server no longer accepts the stored sync cookie ({});"
            + " dropping it to refresh from scratch", reason == null ? "" : reason.getMessage());
        context().state().remove(STATE_KEY);
      }
      ContentSyncTrigger.this.ended(generation, reason == null ? null : describe(reason));
    }
  }

  private static byte @Nullable [] storedCookie(TriggerContext ctx) {
    String text = ctx.state().get(STATE_KEY).orElse(null);
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return Base64.decode(text);
    } catch (ParseException e) {
      ctx.log().warn("The stored sync cookie is not Base64; starting without it");
      return null;
    }
  }
}
