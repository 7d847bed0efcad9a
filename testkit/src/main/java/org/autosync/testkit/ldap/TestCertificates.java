package org.autosync.testkit.ldap;

import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.util.ssl.KeyStoreKeyManager;
import com.unboundid.util.ssl.SSLUtil;
import com.unboundid.util.ssl.TrustAllTrustManager;
import com.unboundid.util.ssl.cert.ManageCertificates;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;

/**
 * Self-signed server certificates made with UnboundID's {@code manage-certificates}, and trust
 * stores that hold them, for tests of LDAPS and StartTLS against in-process directories.
 *
 * <pre>{@code
 * Path keys = TestCertificates.selfSigned(dir.resolve("server.p12"), List.of("localhost"),
 *     List.of("127.0.0.1"));
 * Path trust = TestCertificates.trustStoreFor(keys, dir.resolve("trust.p12"), "PKCS12");
 * InMemoryListenerConfig.createLDAPSConfig("ldaps", loopback, 0,
 *     TestCertificates.server(keys).createSSLServerSocketFactory(), null);
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
public final class TestCertificates {

  /** The password of every key store and trust store made here (manage-certificates wants 6+). */
  public static final String PASSWORD = "secret";
  private static final String ALIAS = "server";

  private TestCertificates() {}

  /**
   * Generates a PKCS12 key store at {@code keyStore} with a self-signed EC certificate for the
   * given DNS names and IP addresses.
   */
  public static Path selfSigned(Path keyStore, List<String> dnsNames, List<String> ipAddresses) {
    List<String> args = new ArrayList<>(List.of("generate-self-signed-certificate",
        "--keystore", keyStore.toString(), "--keystore-password", PASSWORD,
        "--keystore-type", "PKCS12", "--alias", ALIAS,
        "--subject-dn", "CN=" + (dnsNames.isEmpty() ? ipAddresses.getFirst() : dnsNames.getFirst())
            + ",O=AutoSync tests",
        "--key-algorithm", "EC", "--key-size-bits", "256",
        "--signature-algorithm", "SHA256withECDSA", "--days-valid", "2"));
    dnsNames.forEach(name -> args.addAll(List.of("--subject-alternative-name-dns", name)));
    ipAddresses.forEach(ip -> args.addAll(List.of("--subject-alternative-name-ip-address", ip)));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ResultCode result = ManageCertificates.main(null, out, out, args.toArray(String[]::new));
    if (result != ResultCode.SUCCESS) {
      throw new IllegalStateException("manage-certificates failed (" + result + "): "
          + out.toString(StandardCharsets.UTF_8));
    }
    return keyStore;
  }

  /** A trust store (JKS or PKCS12) at {@code trustStore} holding the certificate of {@code keyStore}. */
  public static Path trustStoreFor(Path keyStore, Path trustStore, String type)
      throws IOException, GeneralSecurityException {
    KeyStore keys = KeyStore.getInstance(keyStore.toFile(), PASSWORD.toCharArray());
    KeyStore trust = KeyStore.getInstance(type);
    trust.load(null, null);
    trust.setCertificateEntry("ldap-server", keys.getCertificate(ALIAS));
    try (OutputStream out = java.nio.file.Files.newOutputStream(trustStore)) {
      trust.store(out, PASSWORD.toCharArray());
    }
    return trustStore;
  }

  /** The server side of TLS with the certificate in {@code keyStore}. */
  public static SSLUtil server(Path keyStore) throws GeneralSecurityException {
    return new SSLUtil(new KeyStoreKeyManager(keyStore.toFile(), PASSWORD.toCharArray(),
        "PKCS12", ALIAS), new TrustAllTrustManager());
  }
}
