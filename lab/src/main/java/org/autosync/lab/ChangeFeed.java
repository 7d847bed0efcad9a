package org.autosync.lab;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ReadOnlySearchRequest;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.controls.PersistentSearchChangeType;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.autosync.lab.WatchMode.PersistentSearch;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The open searches and the writes fed to them: numbers every successful write ({@code
 * uSNChanged}), reads the changed entry, and queues it to every watcher it is for.
 *
 * <p>Thread-safe. One lock, the lane, orders numbering, reading and queueing, and registering a
 * watcher (with a persistent search's initial entries), so that a watcher gets every change after
 * its registration exactly once and in number order. Sending happens after the lane, under each
 * watcher's own lock ({@link Watcher#drain}).
 */
final class ChangeFeed {

  private static final Logger log = LoggerFactory.getLogger(ChangeFeed.class);

  private final ReentrantLock lane = new ReentrantLock();
  private final Set<Watcher> watchers = ConcurrentHashMap.newKeySet();
  private final ObjectGuids guids = new ObjectGuids();
  private final AtomicLong usn = new AtomicLong();

  int watcherCount() {
    return watchers.size();
  }

  boolean hasWatchers() {
    return !watchers.isEmpty();
  }

  List<Watcher> watchers() {
    return List.copyOf(watchers);
  }

  long highestUsn() {
    return usn.get();
  }

  /**
   * Registers a watcher; for a persistent search without changesOnly, first queues the entries
   * the search matches now.
   *
   * @throws LDAPException when the search's base does not exist or the initial search fails
   */
  void register(Watcher watcher, InMemoryDirectoryServer directory) throws LDAPException {
    ReadOnlySearchRequest search = watcher.request().getRequest();
    lane.lock();
    try {
      if (directory.getEntry(search.getBaseDN()) == null) {
        throw new LDAPException(ResultCode.NO_SUCH_OBJECT, "Cannot watch '"
            + search.getBaseDN() + "' because no such entry exists.");
      }
      if (watcher.mode() instanceof PersistentSearch ps && !ps.changesOnly()) {
        SearchRequest initial = new SearchRequest(search.getBaseDN(), search.getScope(),
            search.getDereferencePolicy(), search.getSizeLimit(), search.getTimeLimitSeconds(),
            search.typesOnly(), search.getFilter(),
            search.getAttributeList().toArray(String[]::new));
        directory.search(initial).getSearchEntries().forEach(watcher::enqueue);
      }
      watchers.add(watcher);
    } finally {
      lane.unlock();
    }
    log.debug("Registered {}", watcher);
  }

  void remove(Watcher watcher) {
    watchers.remove(watcher);
  }

  /**
   * Numbers a successful write, queues it to every watcher it is for, then sends. Never throws: a
   * failure here must not turn the client's successful write into an error.
   *
   * @param directory the server, to read the entry after the change; {@code null} when the
   *     emulator is not attached (the write is only numbered)
   */
  void publish(PersistentSearchChangeType type, String dn, @Nullable DN previousDn,
      @Nullable Entry before, @Nullable InMemoryDirectoryServer directory) {
    List<Watcher> notified = new ArrayList<>();
    lane.lock();
    try {
      long number = usn.incrementAndGet();
      if (directory != null) {
        feed(new DN(dn), type, previousDn, before, number, directory, notified);
      }
    } catch (LDAPException | RuntimeException e) {
      log.warn("Cannot notify the open searches of the {} of '{}'; they miss this change: {}",
          type, dn, e.toString());
    } finally {
      lane.unlock();
    }
    notified.forEach(Watcher::drain);
  }

  private void feed(DN dn, PersistentSearchChangeType type, @Nullable DN previousDn,
      @Nullable Entry before, long number, InMemoryDirectoryServer directory,
      List<Watcher> notified) throws LDAPException {
    if (previousDn != null) {
      guids.renamed(previousDn, dn);
    }
    Entry after = type == PersistentSearchChangeType.DELETE || watchers.isEmpty()
        ? null : directory.getEntry(dn.toString(), "*", "+");
    Entry known = after != null ? after : before;
    if (known != null && !watchers.isEmpty()) {
      Change change = new Change(type, dn, previousDn, before, after, number, guids.of(known),
          namingContext(directory, dn));
      for (Watcher watcher : watchers) {
        SearchResultEntry entry = watcher.render(change);
        if (entry != null) {
          watcher.enqueue(entry);
          notified.add(watcher);
        }
      }
    }
    if (type == PersistentSearchChangeType.DELETE) {
      guids.deleted(dn);
    }
  }

  /** The server base DN that holds {@code dn} (the deepest, if bases nest). */
  private static @Nullable DN namingContext(InMemoryDirectoryServer directory, DN dn) {
    DN best = null;
    for (DN base : directory.getBaseDNs()) {
      if (dn.isDescendantOf(base, true)
          && (best == null || base.getRDNs().length > best.getRDNs().length)) {
        best = base;
      }
    }
    return best;
  }
}
