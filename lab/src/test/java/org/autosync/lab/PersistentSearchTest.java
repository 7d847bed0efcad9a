package org.autosync.lab;

import static org.autosync.lab.ChangeNotificationTest.dns;
import static org.autosync.lab.LabDirectory.ANN;
import static org.autosync.lab.LabDirectory.PEOPLE;
import static org.autosync.lab.LabDirectory.ROOT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.controls.EntryChangeNotificationControl;
import com.unboundid.ldap.sdk.controls.PersistentSearchChangeType;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.autosync.lab.LabDirectory.Watch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Persistent search (draft-ietf-ldapext-psearch), as clients see it. */
class PersistentSearchTest {

  private static final Set<PersistentSearchChangeType> ALL =
      EnumSet.allOf(PersistentSearchChangeType.class);

  private final LabDirectory lab = LabDirectory.start();

  @AfterEach
  void stop() {
    lab.close();
  }

  @Test
  void changes_only_returns_nothing_at_first_then_each_change() throws Exception {
    Watch watch = lab.persistentSearch(ROOT, SearchScope.SUB, "(objectClass=*)", ALL, true,
        false);

    lab.modify(ANN, "title", "Engineer");

    SearchResultEntry ann = watch.next();
    assertEquals(new DN(ANN), ann.getParsedDN(), "no initial entries before the change");
    assertEquals("Engineer", ann.getAttributeValue("title"));
    assertEquals(0, ann.getControls().length, "no entry change notification without returnECs");
    assertNull(ann.getAttribute("objectGUID"), "AD attributes only for change notification");
  }

  @Test
  void without_changes_only_the_matching_entries_come_first() throws Exception {
    lab.addPerson("cn=Bob," + PEOPLE, "Bob");
    Watch watch = lab.persistentSearch(ROOT, SearchScope.SUB, "(objectClass=person)", ALL,
        false, true, "cn");

    List<SearchResultEntry> initial = watch.next(2);
    lab.modify(ANN, "title", "Engineer");

    assertEquals(Set.copyOf(dns(ANN, "cn=Bob," + PEOPLE)), Set.copyOf(dns(initial)));
    initial.forEach(entry -> assertEquals(0, entry.getControls().length,
        "initial entries carry no entry change notification"));
    SearchResultEntry change = watch.next();
    assertEquals(new DN(ANN), change.getParsedDN());
    assertEquals(PersistentSearchChangeType.MODIFY,
        EntryChangeNotificationControl.get(change).getChangeType());
  }

  @Test
  void change_types_select_which_changes_are_sent() throws Exception {
    Watch watch = lab.persistentSearch(PEOPLE, SearchScope.SUB, "(objectClass=*)",
        EnumSet.of(PersistentSearchChangeType.MODIFY_DN, PersistentSearchChangeType.DELETE),
        true, true);

    lab.addPerson("cn=Bob," + PEOPLE, "Bob");
    lab.modify(ANN, "title", "Engineer");
    lab.writer().modifyDN(ANN, "cn=Anna", true);
    lab.writer().delete("cn=Bob," + PEOPLE);

    List<SearchResultEntry> sent = watch.next(2);
    assertEquals(dns("cn=Anna," + PEOPLE, "cn=Bob," + PEOPLE), dns(sent),
        "the add and the modify before them were not sent");
    assertEquals(PersistentSearchChangeType.MODIFY_DN,
        EntryChangeNotificationControl.get(sent.get(0)).getChangeType());
    assertEquals(PersistentSearchChangeType.DELETE,
        EntryChangeNotificationControl.get(sent.get(1)).getChangeType());
  }

  @Test
  void entry_change_notifications_carry_type_previous_dn_and_change_number() throws Exception {
    Watch watch = lab.persistentSearch(PEOPLE, SearchScope.SUB, "(objectClass=*)", ALL, true,
        true);

    lab.addPerson("cn=Bob," + PEOPLE, "Bob");
    lab.modify("cn=Bob," + PEOPLE, "title", "Engineer");
    lab.writer().modifyDN("cn=Bob," + PEOPLE, "cn=Robert", true);
    lab.writer().delete("cn=Robert," + PEOPLE);

    List<EntryChangeNotificationControl> ecs = watch.next(4).stream()
        .map(PersistentSearchTest::ecs).toList();
    assertEquals(List.of(PersistentSearchChangeType.ADD, PersistentSearchChangeType.MODIFY,
        PersistentSearchChangeType.MODIFY_DN, PersistentSearchChangeType.DELETE),
        ecs.stream().map(EntryChangeNotificationControl::getChangeType).toList());
    assertEquals(new DN("cn=Bob," + PEOPLE), new DN(ecs.get(2).getPreviousDN()));
    assertNull(ecs.get(0).getPreviousDN());
    assertNull(ecs.get(1).getPreviousDN());
    for (int i = 1; i < ecs.size(); i++) {
      assertTrue(ecs.get(i).getChangeNumber() > ecs.get(i - 1).getChangeNumber());
    }
    assertEquals(lab.emulator.highestCommittedUsn(), ecs.getLast().getChangeNumber());
  }

  @Test
  void the_request_filter_applies_to_changed_entries() throws Exception {
    Watch watch = lab.persistentSearch(PEOPLE, SearchScope.SUB, "(title=Engineer)", ALL, true,
        true, "title");

    lab.modify(ANN, "title", "Manager"); // does not match after the change
    lab.addPerson("cn=Bob," + PEOPLE, "Bob", "title: Engineer");
    lab.modify(ANN, "title", "Engineer");
    lab.writer().delete("cn=Bob," + PEOPLE); // matched before the delete
    lab.modify(ANN, "title", "Architect"); // no longer matches

    List<SearchResultEntry> sent = watch.next(3);
    assertEquals(dns("cn=Bob," + PEOPLE, ANN, "cn=Bob," + PEOPLE), dns(sent));
    assertEquals(List.of(PersistentSearchChangeType.ADD, PersistentSearchChangeType.MODIFY,
        PersistentSearchChangeType.DELETE),
        sent.stream().map(entry -> ecs(entry).getChangeType()).toList());
    sent.forEach(entry -> {
      assertEquals("Engineer", entry.getAttributeValue("title"));
      assertFalse(entry.hasAttribute("cn"), "only the requested attributes");
    });
    lab.addPerson("cn=Marker," + PEOPLE, "Marker", "title: Engineer");
    assertEquals(new DN("cn=Marker," + PEOPLE), watch.next().getParsedDN(),
        "the last modify of Ann was not sent");
  }

  private static EntryChangeNotificationControl ecs(SearchResultEntry entry) {
    try {
      EntryChangeNotificationControl control = EntryChangeNotificationControl.get(entry);
      if (control == null) {
        throw new AssertionError("no entry change notification control on " + entry.getDN());
      }
      return control;
    } catch (com.unboundid.ldap.sdk.LDAPException e) {
      throw new AssertionError(e);
    }
  }
}
