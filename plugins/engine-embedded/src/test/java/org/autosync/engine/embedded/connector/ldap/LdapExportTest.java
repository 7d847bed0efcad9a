package org.autosync.engine.embedded.connector.ldap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedModifyRequest;
import com.unboundid.ldap.listener.interceptor.InMemoryOperationInterceptor;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.autosync.api.engine.ResultCodes;
import org.autosync.engine.embedded.connector.Connector;
import org.autosync.engine.embedded.connector.ConnectorException;
import org.autosync.engine.embedded.connector.ExportChange;
import org.autosync.engine.embedded.connector.ExportChange.Op;
import org.autosync.engine.embedded.connector.ExportResult;
import org.autosync.engine.embedded.connector.PartialExportException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class LdapExportTest {

  private static final String PEOPLE = InMemoryLdap.PEOPLE;
  /** Modifying this entry drops every connection, as a server that goes away would. */
  private static final String TRIPWIRE = "uid=tripwire," + PEOPLE;

  @RegisterExtension
  final InMemoryLdap ldap = InMemoryLdap.plain().interceptor(new InMemoryOperationInterceptor() {
    @Override
    public void processModifyRequest(InMemoryInterceptedModifyRequest request)
        throws LDAPException {
      if (request.getRequest().getDN().equalsIgnoreCase(TRIPWIRE)) {
        ldap.server().closeAllConnections(false);
        throw new LDAPException(ResultCode.UNAVAILABLE, "going away");
      }
    }
  });

  @TempDir
  Path work;

  private Connector connector() {
    return new LdapConnectorFactory().create(ldap.options(), Items.context(work));
  }

  private static ExportChange add(String uid) {
    return new ExportChange(Op.ADD, "uid=" + uid + "," + PEOPLE, null, "inetOrgPerson",
        Map.of("objectClass", List.of("top", "person", "organizationalPerson", "inetOrgPerson"),
            "uid", List.of(uid), "cn", List.of(uid), "sn", List.of(uid)));
  }

  private static ExportChange update(String dn, Map<String, List<String>> values) {
    return new ExportChange(Op.UPDATE, dn, null, "inetOrgPerson", values);
  }

  private Entry read(String dn) throws LDAPException {
    return ldap.server().getEntry(dn);
  }

  @Test
  void writes_an_add_an_update_a_rename_and_a_delete() throws Exception {
    String bob = ldap.addPerson("bob");
    String carol = ldap.addPerson("carol");
    ldap.server().modify("dn: " + carol, "changetype: modify", "add: description",
        "description: old");
    String dave = ldap.addPerson("dave");
    try (Connector connector = connector()) {
      List<ExportResult> results = connector.export(InMemoryLdap.BASE, List.of(
          add("alice"),
          update(carol, Map.of("mail", List.of("c@example.org", "carol@example.org"),
              "description", List.of())),
          new ExportChange(Op.RENAME, bob, "uid=robert," + InMemoryLdap.GROUPS, "inetOrgPerson",
              Map.of()),
          new ExportChange(Op.DELETE, dave, null, "inetOrgPerson", Map.of())));
      assertEquals(List.of(ExportResult.OK, ExportResult.OK, ExportResult.OK, ExportResult.OK),
          results);
    }
    assertNotNull(read("uid=alice," + PEOPLE));
    Entry carolNow = read(carol);
    assertEquals(List.of("c@example.org", "carol@example.org"),
        List.of(carolNow.getAttributeValues("mail")));
    assertFalse(carolNow.hasAttribute("description"));
    assertNull(read(bob));
    assertNotNull(read("uid=robert," + InMemoryLdap.GROUPS));
    assertNull(read(dave));
  }

  @Test
  void a_rename_may_carry_updates_and_keeps_the_parent_when_only_the_rdn_changes()
      throws Exception {
    String bob = ldap.addPerson("bob");
    try (Connector connector = connector()) {
      List<ExportResult> results = connector.export(PEOPLE, List.of(new ExportChange(Op.RENAME,
          bob, "uid=robert," + PEOPLE, "inetOrgPerson",
          Map.of("uid", List.of("robert"), "cn", List.of("Robert")))));
      assertEquals(List.of(ExportResult.OK), results);
    }
    Entry robert = read("uid=robert," + PEOPLE);
    assertEquals(List.of("robert"), List.of(robert.getAttributeValues("uid")));
    assertEquals("Robert", robert.getAttributeValue("cn"));
  }

  @Test
  void an_add_without_objectClass_uses_the_object_type() throws Exception {
    try (Connector connector = connector()) {
      List<ExportResult> results = connector.export(PEOPLE, List.of(new ExportChange(Op.ADD,
          "uid=eve," + PEOPLE, null, "inetOrgPerson",
          Map.of("uid", List.of("eve"), "cn", List.of("eve"), "sn", List.of("eve")))));
      assertEquals(List.of(ExportResult.OK), results);
    }
    assertTrue(read("uid=eve," + PEOPLE).hasObjectClass("inetOrgPerson"));
  }

  @Test
  void what_the_server_refuses_for_one_object_is_that_object_s_failure() throws Exception {
    ldap.addPerson("alice");
    String bob = ldap.addPerson("bob");
    try (Connector connector = connector()) {
      List<ExportResult> results = connector.export(PEOPLE, List.of(
          add("alice"),
          update("uid=nobody," + PEOPLE, Map.of("description", List.of("x"))),
          update(bob, Map.of("sn", List.of())),
          new ExportChange(Op.ADD, "uid=frank," + PEOPLE, null, "inetOrgPerson",
              Map.of("objectClass", List.of("inetOrgPerson"), "uid", List.of("frank"))),
          new ExportChange(Op.DELETE, PEOPLE, null, "organizationalUnit", Map.of()),
          new ExportChange(Op.DELETE, "uid=nobody," + PEOPLE, null, "inetOrgPerson", Map.of()),
          new ExportChange(Op.DELETE, "uid=x," + InMemoryLdap.GROUPS, null, "inetOrgPerson",
              Map.of()),
          add("george")));
      assertEquals(List.of("entry-already-exists", "no-such-object", "object-class-violation",
          "object-class-violation", "not-allowed-on-non-leaf", "no-such-object",
          "outside-partition"),
          results.subList(0, 7).stream().map(ExportResult::errorType).toList());
      assertTrue(results.get(0).detail().startsWith("68 (entry already exists)"),
          results.get(0).detail());
      assertEquals(ExportResult.OK, results.get(7));
    }
    assertNotNull(read("uid=george," + PEOPLE));
  }

  @Test
  void a_rename_onto_an_existing_entry_fails_and_changes_nothing() throws Exception {
    String alice = ldap.addPerson("alice");
    String bob = ldap.addPerson("bob");
    try (Connector connector = connector()) {
      List<ExportResult> results = connector.export(PEOPLE, List.of(
          new ExportChange(Op.RENAME, alice, bob, "inetOrgPerson", Map.of())));
      assertEquals("entry-already-exists", results.getFirst().errorType());
    }
    assertNotNull(read(alice));
  }

  @Test
  void a_connection_lost_mid_batch_reports_what_was_written() throws Exception {
    ldap.addPerson("tripwire");
    try (Connector connector = connector()) {
      PartialExportException e = assertThrows(PartialExportException.class,
          () -> connector.export(PEOPLE, List.of(add("alice"), add("bob"),
              update(TRIPWIRE, Map.of("description", List.of("boom"))), add("carol"))));
      assertEquals(ResultCodes.STOPPED_CONNECTIVITY, e.resultCode());
      assertEquals(List.of(ExportResult.OK, ExportResult.OK), e.results());
      assertNull(read("uid=carol," + PEOPLE), "nothing after the failure was attempted");

      List<ExportResult> retried = connector.export(PEOPLE, List.of(add("carol")));
      assertEquals(List.of(ExportResult.OK), retried, "the next call reconnects");
    }
  }

  @Test
  void a_connection_lost_before_anything_was_written_is_stopped_connectivity()
      throws Exception {
    ldap.addPerson("tripwire");
    try (Connector connector = connector()) {
      ConnectorException e = assertThrows(ConnectorException.class,
          () -> connector.export(PEOPLE, List.of(
              update(TRIPWIRE, Map.of("description", List.of("boom"))), add("alice"))));
      assertFalse(e instanceof PartialExportException, "nothing was written");
      assertEquals(ResultCodes.STOPPED_CONNECTIVITY, e.resultCode());
    }
    assertNull(read("uid=alice," + PEOPLE));
  }

  @Test
  void an_export_to_a_stopped_server_is_no_start_connection() throws Exception {
    ldap.stop();
    try (Connector connector = connector()) {
      ConnectorException e = assertThrows(ConnectorException.class,
          () -> connector.export(PEOPLE, List.of(add("alice"))));
      assertEquals(ResultCodes.NO_START_CONNECTION, e.resultCode());
    }
  }
}
