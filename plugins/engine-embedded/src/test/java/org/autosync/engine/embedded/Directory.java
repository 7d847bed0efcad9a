package org.autosync.engine.embedded;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import java.net.InetAddress;

/** An in-memory LDAP directory on loopback with a change log, started and stopped by a test. */
final class Directory implements AutoCloseable {
  final InMemoryDirectoryServer server;
  final String base;

  Directory(String base, String... containers) throws LDAPException {
    this(null, base, containers);
  }

  /** A directory whose operations pass through {@code interceptor} (null for none). */
  Directory(com.unboundid.ldap.listener.interceptor.InMemoryOperationInterceptor interceptor,
      String base, String... containers) throws LDAPException {
    this.base = base;
    InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig(base);
    if (interceptor != null) {
      config.addInMemoryOperationInterceptor(interceptor);
    }
    config.addAdditionalBindCredentials("cn=admin", "secret");
    config.setMaxChangeLogEntries(100_000);
    config.setListenerConfigs(InMemoryListenerConfig.createLDAPConfig("ldap",
        InetAddress.getLoopbackAddress(), 0, null));
    server = new InMemoryDirectoryServer(config);
    server.startListening();
    String rdn = base.contains(",") ? base.substring(0, base.indexOf(',')) : base;
    String[] kv = rdn.split("=");
    String oc = kv[0].equals("o") ? "organization" : "domain";
    server.add(new Entry(base, new com.unboundid.ldap.sdk.Attribute("objectClass", "top", oc),
        new com.unboundid.ldap.sdk.Attribute(kv[0], kv[1])));
    for (String c : containers) {
      server.add(new Entry(c + "," + base,
          new com.unboundid.ldap.sdk.Attribute("objectClass", "top", "organizationalUnit"),
          new com.unboundid.ldap.sdk.Attribute("ou", c.substring(3))));
    }
  }

  int port() {
    return server.getListenPort();
  }

  void addPerson(String number, String given, String sn, String title, String dept)
      throws LDAPException {
    server.add(new Entry("employeeNumber=" + number + ",ou=people," + base,
        new com.unboundid.ldap.sdk.Attribute("objectClass", "top", "person",
            "organizationalPerson", "inetOrgPerson"),
        new com.unboundid.ldap.sdk.Attribute("employeeNumber", number),
        new com.unboundid.ldap.sdk.Attribute("givenName", given),
        new com.unboundid.ldap.sdk.Attribute("sn", sn),
        new com.unboundid.ldap.sdk.Attribute("cn", given + " " + sn),
        new com.unboundid.ldap.sdk.Attribute("title", title),
        new com.unboundid.ldap.sdk.Attribute("departmentNumber", dept)));
  }

  void replace(String dn, String attribute, String value) throws LDAPException {
    server.modify(dn, new Modification(ModificationType.REPLACE, attribute, value));
  }

  Entry get(String dn) throws LDAPException {
    return server.getEntry(dn);
  }

  int count(String containerDn) throws LDAPException {
    return server.search(containerDn, com.unboundid.ldap.sdk.SearchScope.ONE,
        "(objectClass=inetOrgPerson)").getEntryCount();
  }

  @Override
  public void close() {
    server.shutDown(true);
  }
}
