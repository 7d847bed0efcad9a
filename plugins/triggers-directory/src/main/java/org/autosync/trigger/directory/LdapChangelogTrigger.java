package org.autosync.trigger.directory;

import org.autosync.api.trigger.RunTarget;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionOptions;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.RDN;
import com.unboundid.ldap.sdk.RootDSE;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.autosync.api.RequestSource;
import org.autosync.api.trigger.Cancellable;
import org.autosync.api.trigger.Trigger;
import org.autosync.api.trigger.TriggerContext;
import org.autosync.api.trigger.TriggerHealth;
import org.jspecify.annotations.Nullable;

/**
 * Polls {@code cn=changelog} every {@code interval} and fires when an entry at or under the base
 * DN changed.
 *
 * <p><b>When it fires.</b>
 *
 * <ul>
 *   <li><b>Catch-up on every (re)connect.</b> Each time a connection is established - the first
 *       poll after {@code start} (first start <em>and</em> restart) and the first poll that gets
 *       through after the server was unreachable - it fires one catch-up import (DESIGN §3.3:
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
 * <p><b>Failures.</b> A failed connect, bind or search never leaves the poll: the connection is
 * closed, health becomes {@code DEGRADED} with the error, and the next poll reconnects.
 *
 * <p><b>Threading:</b> polls run on the context's scheduler thread; {@code poll} and {@code stop}
 * synchronize on the trigger, so stop waits for a running poll (bounded by the LDAP timeouts).
 */
final class LdapChangelogTrigger implements Trigger {

  /** The state key of the last change number handled. */
  static final String STATE_KEY = "changeNumber";
  /** The most change log entries read by one poll. */
  static final int BATCH = 500;
  static final String CHANGELOG_BASE = "cn=changelog";

  private static final int TIMEOUT_MILLIS = 10_000;

  private final String host;
  private final int port;
  private final @Nullable String bindDn;
  private final @Nullable String passwordReference;
  private final DN baseDn;
  private final Duration interval;
  private final RunTarget target;
  private final String url;

  private @Nullable TriggerContext context;
  private @Nullable Cancellable task;
  private @Nullable LDAPConnection connection;
  private boolean stopped;
  private @Nullable Instant lastEvent;

  LdapChangelogTrigger(String host, int port, @Nullable String bindDn,
      @Nullable String passwordReference, String baseDn, Duration interval, RunTarget target) {
    this.host = Objects.requireNonNull(host, "host");
    this.port = port;
    this.bindDn = bindDn;
    this.passwordReference = passwordReference;
    try {
      this.baseDn = new DN(baseDn);
    } catch (LDAPException e) {
      throw new IllegalArgumentException("baseDn is not a valid DN: '" + baseDn + "'", e);
    }
    this.interval = Objects.requireNonNull(interval, "interval");
    this.target = Objects.requireNonNull(target, "target");
    this.url = "ldap://" + host + ":" + port;
  }

  @Override
  public synchronized void start(TriggerContext ctx) {
    this.context = ctx;
    ctx.log().info("Watches {} cn=changelog under '{}' every {}; runs {} on '{}'", url, baseDn,
        interval, target.describe(), ctx.managementAgent().name());
    ctx.reportHealth(new TriggerHealth(TriggerHealth.State.STARTING, "connecting to " + url,
        null, null));
    task = ctx.scheduler().scheduleAtFixedRate(Duration.ZERO, interval, this::poll);
  }

  @Override
  public synchronized void stop() {
    stopped = true;
    if (task != null) {
      task.cancel();
      task = null;
    }
    disconnect();
  }

