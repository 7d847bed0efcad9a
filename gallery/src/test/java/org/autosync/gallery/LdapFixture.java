package org.autosync.gallery;

import com.fasterxml.jackson.databind.JsonNode;
import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.RDN;
import com.unboundid.ldif.LDIFChangeRecord;
import com.unboundid.ldif.LDIFReader;
import java.net.InetAddress;

/**
 * An in-memory directory on loopback with a {@code cn=changelog}, bind DN {@code cn=admin} and
 * password {@code secret}. The base entry is created from its RDN ({@code o=}, {@code dc=} or
 * {@code ou=}); entries and changes are LDIF text.
 */
final class LdapFixture implements AutoCloseable {

  static final String BIND_DN = "cn=admin";
  static final String PASSWORD = "secret";

  private final InMemoryDirectoryServer server;

  /** {@code spec}: {@code {"base": "o=hr", "entries": ["dn: ...\n...", ...]}}. */
  LdapFixture(JsonNode spec) throws Exception {
    String base = spec.path("base").asText("o=hr");
    InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig(base);
    config.addAdditionalBindCredentials(BIND_DN, PASSWORD);
    config.setListenerConfigs(InMemoryListenerConfig.createLDAPConfig("ldap",
        InetAddress.getLoopbackAddress(), 0, null));
    config.setMaxChangeLogEntries(1000);
    server = new InMemoryDirectoryServer(config);
    server.startListening();
    RDN rdn = new DN(base).getRDN();
    String attr = rdn.getAttributeNames()[0].toLowerCase(java.util.Locale.ROOT);
    String value = rdn.getAttributeValues()[0];
    switch (attr) {
      case "o" -> server.add("dn: " + base, "objectClass: organization", "o: " + value);
      case "dc" -> server.add("dn: " + base, "objectClass: domain", "dc: " + value);
      case "ou" -> server.add("dn: " + base, "objectClass: organizationalUnit", "ou: " + value);
      default -> throw new IllegalArgumentException("ldap.base: expected o=, dc= or ou=, got "
          + base);
    }
    for (JsonNode entry : spec.path("entries")) {
      server.add(entry.asText().split("\n"));
    }
  }

  /** {@code ldap://127.0.0.1:PORT}, for {@code ${ldap}}. */
  String url() {
    return "ldap://127.0.0.1:" + server.getListenPort();
  }

  /** Applies LDIF change records ({@code changetype: add | modify | delete | moddn}). */
  void apply(JsonNode changes) throws Exception {
    for (JsonNode change : changes) {
      LDIFChangeRecord record = LDIFReader.decodeChangeRecord(change.asText().split("\n"));
      record.processChange(server);
    }
  }

  @Override
  public void close() {
    server.shutDown(true);
  }
}
