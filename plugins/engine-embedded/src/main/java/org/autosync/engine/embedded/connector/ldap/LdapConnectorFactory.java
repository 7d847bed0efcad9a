package org.autosync.engine.embedded.connector.ldap;

import java.util.List;
import java.util.Map;
import org.autosync.engine.embedded.connector.Connector;
import org.autosync.engine.embedded.connector.ConnectorContext;
import org.autosync.engine.embedded.connector.ConnectorFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates LDAP connectors (type {@code ldap}) over the UnboundID LDAP SDK.
 *
 * <p>A partition is a base DN; a full import reads every entry under it (subtree) that has one of
 * the configured object classes, with the Simple Paged Results control. An entry's object type is
 * the first class of {@code objectClasses} it has, spelled as in the option. A delta import reads
 * the directory's change log from a watermark: {@code cn=changelog} (draft-good-ldap-changelog:
 * ForgeRock/Ping, 389-ds with the retro changelog, UnboundID's in-memory server) or OpenLDAP's
 * accesslog overlay, then reads each changed entry once, as it is now. Exports are add, modify
 * (replace per attribute), modify DN and delete.
 *
 * <table>
 *   <caption>Options (all strings)</caption>
 *   <tr><th>option</th><th>meaning</th><th>default</th></tr>
 *   <tr><td>{@code host}</td><td>server host name or address</td><td>required</td></tr>
 *   <tr><td>{@code port}</td><td>server port</td><td>389, or 636 with ldaps</td></tr>
 *   <tr><td>{@code security}</td><td>{@code none} | {@code ldaps} | {@code starttls}</td>
 *       <td>{@code none}</td></tr>
 *   <tr><td>{@code trustStore}</td><td>JKS or PKCS12 file with the CAs to trust</td>
 *       <td>the JVM's trust store</td></tr>
 *   <tr><td>{@code trustStorePassword}</td><td>its password; a secret reference such as
 *       {@code ${env:NAME}} is resolved through the context</td><td>none</td></tr>
 *   <tr><td>{@code verifyHostname}</td><td>check that the certificate names {@code host}</td>
 *       <td>{@code true}</td></tr>
 *   <tr><td>{@code bindDn}</td><td>DN to bind as</td><td>anonymous</td></tr>
 *   <tr><td>{@code password}</td><td>bind password or secret reference; required with
 *       {@code bindDn}</td><td>none</td></tr>
 *   <tr><td>{@code objectClasses}</td><td>comma list of the object classes in scope</td>
 *       <td>required</td></tr>
 *   <tr><td>{@code attributes}</td><td>comma list of attributes to read ({@code *} and
 *       {@code +} allowed; {@code objectClass} is always read)</td>
 *       <td>all user attributes</td></tr>
 *   <tr><td>{@code pageSize}</td><td>entries per search page and change records per batch</td>
 *       <td>500</td></tr>
 *   <tr><td>{@code delta}</td><td>{@code changelog} | {@code accesslog} | {@code none}</td>
 *       <td>{@code changelog}</td></tr>
 *   <tr><td>{@code accesslogBase}</td><td>base DN of OpenLDAP's accesslog database</td>
 *       <td>{@code cn=accesslog}</td></tr>
 *   <tr><td>{@code connectTimeout}</td><td>duration such as {@code 10s}, {@code 500ms},
 *       {@code PT1M}</td><td>10s</td></tr>
 *   <tr><td>{@code responseTimeout}</td><td>longest wait for one operation's response</td>
 *       <td>60s</td></tr>
 * </table>
 *
 * <p>Certificates are always checked (UnboundID's {@code TrustStoreTrustManager}, and {@code
 * HostNameSSLSocketVerifier} unless {@code verifyHostname} is false): an untrusted server fails
 * with {@code no-start-connection}, it is never trusted silently.
 *
 * <p>Example:
 *
 * <pre>{@code
 * ConnectorFactory ldap = new LdapConnectorFactory();
 * Map<String, String> options = Map.of("host", "ldap.example.org", "security", "starttls",
 *     "bindDn", "cn=sync,dc=example,dc=org", "password", "${env:LDAP_PASSWORD}",
 *     "objectClasses", "inetOrgPerson,groupOfNames");
 * List<String> problems = ldap.validate(options); // empty
 * try (Connector connector = ldap.create(options, context)) {
 *   String watermark = connector.currentWatermark("ou=people,dc=example,dc=org");
 *   connector.fullImport("ou=people,dc=example,dc=org", items::add);
 * }
 * }</pre>
 *
 * <p>Threading: the factory is stateless and thread-safe. A connector it creates holds one
 * connection, opened lazily, and is called by one thread at a time; its {@code close} may come from
 * any thread.
 */
public final class LdapConnectorFactory implements ConnectorFactory {
  private static final Logger LOG = LoggerFactory.getLogger(LdapConnectorFactory.class);

  /** The type name in configuration. */
  public static final String TYPE = "ldap";

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public List<String> options() {
    return LdapSettings.OPTIONS;
  }

  @Override
  public List<String> validate(Map<String, String> options) {
    return LdapSettings.validate(options);
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalArgumentException listing every problem when the options are not valid
   */
  @Override
  public Connector create(Map<String, String> options, ConnectorContext context) {
    LdapSettings settings = LdapSettings.of(options);
    LOG.info("LDAP connector for MA '{}': {}", context.ma(), settings.describe());
    return new LdapConnector(settings, context);
  }
}
