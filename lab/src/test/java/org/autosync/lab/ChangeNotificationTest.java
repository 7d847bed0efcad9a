package org.autosync.lab;

import static org.autosync.lab.LabDirectory.ANN;
import static org.autosync.lab.LabDirectory.GROUPS;
import static org.autosync.lab.LabDirectory.PEOPLE;
import static org.autosync.lab.LabDirectory.ROOT;
import static org.autosync.lab.LabDirectory.STAFF;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.sdk.Control;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPSearchException;
import com.unboundid.ldap.sdk.RDN;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.RootDSE;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.autosync.lab.LabDirectory.Watch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Active Directory change notification and Show Deleted, as clients see them. */
class ChangeNotificationTest {

  private final LabDirectory lab = LabDirectory.start();

  @AfterEach
  void stop() {
    lab.close();
  }

  @Test
  void add_is_notified_with_the_requested_attributes_guid_and_usn() throws Exception {
    Watch watch = lab.notify(PEOPLE, SearchScope.SUB, "cn", "title");

    lab.addPerson("cn=Bob," + PEOPLE, "Bob", "title: Engineer");

    SearchResultEntry bob = watch.next();
    assertEquals(new DN("cn=Bob," + PEOPLE), bob.getParsedDN());
    assertEquals("Engineer", bob.getAttributeValue("title"));
    assertEquals("Bob", bob.getAttributeValue("cn"));
    assertNull(bob.getAttribute("sn"), "attributes that were not asked for");
    assertEquals(lab.entryUuid("cn=Bob," + PEOPLE), guid(bob));
    assertEquals(lab.emulator.highestCommittedUsn(), usn(bob));
  }

  @Test
  void modify_is_notified_with_usn_and_guid() throws Exception {
    Watch watch = lab.notify(PEOPLE, SearchScope.SUB);

    lab.modify(ANN, "title", "Engineer");

    SearchResultEntry ann = watch.next();
    assertEquals(new DN(ANN), ann.getParsedDN());
    assertEquals("Engineer", ann.getAttributeValue("title"));
    assertEquals("Lee", ann.getAttributeValue("sn"), "no attribute list: all user attributes");
    assertNull(ann.getAttribute("entryUUID"), "operational attributes only when asked for");
    assertEquals(16, ann.getAttributeValueBytes("objectGUID").length);
    assertEquals(lab.entryUuid(ANN), guid(ann), "objectGUID is the entryUUID in AD byte order");
    assertEquals(lab.emulator.highestCommittedUsn(), usn(ann));
  }

  @Test
  void plus_and_named_operational_attributes_are_returned_as_the_server_would() throws Exception {
    Watch operational = lab.notify(PEOPLE, SearchScope.SUB, "+");
    Watch named = lab.notify(PEOPLE, SearchScope.SUB, "entryUUID", "TITLE");

    lab.modify(ANN, "title", "Engineer");

    SearchResultEntry all = operational.next();
    assertEquals(lab.entryUuid(ANN).toString(), all.getAttributeValue("entryUUID"));
    assertTrue(all.hasAttribute("modifyTimestamp"));
    assertFalse(all.hasAttribute("title"), "'+' alone: no user attributes");
    SearchResultEntry picked = named.next();
    assertEquals(lab.entryUuid(ANN).toString(), picked.getAttributeValue("entryUUID"));
    assertEquals("Engineer", picked.getAttributeValue("title"), "names match in any case");
    assertFalse(picked.hasAttribute("cn"));
    assertFalse(picked.hasAttribute("modifyTimestamp"));
  }

  @Test
  void rename_is_notified_with_the_new_dn_and_the_same_object_guid() throws Exception {
    Watch watch = lab.notify(PEOPLE, SearchScope.ONE, "cn");
    lab.modify(ANN, "title", "Engineer");
    UUID guid = guid(watch.next());

    lab.writer().modifyDN(ANN, "cn=Anna", true);

    SearchResultEntry anna = watch.next();
    assertEquals(new DN("cn=Anna," + PEOPLE), anna.getParsedDN());
    assertEquals("Anna", anna.getAttributeValue("cn"));
    assertEquals(guid, guid(anna));
  }

