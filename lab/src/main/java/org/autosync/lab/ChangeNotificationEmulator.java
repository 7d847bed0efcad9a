package org.autosync.lab;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedAddResult;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedDeleteRequest;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedDeleteResult;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedModifyDNRequest;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedModifyDNResult;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedModifyResult;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedRequest;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedSearchEntry;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedSearchRequest;
import com.unboundid.ldap.listener.interceptor.InMemoryOperationInterceptor;
import com.unboundid.ldap.sdk.Control;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPResult;
import com.unboundid.ldap.sdk.RDN;
import com.unboundid.ldap.sdk.ReadOnlyModifyDNRequest;
import com.unboundid.ldap.sdk.ReadOnlySearchRequest;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.controls.PersistentSearchChangeType;
import com.unboundid.ldap.sdk.controls.PersistentSearchRequestControl;
import com.unboundid.ldap.sdk.schema.Schema;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives UnboundID's {@link InMemoryDirectoryServer} Active Directory change notification, Show
 * Deleted tombstones and persistent search, which it does not support itself.
 *
 * <p>Install it into the server's configuration, build the server, attach it, and write through
 * LDAP connections:
 *
 * <pre>{@code
 * InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig("dc=example,dc=com");
 * config.setListenerConfigs(InMemoryListenerConfig.createLDAPConfig("ldap",
 *     InetAddress.getLoopbackAddress(), 0, null));
 * ChangeNotificationEmulator emulator = ChangeNotificationEmulator.install(config);
 * InMemoryDirectoryServer server = new InMemoryDirectoryServer(config);
 * emulator.attach(server);
 * server.startListening();
 *
 * // a client: one dedicated connection per notification search
 * LDAPConnection watch = server.getConnection();
 * SearchRequest notify = new SearchRequest(listener, "ou=people,dc=example,dc=com",
 *     SearchScope.SUB, "(objectClass=*)", "cn", "title");
 * notify.addControl(new Control(ChangeNotificationEmulator.NOTIFICATION_OID, true));
 * notify.setResponseTimeoutMillis(0);  // the search stays open; UnboundID's default is 5 minutes
 * watch.asyncSearch(notify);
 * await().until(() -> emulator.watcherCount() == 1);
 *
 * try (LDAPConnection writer = server.getConnection()) {
 *   writer.modify("cn=Ann,ou=people,dc=example,dc=com",
 *       new Modification(ModificationType.REPLACE, "title", "Engineer"));
 * } // listener.searchEntryReturned(...) gets cn, title, objectGUID and uSNChanged
 *
 * emulator.close();  // ends the open searches with UNAVAILABLE, then server.shutDown(true)
 * }</pre>
 *
 * <h2>What it emulates</h2>
 *
 * <ul>
 *   <li><b>Change notification</b> ({@value #NOTIFICATION_OID}): only the filter {@code
 *       (objectClass=*)} and base, one-level or subtree scope are accepted (else {@code
 *       unwillingToPerform}, as in AD). No entries are returned at first; the search stays open,
 *       and after every successful add, modify and modify DN whose entry is within the search's
 *       base and scope (before or after a rename) the entry is sent with the requested attributes
 *       plus {@code objectGUID} (16 bytes, AD byte order, the entry's {@code entryUUID}, so stable
 *       across renames) and {@code uSNChanged} (a counter kept here, raised by every write;
 *       neither is stored in the directory). Renames are sent with the new DN.
 *   <li><b>Show Deleted</b> ({@value #SHOW_DELETED_OID}): a notification search that carries it
 *       also gets deletes within its base and scope (of the original DN), as AD shows a
 *       tombstone: {@code CN=Ann\0ADEL:<guid>,CN=Deleted Objects,<naming context>} with {@code
 *       objectClass}, {@code isDeleted: TRUE}, {@code objectGUID}, {@code uSNChanged} and {@code
 *       lastKnownParent}. Without it deletes are not notified. On an ordinary search the control is
 *       accepted and ignored (there are no stored tombstones).
 *   <li><b>Persistent search</b> ({@value #PERSISTENT_SEARCH_OID}): returns the matching entries
 *       first unless changesOnly, then every change of the requested change types whose entry
 *       matches the search's base, scope and filter (after the change; before it for a delete;
 *       either for a rename), with an entry change notification control when returnECs asks for
 *       one (change type, previous DN of a rename, change number = {@code uSNChanged}).
 *   <li>The root DSE lists the three controls in {@code supportedControl} and has {@code
 *       highestCommittedUSN} when it is asked for (by name, {@code *} or {@code +}).
 * </ul>
 *
 * <h2>Limitations</h2>
 *
 * <ul>
 *   <li>Only writes that come in over LDAP connections are seen: {@code server.add(...)}, {@code
 *       modify(...)} and the other methods of the server object itself bypass interceptors.
 *   <li>The server reads and processes a connection's requests on one thread, which an open
 *       notification search keeps. Use one dedicated connection per notification search. While it
 *       is open the emulator reads that connection itself: an abandon of the search ends it, an
 *       unbind or a closed socket ends it and closes the connection, and any other request closes
 *       the connection with a notice of disconnection, because it cannot be handed back.
 *   <li>A client that stops reading fills its socket buffer and then blocks the writers that have
 *       notifications for it (as a real server would have to drop it; this one does not).
 * </ul>
 *
 * <h2>Stopping and restarting</h2>
 *
 * <p>Call {@link #releaseAll()} before {@code server.shutDown(true)}, or {@link #close()}, which
 * does both: every open search ends with {@link #RELEASE_RESULT_CODE} ({@code unavailable}), so
 * clients see their search end. That is also how a test simulates "the server went down". The
 * emulator stays installed: after {@code server.startListening()} new searches register again and
 * {@code uSNChanged} continues where it was.
 *
 * <p><b>Thread safety:</b> thread-safe. Writes arrive on any connection thread; notifications
 * are numbered and queued under one lock and sent from the writers' threads, each watcher's
 * entries in order under that watcher's own lock, so a watcher never sees two changes out of
 * {@code uSNChanged} order. When a write's response reaches its client, its notifications have
 * been written to the watchers' sockets. {@link #releaseAll()} and {@link #close()} may be
 * called from any thread, more than once.
 */
public final class ChangeNotificationEmulator extends InMemoryOperationInterceptor
    implements AutoCloseable {

  /** Active Directory's change notification control, LDAP_SERVER_NOTIFICATION_OID. */
  public static final String NOTIFICATION_OID = "1.2.840.113556.1.4.528";
  /** Active Directory's Show Deleted control, LDAP_SERVER_SHOW_DELETED_OID. */
  public static final String SHOW_DELETED_OID = "1.2.840.113556.1.4.417";
  /** The persistent search control (draft-ietf-ldapext-psearch). */
  public static final String PERSISTENT_SEARCH_OID =
      PersistentSearchRequestControl.PERSISTENT_SEARCH_REQUEST_OID;
  /** The result code that ends every open search on {@link #releaseAll()}: {@code unavailable}. */
  public static final ResultCode RELEASE_RESULT_CODE = ResultCode.UNAVAILABLE;

  /** How often a parked search looks whether it was released. */
  static final Duration POLL_INTERVAL = Duration.ofMillis(50);
  /** How long {@link #releaseAll()} waits for the parked searches to leave. */
  static final Duration RELEASE_TIMEOUT = Duration.ofSeconds(5);

  private static final Logger log = LoggerFactory.getLogger(ChangeNotificationEmulator.class);
  private static final String BEFORE = ChangeNotificationEmulator.class.getName() + ".before";

  private final ChangeFeed feed = new ChangeFeed();
  private final AtomicReference<@Nullable InMemoryDirectoryServer> server =
      new AtomicReference<>();

  private ChangeNotificationEmulator() {}

  /**
   * Creates an emulator and adds it to the configuration's operation interceptors. Build the
   * server from this configuration, then {@link #attach} it.
   *
   * @param config the configuration of the server to emulate on; one emulator per configuration
   * @return the emulator, not yet attached
   */
  public static ChangeNotificationEmulator install(InMemoryDirectoryServerConfig config) {
    Objects.requireNonNull(config, "config");
    ChangeNotificationEmulator emulator = new ChangeNotificationEmulator();
    config.addInMemoryOperationInterceptor(emulator);
    return emulator;
  }

  /**
   * Tells the emulator which server it runs in, so that it can read entries after writes. Until
   * then notification searches fail with {@code unwillingToPerform}.
   *
   * @param server the server built from the configuration the emulator was installed in
   * @throws IllegalStateException when it is attached to another server already
   */
  public void attach(InMemoryDirectoryServer server) {
    Objects.requireNonNull(server, "server");
    if (!this.server.compareAndSet(null, server) && this.server.get() != server) {
      throw new IllegalStateException("Cannot attach the change-notification emulator to a"
          + " second server; install one emulator per server configuration.");
    }
  }

  /**
   * How many notification and persistent searches are open now. Tests wait for it (rather than
   * sleeping) until a client's search is registered.
   *
   * @return the number of open searches
   */
  public int watcherCount() {
    return feed.watcherCount();
  }

  /**
   * The update sequence number of the latest write, as the root DSE's {@code
   * highestCommittedUSN} shows it.
   *
   * @return the {@code uSNChanged} of the latest write, 0 before the first one
   */
  public long highestCommittedUsn() {
    return feed.highestUsn();
  }

  /**
   * Ends every open notification and persistent search with {@link #RELEASE_RESULT_CODE} and
   * waits (up to five seconds) until their connection threads have left the emulator. Searches
   * that arrive afterwards register as usual.
   *
   * <p>The connection thread writes the search result right after leaving; a {@code
   * server.shutDown(true)} called immediately afterwards can in rare cases close a connection
   * first, and that client then sees the connection drop instead of the result code.
   *
   * @return how many searches were ended
   */
  public int releaseAll() {
    List<Watcher> released = feed.watchers();
    released.forEach(watcher -> watcher.end(End.RELEASED));
    long deadline = System.nanoTime() + RELEASE_TIMEOUT.toNanos();
    for (Watcher watcher : released) {
      try {
        if (!watcher.awaitExit(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())))) {
          log.warn("{} did not end within {}; continuing", watcher, RELEASE_TIMEOUT);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    if (!released.isEmpty()) {
      log.info("Released {} notification searches with result '{}'", released.size(),
          RELEASE_RESULT_CODE);
    }
    return released.size();
  }

  /**
   * {@link #releaseAll()}, then {@code shutDown(true)} on the attached server. The emulator stays
   * usable: {@code server.startListening()} brings both back.
   */
  @Override
  public void close() {
    releaseAll();
    InMemoryDirectoryServer directory = server.get();
    if (directory != null) {
      directory.shutDown(true);
    }
  }

  @Override
  public void processSearchRequest(InMemoryInterceptedSearchRequest request)
      throws LDAPException {
    ReadOnlySearchRequest search = request.getRequest();
    Control notification = search.getControl(NOTIFICATION_OID);
    Control persistent = search.getControl(PERSISTENT_SEARCH_OID);
    boolean showDeleted = search.hasControl(SHOW_DELETED_OID);
    if (notification == null && persistent == null) {
      if (showDeleted) {
        request.setRequest(search.duplicate(without(search.getControls(), SHOW_DELETED_OID)));
      }
      return;
    }
    InMemoryDirectoryServer directory = server.get();
    if (directory == null) {
      throw new LDAPException(ResultCode.UNWILLING_TO_PERFORM, "The change-notification"
          + " emulator is installed but not attached to its server; call attach(server).");
    }
    Schema schema = directory.getSchema();
    Watcher watcher = new Watcher(request,
        WatchMode.of(search, notification, persistent, showDeleted), search.getParsedBaseDN(),
        search.getScope(), search.getFilter(),
        new AttributeSelection(search.getAttributeList(), schema), schema,
        ClientLink.ofCurrentThread(), feed::remove);
    try {
      feed.register(watcher, directory);
      watcher.drain();
      throw watcher.park(POLL_INTERVAL).toException();
    } finally {
      feed.remove(watcher);
      watcher.exited();
    }
  }

  @Override
  public void processSearchEntry(InMemoryInterceptedSearchEntry result) {
    SearchResultEntry entry = result.getSearchEntry();
    if (!entry.getDN().isEmpty()) {
      return;
    }
    Entry rootDse = entry.duplicate();
    if (rootDse.hasAttribute("supportedControl")) {
      rootDse.addAttribute("supportedControl", NOTIFICATION_OID, SHOW_DELETED_OID,
          PERSISTENT_SEARCH_OID);
    }
    List<String> requested = result.getRequest().getAttributeList();
    if (requested.isEmpty() || requested.contains("*") || requested.contains("+")
        || requested.stream().anyMatch("highestCommittedUSN"::equalsIgnoreCase)) {
      rootDse.setAttribute("highestCommittedUSN", Long.toString(feed.highestUsn()));
    }
    result.setSearchEntry(rootDse);
  }

  @Override
  public void processAddResult(InMemoryInterceptedAddResult result) {
    if (succeeded(result.getResult())) {
      feed.publish(PersistentSearchChangeType.ADD, result.getRequest().getDN(), null, null,
          server.get());
    }
  }

  @Override
  public void processModifyResult(InMemoryInterceptedModifyResult result) {
    if (succeeded(result.getResult())) {
      feed.publish(PersistentSearchChangeType.MODIFY, result.getRequest().getDN(), null, null,
          server.get());
    }
  }

  @Override
  public void processModifyDNRequest(InMemoryInterceptedModifyDNRequest request) {
    capture(request, request.getRequest().getDN());
  }

  @Override
  public void processModifyDNResult(InMemoryInterceptedModifyDNResult result) {
    if (!succeeded(result.getResult())) {
      return;
    }
    ReadOnlyModifyDNRequest rename = result.getRequest();
    try {
      DN previous = new DN(rename.getDN());
      DN parent = rename.getNewSuperiorDN() != null
          ? new DN(rename.getNewSuperiorDN()) : previous.getParent();
      RDN rdn = new RDN(rename.getNewRDN());
      DN renamed = parent == null ? new DN(rdn) : new DN(rdn, parent);
      feed.publish(PersistentSearchChangeType.MODIFY_DN, renamed.toString(), previous,
          (Entry) result.getProperty(BEFORE), server.get());
    } catch (LDAPException e) {
      log.warn("Cannot work out the new DN of renamed '{}'; no notification: {}", rename.getDN(),
          e.getMessage());
    }
  }

  @Override
  public void processDeleteRequest(InMemoryInterceptedDeleteRequest request) {
    capture(request, request.getRequest().getDN());
  }

  @Override
  public void processDeleteResult(InMemoryInterceptedDeleteResult result) {
    if (succeeded(result.getResult())) {
      feed.publish(PersistentSearchChangeType.DELETE, result.getRequest().getDN(), null,
          (Entry) result.getProperty(BEFORE), server.get());
    }
  }

  /** Keeps the entry as it is before a delete or rename, for tombstones and filters. */
  private void capture(InMemoryInterceptedRequest request, String dn) {
    InMemoryDirectoryServer directory = server.get();
    if (directory == null || !feed.hasWatchers()) {
      return;
    }
    try {
      request.setProperty(BEFORE, directory.getEntry(dn, "*", "+"));
    } catch (LDAPException e) {
      log.debug("Cannot read '{}' before it changes", dn, e);
    }
  }

  private static boolean succeeded(LDAPResult result) {
    return result.getResultCode() == ResultCode.SUCCESS;
  }

  private static Control[] without(Control[] controls, String oid) {
    return Arrays.stream(controls).filter(c -> !c.getOID().equals(oid)).toArray(Control[]::new);
  }
}
