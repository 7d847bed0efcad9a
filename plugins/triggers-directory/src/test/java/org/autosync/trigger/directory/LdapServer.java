package org.autosync.trigger.directory;

import org.autosync.testkit.LoopbackPorts;
import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import java.net.InetAddress;

/**
 * An in-memory LDAP server on loopback with a change log, {@code o=corp} holding {@code ou=people}
 * and {@code ou=groups}. The port is one the OS picked as free (port 0), then fixed, so that the
 * server can stop listening and listen again on the same port with its data and change log intact.
 */
final class LdapServer implements AutoCloseable {
  static final String BASE = "o=corp";
  static final String PEOPLE = "ou=people,o=corp";
  static final String GROUPS = "ou=groups,o=corp";

  final InMemoryDirectoryServer server;
  private final int port;

  LdapServer(int maxChangeLogEntries) throws LDAPException {
    port = LoopbackPorts.free();
    InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig(BASE);
    config.addAdditionalBindCredentials("cn=admin", "secret");
    config.setMaxChangeLogEntries(maxChangeLogEntries);
    config.setListenerConfigs(InMemoryListenerConfig.createLDAPConfig("ldap",
        InetAddress.getLoopbackAddress(), port, null));
    server = new InMemoryDirectoryServer(config);
    server.add(new Entry(BASE, new Attribute("objectClass", "top", "organization"),
        new Attribute("o", "corp")));
    for (String ou : new String[] {"people", "groups"}) {
      server.add(new Entry("ou=" + ou + "," + BASE,
          new Attribute("objectClass", "top", "organizationalUnit"), new Attribute("ou", ou)));
    }
    server.add(new Entry("uid=ann," + PEOPLE,
        new Attribute("objectClass", "top", "person", "organizationalPerson", "inetOrgPerson"),
        new Attribute("uid", "ann"), new Attribute("cn", "Ann"), new Attribute("sn", "Lee")));
    server.add(new Entry("cn=staff," + GROUPS,
        new Attribute("objectClass", "top", "groupOfNames"), new Attribute("cn", "staff"),
        new Attribute("member", "uid=ann," + PEOPLE)));
    up();
  }

  int port() {
    return port;
  }

  void modifyPerson(String title) throws LDAPException {
    server.modify("uid=ann," + PEOPLE, new Modification(ModificationType.REPLACE, "title", title));
  }

  void modifyGroup(String description) throws LDAPException {
    server.modify("cn=staff," + GROUPS,
        new Modification(ModificationType.REPLACE, "description", description));
  }

  void up() throws LDAPException {
    server.startListening();
  }

  void down() {
    server.shutDown(true);
  }

  @Override
  public void close() {
    server.shutDown(true);
  }
}