  @Test
  void moving_an_entry_out_of_scope_is_notified_with_its_new_dn() throws Exception {
    Watch people = lab.notify(PEOPLE, SearchScope.SUB);
    Watch groups = lab.notify(GROUPS, SearchScope.ONE);

    lab.writer().modifyDN(ANN, "cn=Ann", true, GROUPS);

    assertEquals(new DN("cn=Ann," + GROUPS), people.next().getParsedDN(), "left the scope");
    assertEquals(new DN("cn=Ann," + GROUPS), groups.next().getParsedDN(), "entered the scope");
  }

  @Test
  void delete_with_show_deleted_is_notified_as_a_tombstone() throws Exception {
    UUID guid = lab.entryUuid(ANN);
    Watch watch = lab.notifyShowingDeleted(PEOPLE, SearchScope.SUB);

    lab.writer().delete(ANN);

    SearchResultEntry tombstone = watch.next();
    DN expected = new DN(new RDN("cn", "Ann\nDEL:" + guid),
        new DN("CN=Deleted Objects," + ROOT));
    assertEquals(expected, tombstone.getParsedDN());
    assertTrue(tombstone.getDN().startsWith("cn=Ann\\0aDEL:" + guid + ",CN=Deleted Objects,"),
        tombstone.getDN());
    assertEquals("TRUE", tombstone.getAttributeValue("isDeleted"));
    assertEquals(Set.of("top", "person", "organizationalPerson", "inetOrgPerson"),
        Set.of(tombstone.getObjectClassValues()));
    assertEquals(guid, guid(tombstone));
    assertEquals(lab.emulator.highestCommittedUsn(), usn(tombstone));
    assertEquals(new DN(PEOPLE), new DN(tombstone.getAttributeValue("lastKnownParent")));
    assertNull(tombstone.getAttribute("sn"), "a tombstone keeps only a few attributes");
  }

  @Test
  void delete_without_show_deleted_is_not_notified() throws Exception {
    Watch watch = lab.notify(PEOPLE, SearchScope.SUB);

    lab.writer().delete(ANN);
    lab.addPerson("cn=Marker," + PEOPLE, "Marker");

    assertEquals(new DN("cn=Marker," + PEOPLE), watch.next().getParsedDN(),
        "the first notification is the add after the delete");
    assertTrue(watch.entries.isEmpty());
  }

  @Test
  void scope_decides_which_entries_are_notified() throws Exception {
    Watch base = lab.notify(ANN, SearchScope.BASE);
    Watch oneLevel = lab.notify(PEOPLE, SearchScope.ONE);
    Watch subtree = lab.notify(PEOPLE, SearchScope.SUB);

    lab.modify(PEOPLE, "description", "the people");
    lab.writer().add("dn: ou=contractors," + PEOPLE, "objectClass: organizationalUnit",
        "ou: contractors");
    lab.addPerson("cn=Cy,ou=contractors," + PEOPLE, "Cy");
    lab.modify(STAFF, "description", "everyone");
    lab.modify(ANN, "title", "Engineer"); // the last write; every watcher sees it

    assertEquals(dns(ANN), dns(base.next(1)));
    assertEquals(dns("ou=contractors," + PEOPLE, ANN), dns(oneLevel.next(2)));
    assertEquals(dns(PEOPLE, "ou=contractors," + PEOPLE, "cn=Cy,ou=contractors," + PEOPLE, ANN),
        dns(subtree.next(4)));
    assertTrue(base.entries.isEmpty() && oneLevel.entries.isEmpty()
        && subtree.entries.isEmpty());
  }

  @Test
  void only_the_object_class_presence_filter_is_accepted() throws Exception {
    SearchRequest byName = new SearchRequest(PEOPLE, SearchScope.SUB, "(cn=*)");
    byName.addControl(LabDirectory.notification());

    LDAPSearchException rejected = assertThrows(LDAPSearchException.class,
        () -> lab.writer().search(byName));

    assertEquals(ResultCode.UNWILLING_TO_PERFORM, rejected.getResultCode());
    assertTrue(rejected.getDiagnosticMessage().contains("only the filter '(objectClass=*)'"),
        rejected.getDiagnosticMessage());
    assertEquals(0, lab.emulator.watcherCount());
    assertEquals("Ann", lab.writer().getEntry(ANN).getAttributeValue("cn"),
        "the connection still works");
  }

