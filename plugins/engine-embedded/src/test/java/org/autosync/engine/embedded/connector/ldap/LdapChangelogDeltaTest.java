package org.autosync.engine.embedded.connector.ldap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import java.nio.file.Path;
import java.util.List;
import org.autosync.api.engine.ResultCodes;
import org.autosync.engine.embedded.connector.Connector;
import org.autosync.engine.embedded.connector.ConnectorException;
import org.autosync.engine.embedded.connector.ImportItem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class LdapChangelogDeltaTest {

  private static final String PEOPLE = InMemoryLdap.PEOPLE;

  @RegisterExtension
  final InMemoryLdap ldap = InMemoryLdap.plain().maxChangeLogEntries(20);

  @TempDir
  Path work;

  private Connector connector(String... options) {
    return new LdapConnectorFactory().create(ldap.options(options), Items.context(work));
  }

  private void describe(String dn, String value) throws Exception {
    ldap.server().modify(dn, new Modification(ModificationType.REPLACE, "description", value));
  }

  @Test
  void the_watermark_is_the_last_change_number() throws Exception {
    try (Connector connector = connector()) {
      assertEquals("3", connector.currentWatermark(PEOPLE), "three base entries were added");
      ldap.addPerson("alice");
      assertEquals("4", connector.currentWatermark(PEOPLE));
    }
  }

  @Test
  void a_delta_emits_each_added_modified_renamed_and_deleted_object_once() throws Exception {
    String modified = ldap.addPerson("modified");
    String renamed = ldap.addPerson("renamed");
    String deleted = ldap.addPerson("deleted");
    try (Connector connector = connector()) {
      String watermark = connector.currentWatermark(PEOPLE);

      String added = ldap.addPerson("added");
      describe(added, "first");
      describe(added, "second");
      describe(modified, "changed");
      ldap.server().modifyDN(renamed, "uid=moved", true);
      describe("uid=moved," + PEOPLE, "after the move");
      ldap.server().delete(deleted);
      ldap.server().add("dn: cn=other," + InMemoryLdap.BASE, "objectClass: device", "cn: other");

      Items items = new Items();
      String next = connector.deltaImport(PEOPLE, watermark, items);

      assertEquals(List.of("deleted " + Items.normal(deleted),
          "present " + Items.normal(added), "present " + Items.normal(modified),
          "present uid=moved," + Items.normal(PEOPLE)), items.summary());
      assertEquals("second", items.entry(added).first("description"));
      assertEquals("after the move", items.entry("uid=moved," + PEOPLE).first("description"));
      assertEquals(Long.parseLong(watermark) + 8, Long.parseLong(next));
      assertEquals(next, connector.currentWatermark(PEOPLE));

      Items nothing = new Items();
      assertEquals(next, connector.deltaImport(PEOPLE, next, nothing));
      assertEquals(List.of(), nothing.summary());
    }
  }

  @Test
  void a_modify_then_a_delete_is_a_deletion() throws Exception {
    String alice = ldap.addPerson("alice");
    try (Connector connector = connector()) {
      String watermark = connector.currentWatermark(PEOPLE);
      describe(alice, "going");
      ldap.server().delete(alice);
      Items items = new Items();
      connector.deltaImport(PEOPLE, watermark, items);
      assertEquals(List.of("deleted " + Items.normal(alice)), items.summary());
    }
  }

  @Test
  void an_object_renamed_then_deleted_is_deleted_under_the_dn_it_had_before() throws Exception {
    String alice = ldap.addPerson("alice");
    try (Connector connector = connector()) {
      String watermark = connector.currentWatermark(PEOPLE);
      ldap.server().modifyDN(alice, "uid=alicia", true);
      ldap.server().delete("uid=alicia," + PEOPLE);
      Items items = new Items();
      connector.deltaImport(PEOPLE, watermark, items);
      assertEquals(List.of(new ImportItem.Deleted(alice, null)), items.all());
    }
  }

  @Test
  void an_object_moved_out_of_the_partition_is_deleted_and_one_moved_in_is_present()
      throws Exception {
    String alice = ldap.addPerson("alice");
    ldap.server().add("dn: uid=bob," + InMemoryLdap.GROUPS, "objectClass: inetOrgPerson",
        "uid: bob", "cn: bob", "sn: bob");
    try (Connector connector = connector()) {
      String watermark = connector.currentWatermark(PEOPLE);
      ldap.server().modifyDN(alice, "uid=alice", true, InMemoryLdap.GROUPS);
      ldap.server().modifyDN("uid=bob," + InMemoryLdap.GROUPS, "uid=bob", true, PEOPLE);
      Items items = new Items();
      connector.deltaImport(PEOPLE, watermark, items);
      assertEquals(List.of("deleted " + Items.normal(alice),
          "present uid=bob," + Items.normal(PEOPLE)), items.summary());
    }
  }

  @Test
  void changes_outside_the_partition_or_the_object_classes_are_ignored() throws Exception {
    try (Connector connector = connector()) {
      String watermark = connector.currentWatermark(PEOPLE);
      ldap.server().add("dn: uid=carol," + InMemoryLdap.GROUPS, "objectClass: inetOrgPerson",
          "uid: carol", "cn: carol", "sn: carol");
      ldap.server().add("dn: cn=printer," + PEOPLE, "objectClass: device", "cn: printer");
      ldap.server().modify("dn: cn=printer," + PEOPLE, "changetype: modify",
          "add: description", "description: by the door");
      Items items = new Items();
      String next = connector.deltaImport(PEOPLE, watermark, items);
      assertEquals(List.of(), items.summary());
      assertEquals(Long.parseLong(watermark) + 3, Long.parseLong(next));
    }
  }

  @Test
  void an_object_that_loses_its_last_listed_class_is_left_to_the_next_full_import()
      throws Exception {
    ldap.server().add("dn: uid=alice," + PEOPLE, "objectClass: inetOrgPerson",
        "objectClass: simpleSecurityObject", "uid: alice", "cn: alice", "sn: alice",
        "userPassword: pw");
    try (Connector connector = connector("objectClasses", "simpleSecurityObject")) {
      String watermark = connector.currentWatermark(PEOPLE);
      ldap.server().modify("uid=alice," + PEOPLE,
          new Modification(ModificationType.DELETE, "objectClass", "simpleSecurityObject"),
          new Modification(ModificationType.DELETE, "userPassword"));
      Items items = new Items();
      connector.deltaImport(PEOPLE, watermark, items);
      assertEquals(List.of(), items.summary(), "the change log does not say it was in scope");
    }
  }

  @Test
  void reads_a_long_change_log_in_batches_of_the_page_size() throws Exception {
    try (Connector connector = connector("pageSize", "3")) {
      String watermark = connector.currentWatermark(PEOPLE);
      for (int i = 0; i < 10; i++) {
        ldap.addPerson("user" + i);
      }
      Items items = new Items();
      String next = connector.deltaImport(PEOPLE, watermark, items);
      assertEquals(10, items.present().size());
      assertEquals(Long.parseLong(watermark) + 10, Long.parseLong(next));
    }
  }

  @Test
  void a_trimmed_change_log_demands_a_full_import() throws Exception {
    try (Connector connector = connector()) {
      String watermark = connector.currentWatermark(PEOPLE);
      for (int i = 0; i < 21; i++) {
        ldap.addPerson("user" + i);
      }
      ConnectorException e = assertThrows(ConnectorException.class,
          () -> connector.deltaImport(PEOPLE, watermark, new Items()));
      assertEquals(ResultCodes.NO_START_FULL_IMPORT_REQUIRED, e.resultCode());
      assertTrue(e.getMessage().contains("trimmed"), e.getMessage());
    }
  }

  @Test
  void a_change_log_that_restarted_below_the_watermark_demands_a_full_import() throws Exception {
    try (Connector connector = connector()) {
      ConnectorException e = assertThrows(ConnectorException.class,
          () -> connector.deltaImport(PEOPLE, "999", new Items()));
      assertEquals(ResultCodes.NO_START_FULL_IMPORT_REQUIRED, e.resultCode());
      ConnectorException garbage = assertThrows(ConnectorException.class,
          () -> connector.deltaImport(PEOPLE, "yesterday", new Items()));
      assertEquals(ResultCodes.NO_START_FULL_IMPORT_REQUIRED, garbage.resultCode());
    }
  }

  @Test
  void a_watermark_taken_before_a_full_import_catches_a_change_made_during_it() throws Exception {
    String alice = ldap.addPerson("alice");
    String bob = ldap.addPerson("bob");
    try (Connector connector = connector("pageSize", "1")) {
      String watermark = connector.currentWatermark(PEOPLE);
      Items full = new Items();
      connector.fullImport(PEOPLE, item -> {
        if (full.all().isEmpty()) {
          try {
            describe(bob, "changed during the full import");
            describe(alice, "changed during the full import");
          } catch (Exception e) {
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
      assertEquals("changed during the full import", delta.entry(alice).first("description"));
    }
  }

  @Test
  void a_server_without_a_change_log_says_so() throws Exception {
    try (InMemoryLdap noLog = InMemoryLdap.plain().maxChangeLogEntries(0).start();
        Connector connector = new LdapConnectorFactory().create(noLog.options(),
            Items.context(work))) {
      ConnectorException e = assertThrows(ConnectorException.class,
          () -> connector.deltaImport(PEOPLE, "0", new Items()));
      assertEquals(ResultCodes.NO_START_CHANGE_LOG_NOT_ENABLED, e.resultCode());
      assertEquals(ResultCodes.NO_START_CHANGE_LOG_NOT_ENABLED, assertThrows(
          ConnectorException.class, () -> connector.currentWatermark(PEOPLE)).resultCode());
    }
  }
}
