package org.autosync.lab;

import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedSearchRequest;
import com.unboundid.ldap.sdk.Control;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.controls.EntryChangeNotificationControl;
import com.unboundid.ldap.sdk.controls.PersistentSearchChangeType;
import com.unboundid.ldap.sdk.schema.Schema;
import java.time.Duration;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.autosync.lab.WatchMode.AdNotification;
import org.autosync.lab.WatchMode.PersistentSearch;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One parked notification or persistent search: what it watches, the entries waiting to be sent to
 * it, and how it ends.
 *
 * <p>Thread safety: {@link #render} is called under the emulator's lane lock, {@link #enqueue} too
 * (so the queue is in {@code uSNChanged} order); {@link #drain} may be called by any writer thread
 * and sends under this watcher's own lock, so two changes never overtake each other on the way to
 * one client; {@link #park} runs on the search's own connection thread; {@link #end} is safe from
 * any thread and the first reason wins.
 */
final class Watcher {

  private static final Logger log = LoggerFactory.getLogger(Watcher.class);

  private final InMemoryInterceptedSearchRequest request;
  private final WatchMode mode;
  private final DN base;
  private final SearchScope scope;
  private final Filter filter;
  private final AttributeSelection selection;
  private final @Nullable Schema schema;
  private final ClientLink link;
  private final Consumer<Watcher> onEnd;

  private final Queue<SearchResultEntry> queue = new ConcurrentLinkedQueue<>();
  private final ReentrantLock sendLock = new ReentrantLock();
  private final AtomicReference<@Nullable End> end = new AtomicReference<>();
  private final CountDownLatch ended = new CountDownLatch(1);
  private final CountDownLatch exited = new CountDownLatch(1);

  Watcher(InMemoryInterceptedSearchRequest request, WatchMode mode, DN base, SearchScope scope,
      Filter filter, AttributeSelection selection, @Nullable Schema schema, ClientLink link,
      Consumer<Watcher> onEnd) {
    this.request = Objects.requireNonNull(request, "request");
    this.mode = Objects.requireNonNull(mode, "mode");
    this.base = Objects.requireNonNull(base, "base");
    this.scope = Objects.requireNonNull(scope, "scope");
    this.filter = Objects.requireNonNull(filter, "filter");
    this.selection = Objects.requireNonNull(selection, "selection");
    this.schema = schema;
    this.link = Objects.requireNonNull(link, "link");
    this.onEnd = Objects.requireNonNull(onEnd, "onEnd");
  }

  WatchMode mode() {
    return mode;
  }

  InMemoryInterceptedSearchRequest request() {
    return request;
  }

  /** The entry to send this watcher for a change, or {@code null} when the change is not for it. */
  @Nullable SearchResultEntry render(Change change) {
    try {
      return switch (mode) {
        case AdNotification ad -> renderNotification(ad, change);
        case PersistentSearch ps -> renderPersistent(ps, change);
      };
    } catch (LDAPException e) {
      log.warn("Cannot match change {} of '{}' against the search of connection {} (base '{}',"
          + " filter '{}'); skipping it for that search: {}", change.usn(), change.dn(),
          request.getConnectionID(), base, filter, e.getMessage());
      return null;
    }
  }

  private @Nullable SearchResultEntry renderNotification(AdNotification ad, Change change)
      throws LDAPException {
    if (change.type() == PersistentSearchChangeType.DELETE) {
      boolean visible = ad.showDeleted() && change.before() != null
          && change.dn().matchesBaseAndScope(base, scope);
      return visible ? new SearchResultEntry(Tombstones.of(change)) : null;
    }
    Entry after = change.after();
    DN previous = change.previousDn();
    boolean inScope = change.dn().matchesBaseAndScope(base, scope)
        || (previous != null && previous.matchesBaseAndScope(base, scope));
    if (after == null || !inScope) {
      return null;
    }
    Entry entry = selection.apply(after);
    entry.addAttribute("objectGUID", ObjectGuids.toBytes(change.guid()));
    entry.addAttribute("uSNChanged", Long.toString(change.usn()));
    return new SearchResultEntry(entry);
  }

  private @Nullable SearchResultEntry renderPersistent(PersistentSearch ps, Change change)
      throws LDAPException {
    if (!ps.changeTypes().contains(change.type())) {
      return null;
    }
    Entry subject = change.type() == PersistentSearchChangeType.DELETE
        ? change.before() : change.after();
    Entry matched = null;
    if (subject != null && matches(subject)) {
      matched = subject;
    } else if (change.type() == PersistentSearchChangeType.MODIFY_DN && change.before() != null
        && matches(change.before())) {
      // moved out of the search's scope or filter: still tell the client where it went
      matched = subject != null ? subject : change.before();
    }
    if (matched == null) {
      return null;
    }
    Entry entry = selection.apply(matched);
    if (!ps.returnEcs()) {
      return new SearchResultEntry(entry);
    }
    DN previous = change.previousDn();
    Control ecs = new EntryChangeNotificationControl(change.type(),
        previous == null ? null : previous.toString(), change.usn());
    return new SearchResultEntry(entry, ecs);
  }

  private boolean matches(Entry entry) throws LDAPException {
    return entry.matchesBaseAndScope(base, scope) && filter.matchesEntry(entry, schema);
  }

  /** Queues an entry to send; call {@link #drain} afterwards. */
  void enqueue(SearchResultEntry entry) {
    if (end.get() == null) {
      queue.add(entry);
    }
  }

  /**
   * Sends what is queued, in order. A failed send means the client is gone: the watcher ends with
   * {@link End#CLIENT_GONE} (the server has closed that connection).
   */
  void drain() {
    sendLock.lock();
    try {
      SearchResultEntry next;
      while (end.get() == null && (next = queue.poll()) != null) {
        try {
          request.sendSearchEntry(next);
        } catch (LDAPException e) {
          log.debug("Cannot send a notification to connection {}; dropping its search",
              request.getConnectionID(), e);
          end(End.CLIENT_GONE);
        }
      }
    } finally {
      sendLock.unlock();
    }
  }

  /**
   * Blocks the search's connection thread until the search ends (released, client gone, abandoned,
   * unbound), then returns why.
   */
  End park(Duration poll) {
    try {
      End seen = link.watch(request.getMessageID(), ended, poll);
      if (seen != null) {
        end(seen);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      end(End.RELEASED);
    }
    return Objects.requireNonNull(end.get());
  }

  /** Ends the search for the given reason unless it has ended already. */
  void end(End reason) {
    if (end.compareAndSet(null, reason)) {
      queue.clear();
      ended.countDown();
      onEnd.accept(this);
      log.debug("Notification search {} of connection {} ended: {}", request.getMessageID(),
          request.getConnectionID(), reason);
    }
  }

  boolean isEnded() {
    return end.get() != null;
  }

  /** Called by the connection thread when it leaves the emulator. */
  void exited() {
    exited.countDown();
  }

  /** Waits until the connection thread has left the emulator; {@code false} on timeout. */
  boolean awaitExit(Duration timeout) throws InterruptedException {
    return exited.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
  }

  @Override
  public String toString() {
    return "Watcher[connection=" + request.getConnectionID() + ", message="
        + request.getMessageID() + ", base='" + base + "', scope=" + scope + ", mode=" + mode
        + "]";
  }
}
