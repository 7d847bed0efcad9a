package org.autosync.trigger.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Entry;
import java.util.List;
import org.autosync.trigger.directory.ChangeFilter.Verdict;
import org.junit.jupiter.api.Test;

class ChangeFilterTest {

  private static final byte[] GUID = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};

  private static Entry user(String dn, long usn, String title, String lastLogon) {
    return new Entry(dn, new Attribute("objectClass", "top", "person", "organizationalPerson",
        "user"), new Attribute("objectGUID", GUID), new Attribute("uSNChanged", Long.toString(usn)),
        new Attribute("title", title), new Attribute("lastLogonTimestamp", lastLogon),
        new Attribute("whenChanged", "2026112" + usn + "000000.0Z"));
  }

  private final ChangeFilter filter = new ChangeFilter(ChangeFilter.DEFAULT_NOISE,
      List.of("user", "group"));

  @Test
  void an_unknown_object_counts_a_learnt_one_only_when_a_watched_attribute_moved() {
    assertEquals(Verdict.NEW, filter.judge(user("CN=Ann,OU=P,DC=c", 10, "Clerk", "1")));
    assertEquals(Verdict.NOISE, filter.judge(user("CN=Ann,OU=P,DC=c", 11, "Clerk", "2")),
        "a logon changes lastLogonTimestamp, uSNChanged and whenChanged only");
    assertEquals(Verdict.CHANGED, filter.judge(user("CN=Ann,OU=P,DC=c", 12, "Manager", "2")));
    assertEquals(Verdict.CHANGED, filter.judge(user("CN=Ann Lee,OU=P,DC=c", 13, "Manager", "2")),
        "a rename changes the DN, which is compared");
  }

  @Test
  void a_baseline_makes_the_first_noise_change_recognised() {
    filter.learn(user("CN=Ann,OU=P,DC=c", 10, "Clerk", "1"));
    assertEquals(Verdict.NOISE, filter.judge(user("CN=Ann,OU=P,DC=c", 11, "Clerk", "2")));
    assertEquals(1, filter.size());
  }

  @Test
  void an_older_notification_than_one_seen_is_stale() {
    filter.judge(user("CN=Ann,OU=P,DC=c", 12, "Manager", "2"));
    assertEquals(Verdict.STALE, filter.judge(user("CN=Ann,OU=P,DC=c", 11, "Clerk", "2")));
  }

  @Test
  void tombstones_count_and_are_forgotten() {
    filter.learn(user("CN=Ann,OU=P,DC=c", 10, "Clerk", "1"));
    Entry tombstone = new Entry("CN=Ann\\0ADEL:x,CN=Deleted Objects,DC=c",
        new Attribute("objectClass", "top", "person", "organizationalPerson", "user"),
        new Attribute("objectGUID", GUID), new Attribute("isDeleted", "TRUE"));
    assertEquals(Verdict.DELETED, filter.judge(tombstone));
    assertEquals(0, filter.size());
  }

  @Test
  void only_watched_classes_count_and_computers_only_when_listed() {
    Entry computer = new Entry("CN=PC1,OU=C,DC=c", new Attribute("objectClass", "top", "person",
        "organizationalPerson", "user", "computer"), new Attribute("title", "x"));
    Entry contact = new Entry("CN=X,OU=C,DC=c", new Attribute("objectClass", "top", "contact"));
    assertEquals(Verdict.OTHER_CLASS, filter.judge(computer));
    assertEquals(Verdict.OTHER_CLASS, filter.judge(contact));
    ChangeFilter withComputers = new ChangeFilter(List.of(), List.of("User", "Computer"));
    assertEquals(Verdict.NEW, withComputers.judge(computer));
    ChangeFilter everything = new ChangeFilter(List.of(), List.of());
    assertEquals(Verdict.NEW, everything.judge(contact));
  }

  @Test
  void the_noise_list_is_configurable() {
    ChangeFilter titleIsNoise = new ChangeFilter(List.of("title"), List.of());
    titleIsNoise.learn(user("CN=Ann,OU=P,DC=c", 10, "Clerk", "1"));
    assertEquals(Verdict.NOISE, titleIsNoise.judge(user("CN=Ann,OU=P,DC=c", 11, "Boss", "1")));
    assertEquals(Verdict.CHANGED, titleIsNoise.judge(user("CN=Ann,OU=P,DC=c", 12, "Boss", "9")),
        "lastLogonTimestamp is no longer noise when the list replaces the default");
  }
}
