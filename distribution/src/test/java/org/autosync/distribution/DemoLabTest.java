package org.autosync.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.SearchScope;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.autosync.host.ServiceLauncher;
import org.autosync.host.demo.DemoDirectories;
import org.autosync.host.demo.DemoLab;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo lab end to end, as `autosync demo` runs it (on free ports): the first cycle fills Corp
 * and the badge file; a title changed over LDAP by a client reaches both; a new person is
 * provisioned, a deleted one deprovisioned; stopping leaves no port open.
 */
class DemoLabTest {

  @TempDir Path work;

  private static String corpTitle(LDAPConnection corp, String number) throws LDAPException {
    var entries = corp.search(DemoDirectories.CORP_USERS, SearchScope.ONE,
        "(employeeNumber=" + number + ")", "title").getSearchEntries();
    return entries.isEmpty() ? null : entries.getFirst().getAttributeValue("title");
  }

  @Test
  void a_change_made_with_an_ldap_client_reaches_corp_and_the_badge_file() throws Exception {
    int hrPort;
    int corpPort;
    try (DemoDirectories directories = DemoDirectories.start(0, 0)) {
      hrPort = directories.hrPort();
      corpPort = directories.corpPort();
      Path config = DemoLab.writeConfig(work, directories);
      Path badges = work.resolve(DemoLab.BADGES_FILE);
      try (ServiceLauncher lab = ServiceLauncher.start(config, Installation.pluginsFolder(work),
              work.resolve("data"));
          LDAPConnection hr = new LDAPConnection("127.0.0.1", hrPort, DemoDirectories.ADMIN,
              DemoDirectories.PASSWORD);
          LDAPConnection corp = new LDAPConnection("127.0.0.1", corpPort, DemoDirectories.ADMIN,
              DemoDirectories.PASSWORD)) {
        DemoLab.initialFullImports(lab.service());
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() ->
            corp.search(DemoDirectories.CORP_USERS, SearchScope.ONE, "(objectClass=*)")
                .getEntryCount() == 50 && Files.readAllLines(badges).size() == 51);

        hr.modify("employeeNumber=1001," + DemoDirectories.HR_PEOPLE,
            new Modification(ModificationType.REPLACE, "title", "Chief Scientist"));
        Awaitility.await().atMost(Duration.ofSeconds(30))
            .until(() -> "Chief Scientist".equals(corpTitle(corp, "1001")));

        hr.add("dn: employeeNumber=2000," + DemoDirectories.HR_PEOPLE,
            "objectClass: inetOrgPerson", "employeeNumber: 2000", "givenName: Niklaus",
            "sn: Newhire", "cn: Niklaus Newhire", "departmentNumber: Sales");
        hr.delete("employeeNumber=1002," + DemoDirectories.HR_PEOPLE);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
            Files.readAllLines(badges).contains("2000,Niklaus Newhire,Sales")
                && Files.readAllLines(badges).stream().noneMatch(l -> l.startsWith("1002,")));
        assertEquals(null, corpTitle(corp, "1002"));
        assertTrue(corp.getEntry("uid=niklaus.newhire," + DemoDirectories.CORP_USERS) != null);
      }
    }
    for (int port : new int[] {hrPort, corpPort}) {
      assertThrows(LDAPException.class, () -> new LDAPConnection("127.0.0.1", port).close(),
          "port " + port + " is closed");
    }
  }
}