  @Test
  void a_missing_base_fails_with_no_such_object() throws Exception {
    Watch watch = lab.start("ou=nobody," + ROOT, SearchScope.SUB, "(objectClass=*)",
        List.of(LabDirectory.notification()));

    assertEquals(ResultCode.NO_SUCH_OBJECT, watch.result().getResultCode());
    assertEquals(0, lab.emulator.watcherCount());
  }

  @Test
  void two_watchers_are_both_notified() throws Exception {
    Watch first = lab.notify(ROOT, SearchScope.SUB);
    Watch second = lab.notify(PEOPLE, SearchScope.ONE);
    assertEquals(2, lab.emulator.watcherCount());

    lab.modify(ANN, "title", "Engineer");

    SearchResultEntry seenFirst = first.next();
    SearchResultEntry seenSecond = second.next();
    assertEquals(new DN(ANN), seenFirst.getParsedDN());
    assertEquals(new DN(ANN), seenSecond.getParsedDN());
    assertEquals(usn(seenFirst), usn(seenSecond));
  }

  @Test
  void usn_changed_increases_strictly_with_every_write() throws Exception {
    Watch watch = lab.notifyShowingDeleted(ROOT, SearchScope.SUB);

    lab.addPerson("cn=Bob," + PEOPLE, "Bob");
    lab.modify("cn=Bob," + PEOPLE, "title", "Engineer");
    lab.writer().modifyDN("cn=Bob," + PEOPLE, "cn=Robert", true);
    lab.writer().delete("cn=Robert," + PEOPLE);
    lab.modify(STAFF, "description", "after the delete");

    List<Long> usns = watch.next(5).stream().map(ChangeNotificationTest::usn).toList();
    for (int i = 1; i < usns.size(); i++) {
      assertTrue(usns.get(i) > usns.get(i - 1), "strictly increasing: " + usns);
    }
    assertEquals(lab.emulator.highestCommittedUsn(), usns.getLast());
    assertEquals(Long.toString(lab.emulator.highestCommittedUsn()),
        lab.writer().getRootDSE().getAttributeValue("highestCommittedUSN"));
  }

  @Test
  void show_deleted_on_an_ordinary_search_is_accepted() throws Exception {
    SearchRequest search = new SearchRequest(PEOPLE, SearchScope.ONE, "(objectClass=*)");
    search.addControl(new Control(ChangeNotificationEmulator.SHOW_DELETED_OID, true));

    SearchResult result = lab.writer().search(search);

    assertEquals(dns(ANN), dns(result.getSearchEntries()));
  }

  @Test
  void root_dse_lists_the_emulated_controls() throws Exception {
    RootDSE rootDse = lab.writer().getRootDSE();

    assertTrue(rootDse.supportsControl(ChangeNotificationEmulator.NOTIFICATION_OID));
    assertTrue(rootDse.supportsControl(ChangeNotificationEmulator.SHOW_DELETED_OID));
    assertTrue(rootDse.supportsControl(ChangeNotificationEmulator.PERSISTENT_SEARCH_OID));
    assertTrue(rootDse.supportsControl("1.2.840.113556.1.4.319"), "the server's own ones stay");
  }

  static UUID guid(SearchResultEntry entry) {
    byte[] bytes = entry.getAttributeValueBytes("objectGUID");
    assertEquals(16, bytes.length);
    UUID guid = ObjectGuids.fromBytes(bytes);
    assertArrayEquals(bytes, ObjectGuids.toBytes(guid));
    return guid;
  }

  static long usn(SearchResultEntry entry) {
    return Long.parseLong(entry.getAttributeValue("uSNChanged"));
  }

  static List<DN> dns(List<SearchResultEntry> entries) {
    return entries.stream().map(entry -> {
      try {
        return entry.getParsedDN();
      } catch (LDAPException e) {
        throw new AssertionError(e);
      }
    }).toList();
  }

  static List<DN> dns(String... dns) {
    return Stream.of(dns).map(dn -> {
      try {
        return new DN(dn);
      } catch (LDAPException e) {
        throw new AssertionError(e);
      }
    }).toList();
  }
}
