package org.autosync.trigger.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Entry;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.autosync.api.engine.ManagementAgent;
import org.autosync.api.trigger.TriggerHealth;
import org.autosync.testkit.FakeEngine;
import org.autosync.testkit.ManualClock;
import org.autosync.testkit.RunningTrigger;
import org.autosync.testkit.TriggerTestKit;
import org.autosync.testkit.ldap.TestCertificates;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Directory triggers over LDAPS and StartTLS: trust stores and host name checks. */
class TlsTest {

  private static final ManagementAgent HR = FakeEngine.builder()
      .ma("HR", ma -> ma.standardProfiles().partitions("default"))
      .build().managementAgents().getFirst();

  @TempDir
  static Path certificates;
  static Path serverKeys;
  static Path wrongNameKeys;
  static Path trusted;
  static Path wrongNameTrust;

  @BeforeAll
  static void makeCertificates() throws Exception {
    serverKeys = TestCertificates.selfSigned(certificates.resolve("server.p12"),
        List.of("localhost"), List.of("127.0.0.1"));
    wrongNameKeys = TestCertificates.selfSigned(certificates.resolve("wrong.p12"),
        List.of("ldap.invalid"), List.of());
    trusted = TestCertificates.trustStoreFor(serverKeys, certificates.resolve("trust.p12"),
        "PKCS12");
    wrongNameTrust = TestCertificates.trustStoreFor(wrongNameKeys,
        certificates.resolve("wrong-trust.p12"), "PKCS12");
  }

  private static InMemoryDirectoryServer server(boolean ldaps, Path keys) throws Exception {
    InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig("o=corp");
    config.setMaxChangeLogEntries(100);
    InetAddress loopback = InetAddress.getLoopbackAddress();
    var tls = TestCertificates.server(keys);
    config.setListenerConfigs(ldaps
        ? InMemoryListenerConfig.createLDAPSConfig("ldaps", loopback, 0,
            tls.createSSLServerSocketFactory(), null)
        : InMemoryListenerConfig.createLDAPConfig("ldap", loopback, 0,
            tls.createSSLSocketFactory()));
    InMemoryDirectoryServer server = new InMemoryDirectoryServer(config);
    server.add(new Entry("o=corp", new Attribute("objectClass", "top", "organization")));
    server.startListening();
    return server;
  }

  private static TriggerHealth watch(InMemoryDirectoryServer server, String security,
      Map<String, String> extra) {
    Map<String, String> values = new HashMap<>(Map.of("hosts", "localhost:"
        + server.getListenPort(), "security", security, "baseDn", "o=corp"));
    values.putAll(extra);
    try (RunningTrigger running = TriggerTestKit.forFactory(new LdapChangelogTriggerFactory())
        .clock(new ManualClock(ManualClock.DEFAULT_START))
        .withSecret("${env:TRUST_PW}", TestCertificates.PASSWORD).start(values, HR)) {
      return Steps.awaitSettled(running);
    }
  }

  private static Map<String, String> trust(Path store) {
    return Map.of("trustStore", store.toString(), "trustStorePassword", "${env:TRUST_PW}");
  }

  @Test
  void ldaps_with_the_servers_ca_in_the_trust_store_connects() throws Exception {
    InMemoryDirectoryServer server = server(true, serverKeys);
    try {
      TriggerHealth health = watch(server, "ldaps", trust(trusted));
      assertEquals(TriggerHealth.State.HEALTHY, health.state(), health.toString());
      assertTrue(health.message().startsWith("watching ldaps://"), health.message());
    } finally {
      server.shutDown(true);
    }
  }

  @Test
  void starttls_with_the_servers_ca_in_the_trust_store_connects() throws Exception {
    InMemoryDirectoryServer server = server(false, serverKeys);
    try {
      TriggerHealth health = watch(server, "starttls", trust(trusted));
      assertEquals(TriggerHealth.State.HEALTHY, health.state(), health.toString());
    } finally {
      server.shutDown(true);
    }
  }

  @Test
  void an_untrusted_certificate_is_refused_and_reported() throws Exception {
    for (boolean ldaps : new boolean[] {true, false}) {
      InMemoryDirectoryServer server = server(ldaps, serverKeys);
      try {
        TriggerHealth health = watch(server, ldaps ? "ldaps" : "starttls", Map.of());
        assertEquals(TriggerHealth.State.DEGRADED, health.state(), health.toString());
        assertTrue(health.lastError() != null && !health.lastError().isBlank());
      } finally {
        server.shutDown(true);
      }
    }
  }

  @Test
  void a_certificate_for_another_host_is_refused_unless_host_names_are_not_verified()
      throws Exception {
    InMemoryDirectoryServer server = server(true, wrongNameKeys);
    try {
      assertEquals(TriggerHealth.State.DEGRADED,
          watch(server, "ldaps", trust(wrongNameTrust)).state());
      Map<String, String> unchecked = new HashMap<>(trust(wrongNameTrust));
      unchecked.put("verifyHostname", "false");
      assertEquals(TriggerHealth.State.HEALTHY, watch(server, "ldaps", unchecked).state());
    } finally {
      server.shutDown(true);
    }
  }
}
