package org.autosync.testkit.ldap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchScope;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("slapd")
class SlapdTest {

  @TempDir
  Path dir;

  @BeforeEach
  void needsSlapd() {
    Slapd.assumeInstalled();
  }

  @Test
  void serves_the_base_entries_and_logs_writes_to_the_accesslog() throws Exception {
    try (Slapd slapd = Slapd.start(dir); LDAPConnection admin = slapd.admin()) {
      assertTrue(slapd.isRunning());
      assertNotNull(admin.getEntry(Slapd.PEOPLE));
      assertEquals(2, admin.search(Slapd.ACCESSLOG, SearchScope.ONE,
          "(&(objectClass=auditAdd)(reqResult=0))").getEntryCount(), "the two base entries");
      assertTrue(slapd.url().endsWith(":" + slapd.port() + "/"), slapd.url());
    }
  }

  @Test
  void restarts_on_the_same_port_with_the_same_data() throws Exception {
    try (Slapd slapd = Slapd.start(dir)) {
      int port = slapd.port();
      try (LDAPConnection admin = slapd.admin()) {
        admin.add("uid=ada," + Slapd.PEOPLE, new Attribute("objectClass", "inetOrgPerson"),
            new Attribute("uid", "ada"), new Attribute("cn", "Ada"), new Attribute("sn", "L"));
        slapd.stop();
        assertFalse(slapd.isRunning());
        assertFalse(admin.isConnected() && answers(admin), "the old connection is dead");
      }
      LDAPException down = assertThrows(LDAPException.class, slapd::admin);
      assertEquals(ResultCode.CONNECT_ERROR, down.getResultCode());
      slapd.stop(); // idempotent

      slapd.restart();
      assertEquals(port, slapd.port());
      try (LDAPConnection admin = slapd.admin()) {
        assertNotNull(admin.getEntry("uid=ada," + Slapd.PEOPLE));
      }
    }
  }

  private static boolean answers(LDAPConnection connection) {
    try {
      return connection.getRootDSE() != null;
    } catch (LDAPException e) {
      return false;
    }
  }
}
