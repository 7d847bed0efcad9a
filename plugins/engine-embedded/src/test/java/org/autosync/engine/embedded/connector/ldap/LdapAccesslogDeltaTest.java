package org.autosync.engine.embedded.connector.ldap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.autosync.api.engine.ResultCodes;
import org.autosync.engine.embedded.connector.Connector;
import org.autosync.engine.embedded.connector.ConnectorException;
import org.autosync.engine.embedded.connector.ExportChange;
import org.autosync.engine.embedded.connector.ExportChange.Op;
import org.autosync.engine.embedded.connector.ExportResult;
import org.autosync.engine.embedded.connector.ImportItem;
import org.autosync.testkit.ldap.Slapd;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Delta imports from OpenLDAP's accesslog, against a real slapd. */
@Tag("slapd")
class LdapAccesslogDeltaTest {

  private static final String PEOPLE = Slapd.PEOPLE;

  @TempDir
  Path work;

  private Slapd slapd;
  private LDAPConnection admin;

  @BeforeEach
  void startSlapd() throws Exception {
    Slapd.assumeInstalled();
    slapd = Slapd.start(work.resolve("slapd"));
    admin = slapd.admin();
  }

  @AfterEach
  void stopSlapd() {
    if (admin != null) {
      admin.close();
    }
    if (slapd != null) {
      slapd.close();
    }
  }

  private Connector connector(String... extra) {
    Map<String, String> options = new HashMap<>(Map.of("host", "127.0.0.1",
        "port", Integer.toString(slapd.port()), "bindDn", Slapd.ROOT_DN,
        "password", Slapd.PASSWORD, "objectClasses", "inetOrgPerson", "delta", "accesslog"));
    for (int i = 0; i < extra.length; i += 2) {
      options.put(extra[i], extra[i + 1]);
    }
    assertEquals(List.of(), new LdapConnectorFactory().validate(options));
    return new LdapConnectorFactory().create(options, Items.context(work));
  }

  private String addPerson(String uid) throws LDAPException {
    String dn = "uid=" + uid + "," + PEOPLE;
    admin.add(dn, new Attribute("objectClass", "inetOrgPerson"), new Attribute("uid", uid),
        new Attribute("cn", uid), new Attribute("sn", uid));
    return dn;
  }

  private void describe(String dn, String value) throws LDAPException {
    admin.modify(dn, new Modification(ModificationType.REPLACE, "description", value));
  }

  @Test
  void a_delta_emits_each_added_modified_renamed_and_deleted_object_once() throws Exception {
    String modified = addPerson("modified");
    String renamed = addPerson("renamed");
    String deleted = addPerson("deleted");
    try (Connector connector = connector()) {
      String watermark = connector.currentWatermark(PEOPLE);
      assertTrue(watermark.matches("[0-9]{14}\\.[0-9]{6}Z"), watermark);

      String added = addPerson("added");
      describe(added, "first");
      describe(added, "second");
      describe(modified, "changed");
      admin.modifyDN(renamed, "uid=moved", true);
      describe("uid=moved," + PEOPLE, "after the move");
      admin.delete(deleted);

      Items items = new Items();
      String next = connector.deltaImport(PEOPLE, watermark, items);

      assertEquals(List.of("deleted " + Items.normal(deleted),
          "present " + Items.normal(added), "present " + Items.normal(modified),
          "present uid=moved," + Items.normal(PEOPLE)), items.summary());
      assertEquals("second", items.entry(added).first("description"));
      assertTrue(next.compareTo(watermark) > 0, next + " after " + watermark);
      assertEquals(next, connector.currentWatermark(PEOPLE));

      Items nothing = new Items();
      assertEquals(next, connector.deltaImport(PEOPLE, next, nothing));
      assertEquals(List.of(), nothing.summary());
    }
  }

  @Test
  void every_record_is_a_watermark_that_a_delta_resumes_from_exactly() throws Exception {
    try (Connector connector = connector()) {
      String start = connector.currentWatermark(PEOPLE);
      int writes = 24;
      for (int i = 0; i < writes; i++) {
        addPerson("user" + i);
      }
      List<String> records = new java.util.ArrayList<>();
      connector.deltaImport(PEOPLE, start, new Items());
      for (var entry : admin.search(Slapd.ACCESSLOG, com.unboundid.ldap.sdk.SearchScope.ONE,
          "(reqType=add)", "reqStart").getSearchEntries()) {
        records.add(entry.getAttributeValue("reqStart"));
      }
      records.sort(AccesslogFeed.TIME_ORDER);
      List<String> ours = records.subList(records.size() - writes, records.size());
      for (int i = 0; i < writes; i++) {
        Items items = new Items();
        String next = connector.deltaImport(PEOPLE, ours.get(i), items);
        assertEquals(writes - 1 - i, items.present().size(), "after record " + ours.get(i));
        assertEquals(ours.getLast(), next);
      }
    }
  }

