package org.autosync.trigger.directory;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ServerSet;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import org.autosync.api.RequestSource;
import org.autosync.api.trigger.Cancellable;
import org.autosync.api.trigger.RunTarget;
import org.autosync.api.trigger.Trigger;
import org.autosync.api.trigger.TriggerContext;
import org.autosync.api.trigger.TriggerHealth;
import org.jspecify.annotations.Nullable;

/**
 * What every directory trigger does around its watching: connect (to the next server where
 * several are configured), open a {@link Session}, fire one catch-up import per connect, report
 * health, and when the connection is lost or cannot be made, reconnect with exponential backoff.
 * The subclass only opens the session that watches.
 *
 * <p><b>Lifecycle.</b> {@code start} returns at once; connecting and every blocking LDAP call run
 * on the trigger's own virtual thread (the host's scheduler thread is shared and must not block).
 * A directory that is down at start is just a first failed connect: health {@code DEGRADED}, retry
 * after {@link #INITIAL_BACKOFF}, doubling up to {@code maxBackoff}. {@code stop} closes the
 * connection, which ends any blocking call, and is idempotent.
 *
 * <p><b>Catch-up.</b> Changes made while no session watched produced no event, so after each
 * connect the subclass calls {@link #catchUp} (DESIGN §3.3) - at once, or once it knows (a content
 * sync refresh tells exactly whether anything changed).
 *
 * <p><b>Threading:</b> sessions call {@link #changed} and {@link #ended} from LDAP reader threads;
 * both return at once. Connect, open and session-end handling run one at a time on the trigger's
 * thread.
 */
abstract class WatchingTrigger implements Trigger {

  /** The first reconnect delay; it doubles on each failure up to the configured maximum. */
  static final Duration INITIAL_BACKOFF = Duration.ofSeconds(1);

  /** A running watch on one connection. */
  interface Session extends AutoCloseable {
    /** Ends the watch (abandons its search); idempotent; never throws. */
    @Override
    void close();

    /** For health: what is watched and where it stands, such as "change 42". */
    default String position() {
      return "";
    }
  }

  private final Endpoint endpoint;
  private final RunTarget target;
  private final Duration quietPeriod;
  private final boolean fireFirst;
  private final Duration maxBackoff;

  private volatile @Nullable TriggerContext context;
  private volatile @Nullable ExecutorService worker;
  private volatile @Nullable ChangeBatcher batcher;
  private @Nullable Cancellable retry;
  private @Nullable ServerSet servers;
  private @Nullable LDAPConnection connection;
  private @Nullable Session session;
  private volatile @Nullable String url;
  private volatile boolean stopped;
  private int generation;
  private int failures;
  private volatile @Nullable Instant lastEvent;
  private volatile @Nullable String lastError;

  WatchingTrigger(Endpoint endpoint, RunTarget target, Duration quietPeriod, boolean fireFirst,
      Duration maxBackoff) {
    this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
    this.target = Objects.requireNonNull(target, "target");
    this.quietPeriod = Objects.requireNonNull(quietPeriod, "quietPeriod");
    this.fireFirst = fireFirst;
    this.maxBackoff = Objects.requireNonNull(maxBackoff, "maxBackoff");
  }

  /** What this trigger watches, for the start log line: "cn=changelog under 'o=corp'". */
  abstract String watches();

  /**
   * Opens the watch on a fresh, bound connection; runs on the trigger's thread and may block
   * (a baseline read). Must call {@link #catchUp} when changes may have been missed, and report
   * changes through {@link #changed} and the end through {@link #ended} with {@code generation}.
   */
  abstract Session open(LDAPConnection connection, int generation) throws LDAPException;

  @Override
  public final synchronized void start(TriggerContext ctx) {
    this.context = ctx;
    this.batcher = new ChangeBatcher(quietPeriod, fireFirst, ctx.scheduler(), this::fire);
    this.worker = Executors.newSingleThreadExecutor(Thread.ofVirtual()
        .name("autosync-trigger-" + ctx.config().id()).factory());
    ctx.log().info("Watches {} at {}; runs {} on '{}'{}", watches(), endpoint.describe(),
        target.describe(), ctx.managementAgent().name(), quietPeriod.isZero() ? ""
            : "; quiet period " + quietPeriod + (fireFirst ? " (first change fires at once)" : ""));
    ctx.reportHealth(new TriggerHealth(TriggerHealth.State.STARTING,
        "connecting to " + endpoint.describe(), null, null));
    submit(this::connect);
  }

  @Override
  public final void stop() {
    ExecutorService w;
    synchronized (this) {
      if (stopped) {
        return;
      }
      stopped = true;
      if (retry != null) {
        retry.cancel();
        retry = null;
      }
      if (batcher != null) {
        batcher.close();
      }
      closeSession();
      w = worker;
    }
    if (w != null) {
      w.shutdownNow();
    }
  }

  /** Reports one change; fires (or batches) it. Any thread. */
  final void changed(String detail) {
    ChangeBatcher b = batcher;
    if (b == null || stopped) {
      return;
    }
    lastEvent = Objects.requireNonNull(context).clock().instant();
    b.signal(detail);
  }

