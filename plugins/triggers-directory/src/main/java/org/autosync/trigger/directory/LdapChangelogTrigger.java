package org.autosync.trigger.directory;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.RootDSE;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.autosync.api.trigger.Cancellable;
import org.autosync.api.trigger.TriggerContext;
import org.jspecify.annotations.Nullable;

/**
 * Polls {@code cn=changelog} every {@code interval} and fires when an entry at or under the base
 * DN changed.
 *
 * <p><b>When it fires.</b>
 *
 * <ul>
 *   <li><b>Catch-up on every (re)connect.</b> Each time a connection is established - after
 *       {@code start} (first start <em>and</em> restart) and after the server was unreachable - it
 *       fires one catch-up import (DESIGN §3.3:
 *       changes while AutoSync was down, or while the server could not be read, produced no event).
 *       On first start, with no stored number, it then stores the server's current {@code
 *       lastChangeNumber}. On a restart it keeps the stored number, so the following polls still
 *       read every change after it (a change made while down may fire once more; the controller
 *       coalesces).
 *   <li><b>Changes.</b> Each poll reads the entries with {@code changeNumber} above the stored one,
 *       at most {@value #BATCH} at a time; if any targets the base DN or an entry under it (for a
 *       rename, before or after), it fires once for the whole batch. It stores the last number read
 *       only after firing, so a crash in between repeats a fire rather than losing one.
 *   <li><b>Trimmed or reset log.</b> When the server's {@code firstChangeNumber} is above the
 *       stored number + 1, changes were trimmed unseen; when its {@code lastChangeNumber} is below
 *       the stored number, the log was reset. Either way it fires a catch-up import and stores
 *       {@code lastChangeNumber}.
 * </ul>
 *
 * <p><b>Failures.</b> A failed connect, bind or search ends the session: health becomes {@code
 * DEGRADED} with the error and {@link WatchingTrigger} reconnects with backoff (to the next server
 * where several are listed), which counts as a (re)connect above.
 *
 * <p><b>Threading:</b> the scheduler only starts polls; they run on the trigger's own thread, one
 * at a time (see {@link WatchingTrigger}).
 */
final class LdapChangelogTrigger extends WatchingTrigger {

  /** The state key of the last change number handled. */
  static final String STATE_KEY = "changeNumber";
  /** The most change log entries read by one poll. */
  static final int BATCH = 500;
  static final String CHANGELOG_BASE = "cn=changelog";

  private final DN baseDn;
  private final Duration interval;
  private final int timeoutSeconds;

  LdapChangelogTrigger(Endpoint endpoint, Watch watch, Duration interval) {
    super(endpoint, watch.target(), watch.quietPeriod(), watch.fireFirst(), watch.maxBackoff());
    this.baseDn = watch.baseDn();
    this.interval = Objects.requireNonNull(interval, "interval");
    this.timeoutSeconds = (int) Math.max(1, endpoint.timeout().toSeconds());
  }

  @Override
  String watches() {
    return "cn=changelog under '" + baseDn + "' every " + interval;
  }

  @Override
  Session open(LDAPConnection connection, int generation) throws LDAPException {
    TriggerContext ctx = context();
    Range range = range(connection);
    Optional<Long> stored = stored(ctx);
    catchUp(stored.isEmpty() ? "first start" : "connected to " + connectedUrl());
    Poller poller = new Poller(connection, generation);
    if (stored.isEmpty() || range.trimmedOrReset(stored.get())) {
      store(ctx, range.last());
      poller.position = range.last();
    } else {
      poller.position = stored.get();
    }
    poller.task = ctx.scheduler().scheduleAtFixedRate(interval, interval, () -> {
      if (poller.pending.compareAndSet(false, true)) { // a slow poll is not queued twice
        submit(poller::poll);
      }
    });
    return poller;
  }

  /** The polls of one connection. */
  private final class Poller implements Session {
    private final LDAPConnection connection;
    private final int generation;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicBoolean pending = new AtomicBoolean();
    private volatile long position;
    private volatile @Nullable Cancellable task;

    Poller(LDAPConnection connection, int generation) {
      this.connection = connection;
      this.generation = generation;
    }

