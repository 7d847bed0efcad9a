package org.autosync.trigger.directory;

import org.autosync.testkit.LoopbackPorts;
import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import java.net.InetAddress;
import org.autosync.lab.ChangeNotificationEmulator;

/**
 * An in-memory directory on a fixed loopback port that answers AD change notification and
 * persistent search ({@link ChangeNotificationEmulator}), without a schema (so AD attributes such
 * as lastLogonTimestamp are accepted): {@code DC=corp,DC=example} with {@code OU=People} holding
 * Ann, and {@code OU=Computers}. Writes go through an LDAP connection, as the emulator needs.
 */
final class NotifyingServer implements AutoCloseable {
  static final String BASE = "DC=corp,DC=example";
  static final String PEOPLE = "OU=People," + BASE;
  static final String COMPUTERS = "OU=Computers," + BASE;
  static final String ANN = "CN=Ann," + PEOPLE;

  final InMemoryDirectoryServer server;
  final ChangeNotificationEmulator emulator;
  private final int port;
  private LDAPConnection writer;

  NotifyingServer() throws LDAPException {
    port = LoopbackPorts.free();
    InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig(BASE);
    config.addAdditionalBindCredentials("CN=svc,DC=corp,DC=example", "secret");
    config.setSchema(null);
    config.setListenerConfigs(InMemoryListenerConfig.createLDAPConfig("ldap",
        InetAddress.getLoopbackAddress(), port, null));
    emulator = ChangeNotificationEmulator.install(config);
    server = new InMemoryDirectoryServer(config);
    emulator.attach(server);
    server.add(new Entry(BASE, new Attribute("objectClass", "top", "domain"),
        new Attribute("dc", "corp")));
    for (String ou : new String[] {PEOPLE, COMPUTERS}) {
      server.add(new Entry(ou, new Attribute("objectClass", "top", "organizationalUnit")));
    }
    server.add(user(ANN, "Clerk"));
    up();
  }

  static Entry user(String dn, String title) {
    return new Entry(dn, new Attribute("objectClass", "top", "person", "organizationalPerson",
        "user"), new Attribute("title", title), new Attribute("lastLogonTimestamp", "0"));
  }

  int port() {
    return port;
  }

  String hosts() {
    return "127.0.0.1:" + port;
  }

  void modify(String dn, String attribute, String value) throws LDAPException {
    writer.modify(dn, new Modification(ModificationType.REPLACE, attribute, value));
  }

  LDAPConnection writer() {
    return writer;
  }

  void up() throws LDAPException {
    server.startListening();
    writer = server.getConnection();
  }

  /** Ends the open watches and stops listening; the data stays for {@link #up}. */
  void down() {
    writer.close();
    emulator.close();
  }

  @Override
  public void close() {
    writer.close();
    emulator.close();
  }
}