  /** Fires a catch-up import at once. */
  final void catchUp(String why) {
    ChangeBatcher b = batcher;
    if (b != null && !stopped) {
      b.fireNow("catch-up: " + why);
    }
  }

  /** Runs {@code action} once everything signalled so far has fired (see {@link ChangeBatcher}). */
  final void afterFire(Runnable action) {
    ChangeBatcher b = batcher;
    if (b != null && !stopped) {
      b.afterFire(action);
    }
  }

  /**
   * The session of {@code generation} ended; {@code reason} null means it ended normally (which
   * for a watch that should never end is still a reason to reconnect). Any thread; returns at once.
   */
  final void ended(int generation, @Nullable String reason) {
    submit(() -> onEnded(generation, reason));
  }

  /** Reports a healthy state with the session's position; call after the position changed. */
  final void reportHealthy() {
    TriggerContext ctx = context;
    Session s = session;
    if (ctx == null || s == null || stopped) {
      return;
    }
    String position = s.position();
    ctx.reportHealth(new TriggerHealth(TriggerHealth.State.HEALTHY, "watching " + url
        + (position.isEmpty() ? "" : " (" + position + ")"), lastEvent, lastError));
  }

  /** The URL of the server connected to, as in {@code ldap://dc1:389}; null when not connected. */
  final @Nullable String connectedUrl() {
    return url;
  }

  final TriggerContext context() {
    return Objects.requireNonNull(context, "not started");
  }

  /** The trigger's own thread, for work a session must not do on a reader thread. */
  final void submit(Runnable task) {
    ExecutorService w = worker;
    if (w == null || stopped) {
      return;
    }
    try {
      w.execute(() -> {
        try {
          task.run();
        } catch (RuntimeException e) {
          context().log().error("Directory trigger task failed", e);
        }
      });
    } catch (RejectedExecutionException e) {
      // stopped meanwhile
    }
  }

  /** How many changes were reported through {@link #changed} (not counting catch-ups). */
  final long changesSeen() {
    ChangeBatcher b = batcher;
    return b == null ? 0 : b.signals();
  }

  final boolean isStopped() {
    return stopped;
  }

  private void connect() {
    TriggerContext ctx = context();
    int gen;
    synchronized (this) {
      if (stopped) {
        return;
      }
      retry = null;
      gen = ++generation;
    }
    LDAPConnection conn = null;
    try {
      // one server set per trigger run, so that round-robin moves on to the next server
      if (servers == null) {
        servers = endpoint.serverSet(ctx::resolveSecret);
      }
      conn = servers.getConnection();
      String connectedUrl = endpoint.urlOf(conn);
      synchronized (this) {
        if (stopped) {
          conn.close();
          return;
        }
        connection = conn;
        url = connectedUrl;
      }
      ctx.log().info("Connected to {}", connectedUrl);
      Session opened = open(conn, gen);
      synchronized (this) {
        if (stopped || gen != generation) {
          opened.close();
          return;
        }
        session = opened;
        failures = 0;
      }
      reportHealthy();
    } catch (LDAPException | Endpoint.EndpointException | RuntimeException e) {
      if (conn != null) {
        conn.close();
      }
      if (e instanceof LDAPException l
          && l.getResultCode() == com.unboundid.ldap.sdk.ResultCode.INVALID_CREDENTIALS) {
        servers = null; // resolve the secrets again: the password may have been rotated
      }
      failed(describe(e));
    }
  }

  private void onEnded(int gen, @Nullable String reason) {
    synchronized (this) {
      if (stopped || gen != generation) {
        return;
      }
    }
    failed("the watch on " + url + " ended: " + (reason == null ? "closed by the server" : reason));
  }

  private void failed(String error) {
    TriggerContext ctx = context();
    Duration delay;
    synchronized (this) {
      if (stopped) {
        return;
      }
      generation++; // the closed session's own end report is stale now
      closeSession();
      long factor = 1L << Math.min(failures, 20);
      failures++;
      Duration next = INITIAL_BACKOFF.multipliedBy(factor);
      delay = next.compareTo(maxBackoff) > 0 ? maxBackoff : next;
      lastError = error;
      retry = ctx.scheduler().schedule(delay, () -> submit(this::connect));
    }
    ctx.log().warn("Directory watch at {} failed: {}; reconnecting in {}", endpoint.describe(),
        error, delay);
    ctx.reportHealth(new TriggerHealth(TriggerHealth.State.DEGRADED, "cannot watch "
        + endpoint.describe() + "; reconnecting in " + delay, lastEvent, error));
  }

  private void closeSession() {
    if (session != null) {
      session.close();
      session = null;
    }
    if (connection != null) {
      connection.close();
      connection = null;
    }
  }

  private void fire(String detail) {
    TriggerContext ctx = context();
    ctx.fire(target.request(ctx.managementAgent().name(),
        RequestSource.trigger(ctx.config().id(), detail)));
  }

  static String describe(Exception e) {
    if (e instanceof LDAPException l) {
      return l.getResultCode() + ": " + l.getMessage();
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
