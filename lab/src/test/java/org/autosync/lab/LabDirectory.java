package org.autosync.lab;

import static org.awaitility.Awaitility.await;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.sdk.AsyncRequestID;
import com.unboundid.ldap.sdk.AsyncSearchResultListener;
import com.unboundid.ldap.sdk.Control;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchResultReference;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.controls.PersistentSearchChangeType;
import com.unboundid.ldap.sdk.controls.PersistentSearchRequestControl;
import com.unboundid.ldif.LDIFException;
import java.io.IOException;
import java.io.Serial;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * An in-memory directory with the emulator, on loopback at a fixed free port (so it can stop and
 * listen again on the same port): {@code dc=example,dc=com} with {@code ou=people} holding {@code
 * cn=Ann} and {@code ou=groups} holding {@code cn=staff}. {@link #close} ends every watch, closes
 * the writer and stops the server.
 */
final class LabDirectory implements AutoCloseable {
  static final String ROOT = "dc=example,dc=com";
  static final String PEOPLE = "ou=people," + ROOT;
  static final String GROUPS = "ou=groups," + ROOT;
  static final String ANN = "cn=Ann," + PEOPLE;
  static final String STAFF = "cn=staff," + GROUPS;

  final InMemoryDirectoryServer server;
  final ChangeNotificationEmulator emulator;
  private LDAPConnection writer;
  private final List<Watch> watches = new CopyOnWriteArrayList<>();

  private LabDirectory(InMemoryDirectoryServer server, ChangeNotificationEmulator emulator)
      throws LDAPException {
    this.server = server;
    this.emulator = emulator;
    this.writer = server.getConnection();
  }

  static LabDirectory start() {
    try {
      InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig(ROOT);
      config.setListenerConfigs(InMemoryListenerConfig.createLDAPConfig("ldap",
          InetAddress.getLoopbackAddress(), freePort(), null));
      ChangeNotificationEmulator emulator = ChangeNotificationEmulator.install(config);
      InMemoryDirectoryServer server = new InMemoryDirectoryServer(config);
      emulator.attach(server);
      server.add("dn: " + ROOT, "objectClass: top", "objectClass: domain", "dc: example");
      server.add("dn: " + PEOPLE, "objectClass: top", "objectClass: organizationalUnit",
          "ou: people");
      server.add("dn: " + GROUPS, "objectClass: top", "objectClass: organizationalUnit",
          "ou: groups");
      server.add("dn: " + ANN, "objectClass: top", "objectClass: person",
          "objectClass: organizationalPerson", "objectClass: inetOrgPerson", "cn: Ann",
          "sn: Lee", "title: Analyst");
      server.add("dn: " + STAFF, "objectClass: top", "objectClass: groupOfNames", "cn: staff",
          "member: " + ANN);
      server.startListening();
      return new LabDirectory(server, emulator);
    } catch (LDAPException | LDIFException e) {
      throw new IllegalStateException("Cannot start the lab directory: " + e.getMessage(), e);
    }
  }

  /** The connection tests write through (writes on the server object bypass interceptors). */
  LDAPConnection writer() {
    return writer;
  }

  /** Reconnects the writer, after the server listened again. */
  void reconnectWriter() throws LDAPException {
    writer.close();
    writer = server.getConnection();
  }

  void modify(String dn, String attribute, String value) throws LDAPException {
    writer.modify(dn, new Modification(ModificationType.REPLACE, attribute, value));
  }

  void addPerson(String dn, String cn, String... extra) throws LDAPException, LDIFException {
    List<String> ldif = new ArrayList<>(List.of("dn: " + dn, "objectClass: top",
        "objectClass: person", "objectClass: organizationalPerson",
        "objectClass: inetOrgPerson", "cn: " + cn, "sn: " + cn));
    ldif.addAll(List.of(extra));
    writer.add(ldif.toArray(String[]::new));
  }

  UUID entryUuid(String dn) throws LDAPException {
    return UUID.fromString(writer.getEntry(dn, "entryUUID").getAttributeValue("entryUUID"));
  }

  /** Starts an AD change notification search on its own connection and waits until it is open. */
  Watch notify(String base, SearchScope scope, String... attributes) throws LDAPException {
    return open(base, scope, "(objectClass=*)", List.of(notification()), attributes);
  }

  /** Like {@link #notify}, with the Show Deleted control. */
  Watch notifyShowingDeleted(String base, SearchScope scope, String... attributes)
      throws LDAPException {
    return open(base, scope, "(objectClass=*)",
        List.of(notification(), new Control(ChangeNotificationEmulator.SHOW_DELETED_OID, true)),
        attributes);
  }

  /** Starts a persistent search on its own connection and waits until it is open. */
  Watch persistentSearch(String base, SearchScope scope, String filter,
      Set<PersistentSearchChangeType> types, boolean changesOnly, boolean returnEcs,
      String... attributes) throws LDAPException {
    return open(base, scope, filter,
        List.of(new PersistentSearchRequestControl(types, changesOnly, returnEcs, true)),
        attributes);
  }

  static Control notification() {
    return new Control(ChangeNotificationEmulator.NOTIFICATION_OID, true);
  }

  private Watch open(String base, SearchScope scope, String filter, List<Control> controls,
      String... attributes) throws LDAPException {
    int before = emulator.watcherCount();
    Watch watch = start(base, scope, filter, controls, attributes);
    await().until(() -> emulator.watcherCount() > before || watch.done.isDone());
    return watch;
  }

  /** Starts a search on a new connection without waiting for anything. */
  Watch start(String base, SearchScope scope, String filter, List<Control> controls,
      String... attributes) throws LDAPException {
    Watch watch = new Watch(server.getConnection());
    SearchRequest request = new SearchRequest(watch, base, scope, Filter.create(filter),
        attributes);
    request.setControls(controls);
    request.setResponseTimeoutMillis(0);
    watch.id = watch.connection.asyncSearch(request);
    watches.add(watch);
    return watch;
  }

  @Override
  public void close() {
    watches.forEach(watch -> watch.connection.close());
    writer.close();
    emulator.close();
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One open search on its own connection and what it has received. */
  static final class Watch implements AsyncSearchResultListener {
    @Serial private static final long serialVersionUID = 1L;

    final transient LDAPConnection connection;
    final transient BlockingQueue<SearchResultEntry> entries = new LinkedBlockingQueue<>();
    /** {@link System#nanoTime()} when each entry arrived, in arrival order. */
    final transient BlockingQueue<Long> arrivals = new LinkedBlockingQueue<>();
    final transient CompletableFuture<SearchResult> done = new CompletableFuture<>();
    transient AsyncRequestID id;

    Watch(LDAPConnection connection) {
      this.connection = connection;
    }

    /** The next entry; fails when none arrives within five seconds. */
    SearchResultEntry next() throws InterruptedException {
      SearchResultEntry entry = entries.poll(5, TimeUnit.SECONDS);
      if (entry == null) {
        throw new AssertionError("no notification within 5 s; search done: " + done);
      }
      return entry;
    }

    /** The next {@code count} entries. */
    List<SearchResultEntry> next(int count) throws InterruptedException {
      List<SearchResultEntry> received = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        received.add(next());
      }
      return received;
    }

    /** Waits for the search to end and returns its result. */
    SearchResult result() throws Exception {
      return done.get(10, TimeUnit.SECONDS);
    }

    @Override
    public void searchEntryReturned(SearchResultEntry entry) {
      arrivals.add(System.nanoTime());
      entries.add(entry);
    }

    @Override
    public void searchReferenceReturned(SearchResultReference reference) {}

    @Override
    public void searchResultReceived(AsyncRequestID requestId, SearchResult result) {
      done.complete(result);
    }
  }
}
