package org.autosync.engine.embedded.connector.ldap;

import org.autosync.testkit.LoopbackPorts;
import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.listener.interceptor.InMemoryOperationInterceptor;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldif.LDIFException;
import com.unboundid.util.ssl.SSLUtil;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.security.GeneralSecurityException;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A JUnit extension that runs an UnboundID in-memory directory with {@code cn=changelog} on a
 * loopback port for each test: suffix {@code dc=example,dc=org} with {@code ou=people} and {@code
 * ou=groups}, admin {@code cn=admin} / {@code secret}. Stopped after each test.
 *
 * <pre>{@code
 * @RegisterExtension final InMemoryLdap ldap = InMemoryLdap.plain();
 * }</pre>
 */
final class InMemoryLdap implements BeforeEachCallback, AfterEachCallback, AutoCloseable {

  static final String BASE = "dc=example,dc=org";
  static final String PEOPLE = "ou=people," + BASE;
  static final String GROUPS = "ou=groups," + BASE;
  static final String ADMIN = "cn=admin";
  static final String PASSWORD = "secret";

  /** How the listener speaks. */
  enum Listener {
    PLAIN,
    LDAPS,
    STARTTLS
  }

  private final Listener listener;
  private final @Nullable SSLUtil serverTls;
  private int maxChangeLogEntries = 1000;
  private @Nullable InMemoryOperationInterceptor interceptor;
  private @Nullable InMemoryDirectoryServer server;
  private int port;

  private InMemoryLdap(Listener listener, @Nullable SSLUtil serverTls) {
    this.listener = listener;
    this.serverTls = serverTls;
  }

  static InMemoryLdap plain() {
    return new InMemoryLdap(Listener.PLAIN, null);
  }

  /** A server that speaks LDAPS, or plain LDAP with StartTLS, with the given certificate. */
  static InMemoryLdap tls(Listener listener, SSLUtil serverTls) {
    return new InMemoryLdap(listener, serverTls);
  }

  InMemoryLdap maxChangeLogEntries(int entries) {
    this.maxChangeLogEntries = entries;
    return this;
  }

  InMemoryLdap interceptor(InMemoryOperationInterceptor operationInterceptor) {
    this.interceptor = operationInterceptor;
    return this;
  }

  @Override
  public void beforeEach(ExtensionContext context) throws Exception {
    start();
  }

  @Override
  public void afterEach(ExtensionContext context) {
    close();
  }

  /** Starts the directory; for use without the extension, with {@link #close}. */
  InMemoryLdap start() throws LDAPException, LDIFException, GeneralSecurityException {
    port = LoopbackPorts.free();
    InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig(BASE);
    config.setMaxChangeLogEntries(maxChangeLogEntries);
    config.addAdditionalBindCredentials(ADMIN, PASSWORD);
    config.setListenerConfigs(listenerConfig());
    if (interceptor != null) {
      config.addInMemoryOperationInterceptor(interceptor);
    }
    InMemoryDirectoryServer started = new InMemoryDirectoryServer(config);
    started.add("dn: " + BASE, "objectClass: top", "objectClass: domain", "dc: example");
    started.add("dn: " + PEOPLE, "objectClass: organizationalUnit", "ou: people");
    started.add("dn: " + GROUPS, "objectClass: organizationalUnit", "ou: groups");
    started.startListening();
    server = started;
    return this;
  }

  /** Shuts the directory down; idempotent. */
  @Override
  public void close() {
    InMemoryDirectoryServer running = server;
    server = null;
    if (running != null) {
      running.shutDown(true);
    }
  }

  InMemoryDirectoryServer server() {
    if (server == null) {
      throw new IllegalStateException("the directory runs only during a test");
    }
    return server;
  }

  int port() {
    return port;
  }

  /** Stops listening and drops every connection; the data stays. */
  void stop() {
    server().shutDown(true);
  }

  /** Listens again on the same port after {@link #stop}. */
  void restart() throws LDAPException {
    server().startListening();
  }

  /** Connector options for this server: admin bind, people and groups in scope, page size 500. */
  Map<String, String> options(String... extra) {
    Map<String, String> options = new HashMap<>();
    options.put("host", InetAddress.getLoopbackAddress().getHostAddress());
    options.put("port", Integer.toString(port));
    options.put("bindDn", ADMIN);
    options.put("password", PASSWORD);
    options.put("objectClasses", "inetOrgPerson,groupOfNames");
    for (int i = 0; i < extra.length; i += 2) {
      if (extra[i + 1] == null) {
        options.remove(extra[i]);
      } else {
        options.put(extra[i], extra[i + 1]);
      }
    }
    return options;
  }

  /** Adds a person under {@code ou=people}; returns its DN. */
  String addPerson(String uid) throws LDAPException, LDIFException {
    String dn = "uid=" + uid + "," + PEOPLE;
    server().add("dn: " + dn, "objectClass: top", "objectClass: person",
        "objectClass: organizationalPerson", "objectClass: inetOrgPerson", "uid: " + uid,
        "cn: " + uid, "sn: " + uid);
    return dn;
  }

  private InMemoryListenerConfig listenerConfig() throws LDAPException,
      GeneralSecurityException {
    InetAddress loopback = InetAddress.getLoopbackAddress();
    return switch (listener) {
      case PLAIN -> InMemoryListenerConfig.createLDAPConfig("ldap", loopback, port, null);
      case LDAPS -> InMemoryListenerConfig.createLDAPSConfig("ldaps", loopback, port,
          tls().createSSLServerSocketFactory(), null);
      case STARTTLS -> InMemoryListenerConfig.createLDAPConfig("ldap", loopback, port,
          tls().createSSLSocketFactory());
    };
  }

  private SSLUtil tls() {
    if (serverTls == null) {
      throw new IllegalStateException("no server certificate");
    }
    return serverTls;
  }
}
