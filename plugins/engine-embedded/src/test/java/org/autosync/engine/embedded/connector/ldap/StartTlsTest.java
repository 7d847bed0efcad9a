package org.autosync.engine.embedded.connector.ldap;

import org.autosync.testkit.ldap.TestCertificates;
import java.nio.file.Path;

/** Certificate checks over StartTLS. */
class StartTlsTest extends TlsContract {

  @Override
  InMemoryLdap server(Path keyStore) {
    try {
      return InMemoryLdap.tls(InMemoryLdap.Listener.STARTTLS, TestCertificates.server(keyStore));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  String security() {
    return "starttls";
  }
}
