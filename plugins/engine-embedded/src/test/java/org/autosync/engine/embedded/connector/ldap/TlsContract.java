package org.autosync.engine.embedded.connector.ldap;

import org.autosync.testkit.ldap.TestCertificates;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.autosync.api.engine.ResultCodes;
import org.autosync.engine.embedded.connector.Connector;
import org.autosync.engine.embedded.connector.ConnectorException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * What certificate checking means, for one way of speaking TLS: a server whose self-signed
 * certificate is in the trust store is reached; any other is refused with {@code
 * no-start-connection}, never trusted silently.
 */
abstract class TlsContract {

  @TempDir
  static Path certificates;
  static Path serverKeys;
  static Path wrongNameKeys;
  static Path trusted;
  static Path trustedJks;
  static Path untrusted;

  @BeforeAll
  static void makeCertificates() throws Exception {
    serverKeys = TestCertificates.selfSigned(certificates.resolve("server.p12"),
        List.of("localhost"), List.of("127.0.0.1", "::1"));
    wrongNameKeys = TestCertificates.selfSigned(certificates.resolve("wrong-name.p12"),
        List.of("ldap.invalid"), List.of());
    Path stranger = TestCertificates.selfSigned(certificates.resolve("stranger.p12"),
        List.of("localhost"), List.of("127.0.0.1", "::1"));
    trusted = TestCertificates.trustStoreFor(serverKeys, certificates.resolve("trusted.p12"),
        "PKCS12");
    trustedJks = TestCertificates.trustStoreFor(serverKeys, certificates.resolve("trusted.jks"),
        "JKS");
    untrusted = TestCertificates.trustStoreFor(stranger, certificates.resolve("untrusted.p12"),
        "PKCS12");
  }

  @RegisterExtension
  final InMemoryLdap ldap = server(serverKeys);

  @TempDir
  Path work;

  /** A server with the certificate in {@code keyStore}. */
  abstract InMemoryLdap server(Path keyStore);

  /** The connector's {@code security} option for this server. */
  abstract String security();

  private Connector connector(InMemoryLdap directory, String... options) {
    // By name: UnboundID's host name check accepts any certificate on a loopback IP address.
    List<String> all = new java.util.ArrayList<>(List.of("security", security(), "host",
        "localhost"));
    all.addAll(List.of(options));
    Map<String, String> map = directory.options(all.toArray(String[]::new));
    assertEquals(List.of(), new LdapConnectorFactory().validate(map));
    return new LdapConnectorFactory().create(map, Items.context(work));
  }

  private static ConnectorException refused(Connector connector) {
    ConnectorException e = assertThrows(ConnectorException.class,
        () -> connector.fullImport(InMemoryLdap.PEOPLE, new Items()));
    assertEquals(ResultCodes.NO_START_CONNECTION, e.resultCode(), e.getMessage());
    assertTrue(e.getMessage().contains("certificate"), e.getMessage());
    return e;
  }

  @Test
  void a_server_whose_certificate_is_in_the_trust_store_is_reached() throws Exception {
    ldap.addPerson("alice");
    try (Connector connector = connector(ldap, "trustStore", trusted.toString(),
        "trustStorePassword", "${env:LDAP_PASSWORD}")) {
      Items items = new Items();
      connector.fullImport(InMemoryLdap.PEOPLE, items);
      assertEquals(List.of("present uid=alice," + Items.normal(InMemoryLdap.PEOPLE)),
          items.summary());
    }
  }

  @Test
  void a_jks_trust_store_works_too() throws Exception {
    ldap.addPerson("alice");
    try (Connector connector = connector(ldap, "trustStore", trustedJks.toString(),
        "trustStorePassword", TestCertificates.PASSWORD)) {
      Items items = new Items();
      connector.fullImport(InMemoryLdap.PEOPLE, items);
      assertEquals(1, items.present().size());
    }
  }

  @Test
  void a_certificate_missing_from_the_trust_store_is_refused() {
    try (Connector connector = connector(ldap, "trustStore", untrusted.toString(),
        "trustStorePassword", TestCertificates.PASSWORD)) {
      refused(connector);
    }
  }

  @Test
  void a_certificate_missing_from_the_trust_store_is_refused_even_without_host_name_checks() {
    try (Connector connector = connector(ldap, "trustStore", untrusted.toString(),
        "trustStorePassword", TestCertificates.PASSWORD, "verifyHostname", "false")) {
      refused(connector);
    }
  }

  @Test
  void the_jvm_trust_store_refuses_a_self_signed_certificate() {
    try (Connector connector = connector(ldap)) {
      refused(connector);
    }
  }

  @Test
  void a_certificate_for_another_host_name_is_refused_unless_host_names_are_not_verified()
      throws Exception {
    Path wrongNameTrust = TestCertificates.trustStoreFor(wrongNameKeys,
        work.resolve("wrong-name-trust.p12"), "PKCS12");
    try (InMemoryLdap other = server(wrongNameKeys).start()) {
      other.addPerson("alice");
      try (Connector connector = connector(other, "trustStore", wrongNameTrust.toString(),
          "trustStorePassword", TestCertificates.PASSWORD)) {
        refused(connector);
      }
      try (Connector connector = connector(other, "trustStore", wrongNameTrust.toString(),
          "trustStorePassword", TestCertificates.PASSWORD, "verifyHostname", "false")) {
        Items items = new Items();
        connector.fullImport(InMemoryLdap.PEOPLE, items);
        assertEquals(1, items.present().size());
      }
    }
  }

  @Test
  void a_wrong_trust_store_password_is_a_configuration_error() {
    try (Connector connector = connector(ldap, "trustStore", trusted.toString(),
        "trustStorePassword", "not-the-password")) {
      ConnectorException e = assertThrows(ConnectorException.class,
          () -> connector.fullImport(InMemoryLdap.PEOPLE, new Items()));
      assertEquals(ResultCodes.NO_START_BAD_MA_CONFIGURATION, e.resultCode());
      assertTrue(e.getMessage().contains("trustStorePassword"), e.getMessage());
    }
  }
}