  /** One poll; never throws. */
  synchronized void poll() {
    TriggerContext ctx = context;
    if (stopped || ctx == null) {
      return;
    }
    try {
      boolean reconnected = false;
      if (connection == null) {
        connection = connect(ctx);
        reconnected = true;
      }
      LDAPConnection conn = connection;
      RootDSE root = conn.getRootDSE();
      if (root == null) {
        throw new IllegalStateException("the server returned no root DSE");
      }
      long first = number(root, "firstChangeNumber");
      long last = number(root, "lastChangeNumber");
      Optional<Long> stored = ctx.state().get(STATE_KEY).map(Long::parseLong);
      long current;
      if (reconnected) {
        String why = stored.isEmpty() ? "first start" : "connected to " + url;
        fire(ctx, "catch-up: " + why);
        if (stored.isEmpty() || trimmedOrReset(stored.get(), first, last)) {
          store(ctx, last);
          current = last;
        } else {
          current = stored.get();
        }
      } else if (stored.isEmpty() || trimmedOrReset(stored.get(), first, last)) {
        ctx.log().warn("The change log at {} no longer holds change {} (first {}, last {});"
            + " running a catch-up import", url, stored.map(String::valueOf).orElse("-"), first,
            last);
        fire(ctx, "catch-up: change log trimmed past change "
            + stored.map(String::valueOf).orElse("-"));
        store(ctx, last);
        current = last;
      } else {
        current = readChanges(ctx, conn, stored.get(), last);
      }
      ctx.reportHealth(new TriggerHealth(TriggerHealth.State.HEALTHY,
          "watching " + url + " (change " + current + ")", lastEvent, null));
    } catch (LDAPException | RuntimeException e) {
      String error = describe(e);
      ctx.log().warn("Cannot read the change log at {}: {}; retrying in {}", url, error, interval);
      disconnect();
      ctx.reportHealth(new TriggerHealth(TriggerHealth.State.DEGRADED,
          "cannot read " + url + "; retrying every " + interval, lastEvent, error));
    }
  }

  /** Reads the entries after {@code stored}, fires if one is in scope, stores; returns the new number. */
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
    request.setTimeLimitSeconds(TIMEOUT_MILLIS / 1000);
    SearchResult result = conn.search(request);
    int inScope = 0;
    String firstInScope = null;
    for (SearchResultEntry entry : result.getSearchEntries()) {
      if (inScope(entry)) {
        inScope++;
        if (firstInScope == null) {
          firstInScope = entry.getAttributeValue("targetDN");
        }
      }
    }
    if (inScope > 0) {
      lastEvent = ctx.clock().instant();
      fire(ctx, inScope + " change(s) under " + baseDn + " up to change " + upTo + ", first '"
          + firstInScope + "'");
    }
    store(ctx, upTo);
    return upTo;
  }

  /** Whether a change log entry targets the base DN or an entry under it, before or after a rename. */
  private boolean inScope(SearchResultEntry entry) {
    String target = entry.getAttributeValue("targetDN");
    if (target == null) {
      return true; // cannot tell: never drop a change
    }
    try {
      DN dn = new DN(target);
      if (dn.isDescendantOf(baseDn, true)) {
        return true;
      }
      String newRdn = entry.getAttributeValue("newRDN");
      if (newRdn != null) {
        String newSuperior = entry.getAttributeValue("newSuperior");
        DN parent = newSuperior != null ? new DN(newSuperior) : dn.getParent();
        DN renamed = new DN(new RDN(newRdn), parent == null ? DN.NULL_DN : parent);
        return renamed.isDescendantOf(baseDn, true);
      }
      return false;
    } catch (LDAPException e) {
      return true; // an unparseable DN: fire rather than risk missing a change
    }
  }

  private static boolean trimmedOrReset(long stored, long first, long last) {
    return (first > 0 && first > stored + 1) || last < stored;
  }

  private LDAPConnection connect(TriggerContext ctx) throws LDAPException {
    LDAPConnectionOptions options = new LDAPConnectionOptions();
    options.setConnectTimeoutMillis(TIMEOUT_MILLIS);
    options.setResponseTimeoutMillis(TIMEOUT_MILLIS);
    LDAPConnection conn = new LDAPConnection(options, host, port);
    try {
      if (bindDn != null) {
        String password = passwordReference == null ? "" : ctx.resolveSecret(passwordReference);
        conn.bind(bindDn, password);
      }
      ctx.log().info("Connected to {}", url);
      return conn;
    } catch (LDAPException | RuntimeException e) {
      conn.close();
      throw e;
    }
  }

  private void disconnect() {
    if (connection != null) {
      connection.close();
      connection = null;
    }
  }

  private void fire(TriggerContext ctx, String detail) {
    ctx.fire(target.request(ctx.managementAgent().name(),
        RequestSource.trigger(ctx.config().id(), detail)));
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

  private static String describe(Exception e) {
    if (e instanceof LDAPException l) {
      return l.getResultCode() + ": " + l.getMessage();
    }
    return e.getClass().getSimpleName() + ": " + e.getMessage();
  }
}
