package org.autosync.lab;

import static org.autosync.lab.LabDirectory.ANN;
import static org.autosync.lab.LabDirectory.PEOPLE;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.asn1.ASN1Buffer;
import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.protocol.LDAPMessage;
import com.unboundid.ldap.protocol.SearchRequestProtocolOp;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPSearchException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchScope;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import org.autosync.lab.LabDirectory.Watch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** How open notification searches end: clients leaving, abandoning, releases and restarts. */
class WatcherLifecycleTest {

  private final LabDirectory lab = LabDirectory.start();

  @AfterEach
  void stop() {
    lab.close();
  }

  @Test
  void a_client_whose_socket_closes_is_dropped_without_a_write() throws Exception {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(),
        lab.server.getListenPort())) {
      LDAPMessage search = new LDAPMessage(1, new SearchRequestProtocolOp(
          new SearchRequest(PEOPLE, SearchScope.SUB, "(objectClass=*)")),
          List.of(LabDirectory.notification()));
      ASN1Buffer buffer = new ASN1Buffer();
      search.writeTo(buffer);
      OutputStream out = socket.getOutputStream();
      out.write(buffer.toByteArray());
      out.flush();
      await().until(() -> lab.emulator.watcherCount() == 1);
    } // closed without an unbind

    await().until(() -> lab.emulator.watcherCount() == 0);
    lab.modify(ANN, "title", "Engineer"); // does not fail
  }

  @Test
  void a_client_that_unbinds_is_dropped() throws Exception {
    Watch leaving = lab.notify(PEOPLE, SearchScope.SUB);
    Watch staying = lab.notify(PEOPLE, SearchScope.SUB);

    leaving.connection.close(); // sends an unbind request

    await().until(() -> lab.emulator.watcherCount() == 1);
    lab.modify(ANN, "title", "Engineer");
    assertEquals(new DN(ANN), staying.next().getParsedDN());
  }

  @Test
  void abandon_ends_the_search_and_the_connection_stays_usable() throws Exception {
    Watch watch = lab.notify(PEOPLE, SearchScope.SUB);

    watch.connection.abandon(watch.id);

    await().until(() -> lab.emulator.watcherCount() == 0);
    assertEquals("Ann", watch.connection.getEntry(ANN).getAttributeValue("cn"),
        "the connection reads requests again");
    lab.modify(ANN, "title", "Engineer");
    assertTrue(watch.entries.isEmpty());
  }

  @Test
  void another_request_on_the_connection_of_an_open_search_closes_that_connection()
      throws Exception {
    Watch watch = lab.notify(PEOPLE, SearchScope.SUB);

    LDAPException refused = assertThrows(LDAPException.class,
        () -> watch.connection.getEntry(ANN));

    assertEquals(ResultCode.SERVER_DOWN, refused.getResultCode());
    await().until(() -> lab.emulator.watcherCount() == 0);
    await().until(() -> !watch.connection.isConnected());
    lab.modify(ANN, "title", "Engineer");
  }

  @Test
  void release_ends_the_searches_with_unavailable_and_new_watchers_register_after_a_restart()
      throws Exception {
    Watch before = lab.notify(PEOPLE, SearchScope.SUB);
    lab.modify(ANN, "title", "Engineer");
    long usnBefore = ChangeNotificationTest.usn(before.next());

    assertEquals(1, lab.emulator.releaseAll());
    assertEquals(ChangeNotificationEmulator.RELEASE_RESULT_CODE, before.result().getResultCode());
    assertEquals(ResultCode.UNAVAILABLE, before.result().getResultCode());
    assertEquals(0, lab.emulator.watcherCount());
    lab.server.shutDown(true);
    assertThrows(LDAPException.class, () -> lab.server.getConnection().close(),
        "the server is down");

    lab.server.startListening();
    lab.reconnectWriter();
    Watch after = lab.notify(PEOPLE, SearchScope.SUB);
    lab.modify(ANN, "title", "Manager");

    assertTrue(ChangeNotificationTest.usn(after.next()) > usnBefore);
  }

  @Test
  void close_ends_the_searches_and_stops_the_server_until_it_listens_again() throws Exception {
    Watch before = lab.notify(PEOPLE, SearchScope.SUB);

    lab.emulator.close();

    before.result(); // ended: UNAVAILABLE, or the dropped connection in a close race
    assertEquals(0, lab.emulator.watcherCount());
    assertThrows(LDAPException.class, () -> lab.server.getConnection().close());
    lab.server.startListening();
    lab.reconnectWriter();
    Watch after = lab.notify(PEOPLE, SearchScope.SUB);
    lab.modify(ANN, "title", "Manager");
    assertEquals("Manager", after.next().getAttributeValue("title"));
  }

  @Test
  void a_shutdown_without_release_does_not_leave_the_search_parked() throws Exception {
    Watch watch = lab.notify(PEOPLE, SearchScope.SUB);

    lab.server.shutDown(true);

    await().until(() -> lab.emulator.watcherCount() == 0);
    assertEquals(ResultCode.SERVER_DOWN, watch.result().getResultCode(),
        "without a release the client sees its connection drop");
    lab.server.startListening();
  }

  @Test
  void concurrent_writes_reach_a_watcher_in_usn_order() throws Exception {
    Watch watch = lab.notify(PEOPLE, SearchScope.SUB, "title");
    int writers = 4;
    int writes = 50;
    for (int w = 0; w < writers; w++) {
      lab.addPerson("cn=Writer" + w + "," + PEOPLE, "Writer" + w);
    }
    List<Thread> threads = new ArrayList<>();
    for (int w = 0; w < writers; w++) {
      String dn = "cn=Writer" + w + "," + PEOPLE;
      threads.add(Thread.ofPlatform().name("writer-" + w).start(() -> {
        try (LDAPConnection connection = lab.server.getConnection()) {
          for (int i = 0; i < writes; i++) {
            connection.modify(dn, new Modification(ModificationType.REPLACE, "title", "t" + i));
          }
        } catch (LDAPException e) {
          throw new AssertionError(e);
        }
      }));
    }
    for (Thread thread : threads) {
      thread.join();
    }

    List<Long> usns = watch.next(writers + writers * writes).stream()
        .map(ChangeNotificationTest::usn).toList();
    for (int i = 1; i < usns.size(); i++) {
      assertTrue(usns.get(i) > usns.get(i - 1), "out of order at " + i + ": " + usns);
    }
  }

  @Test
  void an_emulator_that_is_not_attached_refuses_notification_searches() throws Exception {
    InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig(LabDirectory.ROOT);
    config.setListenerConfigs(InMemoryListenerConfig.createLDAPConfig("ldap",
        InetAddress.getLoopbackAddress(), 0, null));
    ChangeNotificationEmulator.install(config);
    InMemoryDirectoryServer server = new InMemoryDirectoryServer(config);
    server.startListening();
    try (LDAPConnection connection = server.getConnection()) {
      SearchRequest search = new SearchRequest("", SearchScope.BASE, "(objectClass=*)");
      search.addControl(LabDirectory.notification());

      LDAPSearchException refused = assertThrows(LDAPSearchException.class,
          () -> connection.search(search));

      assertEquals(ResultCode.UNWILLING_TO_PERFORM, refused.getResultCode());
      assertTrue(refused.getDiagnosticMessage().contains("attach(server)"));
    } finally {
      server.shutDown(true);
    }
  }

  @Test
  void a_released_search_leaves_its_connection_usable() throws Exception {
    Watch watch = lab.notify(PEOPLE, SearchScope.SUB);

    lab.emulator.releaseAll();

    watch.result();
    LDAPConnection connection = watch.connection;
    assertFalse(connection.getEntry(ANN).getAttributeValue("cn").isEmpty());
  }
}