    /** One poll, on the trigger's thread; a failure ends the session. */
    void poll() {
      pending.set(false);
      if (closed.get() || isStopped()) {
        return;
      }
      TriggerContext ctx = context();
      try {
        Range range = range(connection);
        long stored = stored(ctx).orElse(range.last());
        if (range.trimmedOrReset(stored)) {
          ctx.log().warn("The change log no longer holds change {} (first {}, last {});"
              + " running a catch-up import", stored, range.first(), range.last());
          catchUp("change log trimmed past change " + stored);
          store(ctx, range.last());
          position = range.last();
        } else {
          position = readChanges(ctx, connection, stored, range.last());
        }
        reportHealthy();
      } catch (LDAPException | RuntimeException e) {
        if (!closed.get()) {
          ended(generation, describe(e));
        }
      }
    }

    @Override
    public void close() {
      closed.set(true);
      Cancellable t = task;
      if (t != null) {
        t.cancel();
      }
    }

    @Override
    public String position() {
      return "change " + position;
    }
  }

  /** Reads the entries after {@code stored}, signals those in scope, stores; returns the new number. */
  private long readChanges(TriggerContext ctx, LDAPConnection conn, long stored, long last)
      throws LDAPException {
    if (last <= stored) {
      return stored;
    }
    long upTo = Math.min(last, stored + BATCH);
    SearchRequest request = new SearchRequest(CHANGELOG_BASE, SearchScope.ONE,
        Filter.createANDFilter(
            Filter.createGreaterOrEqualFilter("changeNumber", Long.toString(stored + 1)),
            Filter.createLessOrEqualFilter("changeNumber", Long.toString(upTo))),
        "changeNumber", "targetDN", "changeType", "newRDN", "newSuperior");
    request.setSizeLimit(BATCH);
    request.setTimeLimitSeconds(timeoutSeconds);
    SearchResult result = conn.search(request);
    int inScope = 0;
    String firstInScope = null;
    for (SearchResultEntry entry : result.getSearchEntries()) {
      if (inScope(entry)) {
        inScope++;
        if (firstInScope == null) {
          firstInScope = entry.getAttributeValue("changeType") + " '"
              + entry.getAttributeValue("targetDN") + "'";
        }
      }
    }
    if (inScope > 0) {
      changed(inScope + " change(s) under " + baseDn + " up to change " + upTo + ", first "
          + firstInScope);
    }
    afterFire(() -> store(ctx, upTo));
    return upTo;
  }

  /** Whether a change log entry targets the base DN or an entry under it, before or after a rename. */
  private boolean inScope(SearchResultEntry entry) {
    return RenameScope.concerns(baseDn, entry.getAttributeValue("targetDN"),
        entry.getAttributeValue("newRDN"), entry.getAttributeValue("newSuperior"));
  }

  /** The change numbers the server holds. */
  private record Range(long first, long last) {
    /** Whether changes after {@code stored} were trimmed unseen, or the log was reset. */
    boolean trimmedOrReset(long stored) {
      return (first > 0 && first > stored + 1) || last < stored;
    }
  }

  private static Range range(LDAPConnection connection) throws LDAPException {
    RootDSE root = connection.getRootDSE();
    if (root == null) {
      throw new IllegalStateException("the server returned no root DSE");
    }
    if (root.getAttributeValue("lastChangeNumber") == null
        && root.getAttributeValue("changelog") == null) {
      throw new IllegalStateException("the server has no change log (its root DSE shows neither"
          + " changelog nor lastChangeNumber); use another trigger type, or enable the change"
          + " log (389 DS: the Retro Changelog plugin)");
    }
    return new Range(number(root, "firstChangeNumber"), number(root, "lastChangeNumber"));
  }

  private static Optional<Long> stored(TriggerContext ctx) {
    return ctx.state().get(STATE_KEY).map(Long::parseLong);
  }

  private static void store(TriggerContext ctx, long number) {
    ctx.state().put(STATE_KEY, Long.toString(number));
  }

  /** A change number from the root DSE; 0 when the server reports none (an empty log). */
  private static long number(RootDSE root, String attribute) {
    String value = root.getAttributeValue(attribute);
    if (value == null) {
      return 0;
    }
    try {
      return Long.parseLong(value.strip());
    } catch (NumberFormatException e) {
      throw new IllegalStateException(
          "the root DSE's " + attribute + " is not a number: '" + value + "'");
    }
  }
}
