package org.autosync.host.demo;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import org.autosync.lab.ChangeNotificationEmulator;
import org.jspecify.annotations.Nullable;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPException;
import java.net.InetAddress;
import java.util.List;

/**
 * The demo lab's two directories, embedded UnboundID servers listening on loopback only: "HR" at
 * {@code o=hr} with 50 seeded people under {@code ou=people,o=hr}, and "Corp" at {@code
 * dc=corp,dc=example} with an empty {@code ou=users}. Both accept a simple bind as {@code cn=admin}
 * with password {@code demo} (demo only) and keep a {@code cn=changelog}. Corp also answers Active
 * Directory's change-notification control and persistent search (the lab's {@link
 * ChangeNotificationEmulator}), so that AutoSync can watch it as it would watch AD.
 *
 * <p>Thread-safe (the servers are); {@link #close} stops both.
 */
public final class DemoDirectories implements AutoCloseable {

  public static final int DEFAULT_HR_PORT = 10389;
  public static final int DEFAULT_CORP_PORT = 10390;
  public static final String ADMIN = "cn=admin";
  public static final String PASSWORD = "demo";
  public static final String HR_PEOPLE = "ou=people,o=hr";
  public static final String CORP_USERS = "ou=users,dc=corp,dc=example";

  private static final List<String> GIVEN = List.of("Ada", "Alan", "Grace", "Edsger", "Barbara",
      "Donald", "Frances", "John", "Margaret", "Ken", "Radia", "Dennis", "Hedy", "Tim", "Sophie",
      "Linus", "Katherine", "Niklaus", "Shafi", "Leslie", "Mary", "Robert", "Lynn", "Butler",
      "Adele");
  private static final List<String> SN = List.of("Lovelace", "Turing", "Hopper", "Dijkstra",
      "Liskov", "Knuth", "Allen", "Backus", "Hamilton", "Thompson", "Perlman", "Ritchie",
      "Lamarr", "Berners-Lee", "Wilson", "Torvalds", "Johnson", "Wirth", "Goldwasser", "Lamport",
      "Keller", "Tarjan", "Conway", "Lampson", "Goldberg");
  private static final List<String> TITLES = List.of("Engineer", "Analyst", "Manager",
      "Architect", "Administrator");
  private static final List<String> DEPARTMENTS = List.of("R&D", "Finance", "Operations",
      "Sales", "People");

  private final InMemoryDirectoryServer hr;
  private final InMemoryDirectoryServer corp;
  private final ChangeNotificationEmulator corpNotifications;

  private DemoDirectories(InMemoryDirectoryServer hr, InMemoryDirectoryServer corp,
      ChangeNotificationEmulator corpNotifications) {
    this.hr = hr;
    this.corp = corp;
    this.corpNotifications = corpNotifications;
  }

  /**
   * Starts both directories; a port of 0 picks a free one.
   *
   * @throws LDAPException when a port is taken, naming it
   */
  public static DemoDirectories start(int hrPort, int corpPort) throws LDAPException {
    InMemoryDirectoryServer hr = server("o=hr", hrPort, null);
    try {
      hr.add(new Entry("o=hr", new Attribute("objectClass", "top", "organization"),
          new Attribute("o", "hr")));
      hr.add(container(HR_PEOPLE));
      for (int i = 0; i < 50; i++) {
        hr.add(person(i));
      }
      ChangeNotificationEmulator[] emulator = new ChangeNotificationEmulator[1];
      InMemoryDirectoryServer corp = server("dc=corp,dc=example", corpPort, emulator);
      corp.add(new Entry("dc=corp,dc=example",
          new Attribute("objectClass", "top", "domain"), new Attribute("dc", "corp")));
      corp.add(container(CORP_USERS));
      return new DemoDirectories(hr, corp, emulator[0]);
    } catch (LDAPException e) {
      hr.shutDown(true);
      throw e;
    }
  }

  /** A server; with {@code emulator}, one that answers change notifications, kept in it. */
  private static InMemoryDirectoryServer server(String base, int port,
      ChangeNotificationEmulator @Nullable [] emulator) throws LDAPException {
    InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig(base);
    config.addAdditionalBindCredentials(ADMIN, PASSWORD);
    config.setMaxChangeLogEntries(100_000);
    config.setListenerConfigs(InMemoryListenerConfig.createLDAPConfig("ldap",
        InetAddress.getLoopbackAddress(), port, null));
    ChangeNotificationEmulator notifications =
        emulator == null ? null : ChangeNotificationEmulator.install(config);
    InMemoryDirectoryServer server = new InMemoryDirectoryServer(config);
    if (notifications != null) {
      notifications.attach(server);
      emulator[0] = notifications;
    }
    try {
      server.startListening();
    } catch (LDAPException e) {
      throw new LDAPException(e.getResultCode(), "Cannot listen on 127.0.0.1:" + port + " for '"
          + base + "' (is the port in use?): " + e.getMessage(), e);
    }
    return server;
  }

  private static Entry container(String dn) {
    String ou = dn.substring(3, dn.indexOf(','));
    return new Entry(dn, new Attribute("objectClass", "top", "organizationalUnit"),
        new Attribute("ou", ou));
  }

  /** Seeded person {@code i}: employee number 1000 + i, a name from the lists, title, dept. */
  static Entry person(int i) {
    String number = Integer.toString(1000 + i);
    String given = GIVEN.get(i % GIVEN.size());
    String sn = SN.get((i * 7 + i / GIVEN.size()) % SN.size());
    return new Entry("employeeNumber=" + number + "," + HR_PEOPLE,
        new Attribute("objectClass", "top", "person", "organizationalPerson", "inetOrgPerson"),
        new Attribute("employeeNumber", number),
        new Attribute("givenName", given),
        new Attribute("sn", sn),
        new Attribute("cn", given + " " + sn),
        new Attribute("title", TITLES.get(i % TITLES.size())),
        new Attribute("departmentNumber", DEPARTMENTS.get(i / 10)));
  }

  public int hrPort() {
    return hr.getListenPort();
  }

  public int corpPort() {
    return corp.getListenPort();
  }

  /** The HR server, for tests. */
  public InMemoryDirectoryServer hr() {
    return hr;
  }

  /** The Corp server, for tests. */
  public InMemoryDirectoryServer corp() {
    return corp;
  }

  @Override
  public void close() {
    hr.shutDown(true);
    corpNotifications.close(); // ends the open notification searches, then stops Corp
  }
}