  @Test
  void an_object_renamed_then_deleted_is_deleted_under_the_dn_it_had_before() throws Exception {
    String alice = addPerson("alice");
    try (Connector connector = connector()) {
      String watermark = connector.currentWatermark(PEOPLE);
      admin.modifyDN(alice, "uid=alicia", true);
      admin.delete("uid=alicia," + PEOPLE);
      Items items = new Items();
      connector.deltaImport(PEOPLE, watermark, items);
      assertEquals(List.of(new ImportItem.Deleted(alice, null)), items.all());
    }
  }

  @Test
  void a_watermark_taken_before_a_full_import_catches_a_change_made_during_it() throws Exception {
    String alice = addPerson("alice");
    String bob = addPerson("bob");
    try (Connector connector = connector("pageSize", "1")) {
      String watermark = connector.currentWatermark(PEOPLE);
      Items full = new Items();
      connector.fullImport(PEOPLE, item -> {
        if (full.all().isEmpty()) {
          try {
            describe(alice, "during");
            describe(bob, "during");
          } catch (LDAPException e) {
            throw new AssertionError(e);
          }
        }
        full.accept(item);
      });
      assertEquals(2, full.present().size());
      Items delta = new Items();
      connector.deltaImport(PEOPLE, watermark, delta);
      assertEquals(List.of("present " + Items.normal(alice), "present " + Items.normal(bob)),
          delta.summary());
    }
  }

  @Test
  void an_empty_log_has_the_start_watermark_and_a_delta_from_it_reads_everything()
      throws Exception {
    try (Connector connector = connector()) {
      Items items = new Items();
      String next = connector.deltaImport(PEOPLE, "0", items);
      assertEquals(List.of(), items.summary(), "only the base entries were written");
      assertNotEquals("0", next);
    }
  }

  @Test
  void a_purged_watermark_record_demands_a_full_import() throws Exception {
    addPerson("alice");
    try (Connector connector = connector()) {
      String watermark = connector.currentWatermark(PEOPLE);
      addPerson("bob");
      admin.delete("reqStart=" + watermark + "," + Slapd.ACCESSLOG);
      ConnectorException e = assertThrows(ConnectorException.class,
          () -> connector.deltaImport(PEOPLE, watermark, new Items()));
      assertEquals(ResultCodes.NO_START_FULL_IMPORT_REQUIRED, e.resultCode());
      assertTrue(e.getMessage().contains("purged"), e.getMessage());
    }
  }

  @Test
  void a_missing_accesslog_database_says_so() {
    try (Connector connector = connector("accesslogBase", "cn=nolog")) {
      ConnectorException e = assertThrows(ConnectorException.class,
          () -> connector.currentWatermark(PEOPLE));
      assertEquals(ResultCodes.NO_START_CHANGE_LOG_NOT_ENABLED, e.resultCode());
    }
  }

  @Test
  void exports_to_openldap_come_back_in_the_next_delta() throws Exception {
    String bob = addPerson("bob");
    String carol = addPerson("carol");
    try (Connector connector = connector()) {
      String watermark = connector.currentWatermark(PEOPLE);
      List<ExportResult> results = connector.export(PEOPLE, List.of(
          new ExportChange(Op.ADD, "uid=alice," + PEOPLE, null, "inetOrgPerson",
              Map.of("objectClass", List.of("inetOrgPerson"), "uid", List.of("alice"),
                  "cn", List.of("Alice"), "sn", List.of("A"))),
          new ExportChange(Op.RENAME, bob, "uid=robert," + PEOPLE, "inetOrgPerson",
              Map.of("uid", List.of("robert"))),
          new ExportChange(Op.DELETE, carol, null, "inetOrgPerson", Map.of()),
          new ExportChange(Op.ADD, "uid=alice," + PEOPLE, null, "inetOrgPerson",
              Map.of("objectClass", List.of("inetOrgPerson"), "uid", List.of("alice"),
                  "cn", List.of("Alice"), "sn", List.of("A")))));
      assertEquals(List.of(ExportResult.OK, ExportResult.OK, ExportResult.OK),
          results.subList(0, 3));
      assertEquals("entry-already-exists", results.get(3).errorType());

      Items items = new Items();
      connector.deltaImport(PEOPLE, watermark, items);
      assertEquals(List.of("deleted " + Items.normal(carol),
          "present uid=alice," + Items.normal(PEOPLE),
          "present uid=robert," + Items.normal(PEOPLE)), items.summary());
    }
  }
}
