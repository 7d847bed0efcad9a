package org.autosync.engine.embedded.connector.ldap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedSearchRequest;
import com.unboundid.ldap.listener.interceptor.InMemoryOperationInterceptor;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.autosync.api.engine.ResultCodes;
import org.autosync.engine.embedded.connector.Connector;
import org.autosync.engine.embedded.connector.ConnectorEntry;
import org.autosync.engine.embedded.connector.ConnectorException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class LdapFullImportTest {

  private final AtomicInteger peopleSearches = new AtomicInteger();

  @RegisterExtension
  final InMemoryLdap ldap = InMemoryLdap.plain().interceptor(new InMemoryOperationInterceptor() {
    @Override
    public void processSearchRequest(InMemoryInterceptedSearchRequest request) {
      if (request.getRequest().getBaseDN().equalsIgnoreCase(InMemoryLdap.PEOPLE)) {
        peopleSearches.incrementAndGet();
      }
    }
  });

  @TempDir
  Path work;

  private Connector connector(String... options) {
    return new LdapConnectorFactory().create(ldap.options(options), Items.context(work));
  }

  @Test
  void pages_through_more_entries_than_the_page_size() throws Exception {
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      expected.add(Items.normal(ldap.addPerson("user" + i)));
    }
    Items items = new Items();
    try (Connector connector = connector("pageSize", "10")) {
      connector.fullImport(InMemoryLdap.PEOPLE, items);
    }
    assertEquals(expected.stream().map(dn -> "present " + dn).sorted().toList(), items.summary());
    assertEquals(3, peopleSearches.get(), "pages of 10, 10 and 5");
  }

  @Test
  void reads_only_the_listed_object_classes_and_types_entries_by_the_first_listed_class()
      throws Exception {
    ldap.addPerson("alice");
    ldap.server().add("dn: cn=staff," + InMemoryLdap.PEOPLE, "objectClass: groupOfNames",
        "cn: staff", "member: uid=alice," + InMemoryLdap.PEOPLE);
    ldap.server().add("dn: cn=printer," + InMemoryLdap.PEOPLE, "objectClass: device",
        "cn: printer");
    Items items = new Items();
    try (Connector connector = connector("objectClasses", "groupOfNames, inetOrgPerson")) {
      connector.fullImport(InMemoryLdap.BASE, items);
    }
    assertEquals(List.of("present cn=staff," + InMemoryLdap.PEOPLE,
        "present uid=alice," + InMemoryLdap.PEOPLE), items.summary());
    ConnectorEntry alice = items.entry("uid=alice," + InMemoryLdap.PEOPLE);
    assertEquals("inetOrgPerson", alice.objectType());
    assertEquals(List.of("top", "person", "organizationalPerson", "inetOrgPerson"),
        alice.values("objectClass"));
    assertEquals("alice", alice.first("uid"));
    assertEquals("groupOfNames", items.entry("cn=staff," + InMemoryLdap.PEOPLE).objectType());
  }

  @Test
  void reads_only_the_listed_attributes_plus_objectClass() throws Exception {
    ldap.addPerson("alice");
    Items items = new Items();
    try (Connector connector = connector("attributes", "uid,entryUUID")) {
      connector.fullImport(InMemoryLdap.PEOPLE, items);
    }
    ConnectorEntry alice = items.entry("uid=alice," + InMemoryLdap.PEOPLE);
    assertEquals(List.of("entryuuid", "objectclass", "uid"), List.copyOf(alice.attributes()
        .keySet()));
  }

  @Test
  void an_entry_with_binary_values_is_unreadable_and_the_others_are_read() throws Exception {
    ldap.addPerson("alice");
    Entry bob = new Entry("uid=bob," + InMemoryLdap.PEOPLE);
    bob.addAttribute("objectClass", "inetOrgPerson");
    bob.addAttribute("uid", "bob");
    bob.addAttribute("cn", "bob");
    bob.addAttribute("sn", "bob");
    bob.addAttribute(new Attribute("jpegPhoto", new byte[] {(byte) 0xFF, (byte) 0xD8, 0}));
    ldap.server().add(bob);
    Items items = new Items();
    try (Connector connector = connector()) {
      connector.fullImport(InMemoryLdap.PEOPLE, items);
    }
    assertEquals(List.of("present uid=alice," + InMemoryLdap.PEOPLE,
        "unreadable uid=bob," + InMemoryLdap.PEOPLE), items.summary());
    assertTrue(items.unreadable().getFirst().reason().contains("jpegPhoto"),
        items.unreadable().getFirst().reason());
  }

  @Test
  void a_partition_that_does_not_exist_is_a_configuration_error() throws Exception {
    try (Connector connector = connector()) {
      ConnectorException e = assertThrows(ConnectorException.class,
          () -> connector.fullImport("ou=nowhere," + InMemoryLdap.BASE, new Items()));
      assertEquals(ResultCodes.NO_START_BAD_MA_CONFIGURATION, e.resultCode());
      assertTrue(e.getMessage().contains("ou=nowhere"), e.getMessage());
    }
  }

  @Test
  void a_partition_that_is_not_a_dn_is_a_configuration_error() {
    try (Connector connector = connector()) {
      ConnectorException e = assertThrows(ConnectorException.class,
          () -> connector.fullImport("people", new Items()));
      assertEquals(ResultCodes.NO_START_BAD_MA_CONFIGURATION, e.resultCode());
    }
  }

  @Test
  void a_refused_bind_is_no_start_credentials() {
    try (Connector connector = connector("password", "wrong")) {
      ConnectorException e = assertThrows(ConnectorException.class,
          () -> connector.fullImport(InMemoryLdap.PEOPLE, new Items()));
      assertEquals(ResultCodes.NO_START_CREDENTIALS, e.resultCode());
      assertTrue(e.getMessage().contains("cn=admin"), e.getMessage());
    }
  }

  @Test
  void the_password_may_be_a_secret_reference() throws Exception {
    ldap.addPerson("alice");
    Items items = new Items();
    try (Connector connector = connector("password", "${env:LDAP_PASSWORD}")) {
      connector.fullImport(InMemoryLdap.PEOPLE, items);
    }
    assertEquals(1, items.present().size());
  }

  @Test
  void a_server_that_cannot_be_reached_is_no_start_connection() throws Exception {
    ldap.stop();
    try (Connector connector = connector("connectTimeout", "2s")) {
      ConnectorException e = assertThrows(ConnectorException.class,
          () -> connector.fullImport(InMemoryLdap.PEOPLE, new Items()));
      assertEquals(ResultCodes.NO_START_CONNECTION, e.resultCode());
    }
  }

  @Test
  void a_server_stopped_during_the_import_is_stopped_connectivity_and_the_next_call_reconnects()
      throws Exception {
    for (int i = 0; i < 12; i++) {
      ldap.addPerson("user" + i);
    }
    try (Connector connector = connector("pageSize", "5")) {
      Items seen = new Items();
      ConnectorException e = assertThrows(ConnectorException.class,
          () -> connector.fullImport(InMemoryLdap.PEOPLE, item -> {
            if (seen.all().isEmpty()) {
              ldap.stop();
            }
            seen.accept(item);
          }));
      assertEquals(ResultCodes.STOPPED_CONNECTIVITY, e.resultCode());
      assertEquals(5, seen.all().size(), "the first page was read before the server stopped");

      ldap.restart();
      Items again = new Items();
      connector.fullImport(InMemoryLdap.PEOPLE, again);
      assertEquals(12, again.present().size());
    }
  }

  @Test
  void close_is_idempotent_and_a_closed_connector_refuses_work() throws LDAPException {
    Connector connector = connector();
    connector.close();
    connector.close();
    assertThrows(IllegalStateException.class,
        () -> connector.fullImport(InMemoryLdap.PEOPLE, new Items()));
  }

  @Test
  void delta_none_means_no_delta_support() {
    try (Connector connector = connector("delta", "none")) {
      assertEquals(Connector.DeltaSupport.NONE, connector.deltaSupport());
    }
    try (Connector connector = connector()) {
      assertEquals(Connector.DeltaSupport.WATERMARK, connector.deltaSupport());
    }
  }
}
