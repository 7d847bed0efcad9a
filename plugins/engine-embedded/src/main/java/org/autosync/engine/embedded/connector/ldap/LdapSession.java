package org.autosync.engine.embedded.connector.ldap;

import com.unboundid.ldap.sdk.ExtendedResult;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionOptions;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.RootDSE;
import com.unboundid.ldap.sdk.SimpleBindRequest;
import com.unboundid.ldap.sdk.extensions.StartTLSExtendedRequest;
import com.unboundid.util.ssl.HostNameSSLSocketVerifier;
import com.unboundid.util.ssl.JVMDefaultTrustManager;
import com.unboundid.util.ssl.SSLSocketVerifier;
import com.unboundid.util.ssl.SSLUtil;
import com.unboundid.util.ssl.TrustStoreTrustManager;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.util.concurrent.locks.ReentrantLock;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import org.autosync.api.engine.ResultCodes;
import org.autosync.engine.embedded.connector.ConnectorContext;
import org.autosync.engine.embedded.connector.ConnectorException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one connection of one connector: opened on first use (connect, StartTLS, bind, a root DSE
 * read to prove it works), dropped after a connection failure so the next call opens a new one.
 *
 * <p>Thread-safe: {@link #connection} is serialized by a lock; {@link #close} may be called from
 * any thread at any time, is idempotent, and breaks an operation in progress.
 */
final class LdapSession implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LdapSession.class);

  private final LdapSettings settings;
  private final ConnectorContext context;
  private final ReentrantLock lock = new ReentrantLock();
  private volatile @Nullable LDAPConnection connection;
  private volatile boolean closed;

  LdapSession(LdapSettings settings, ConnectorContext context) {
    this.settings = settings;
    this.context = context;
  }

  /**
   * The open connection, opening it if needed.
   *
   * @throws ConnectorException {@code no-start-connection} when the server cannot be reached or its
   *     certificate is not trusted; {@code no-start-credentials} when the bind is refused
   */
  LDAPConnection connection() throws ConnectorException {
    lock.lock();
    try {
      ensureOpen();
      LDAPConnection current = connection;
      if (current != null && current.isConnected()) {
        return current;
      }
      if (current != null) {
        current.close();
      }
      LDAPConnection fresh = open();
      connection = fresh;
      if (closed) {
        fresh.close();
        connection = null;
        ensureOpen();
      }
      return fresh;
    } finally {
      lock.unlock();
    }
  }

  /** Drops the connection after a connection failure; the next call opens a new one. */
  void discard() {
    LDAPConnection current = connection;
    connection = null;
    if (current != null) {
      LOG.debug("Dropping the connection of MA '{}' to {}", context.ma(),
          LdapFailures.server(settings));
      current.close();
    }
  }

  @Override
  public void close() {
    closed = true;
    discard();
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("The LDAP connector of MA '" + context.ma() + "' is closed");
    }
  }

  private LDAPConnection open() throws ConnectorException {
    LDAPConnectionOptions options = new LDAPConnectionOptions();
    options.setConnectTimeoutMillis((int) settings.connectTimeout().toMillis());
    options.setResponseTimeoutMillis(settings.responseTimeout().toMillis());
    HostNameCheck hostNameCheck = new HostNameCheck();
    if (settings.security() != LdapSettings.Security.NONE && settings.verifyHostname()) {
      options.setSSLSocketVerifier(hostNameCheck);
    }
    SSLUtil ssl = settings.security() == LdapSettings.Security.NONE ? null : sslUtil();
    LDAPConnection opened;
    try {
      opened = ssl != null && settings.security() == LdapSettings.Security.LDAPS
          ? new LDAPConnection(ssl.createSSLSocketFactory(), options, settings.host(),
              settings.port())
          : new LDAPConnection(options, settings.host(), settings.port());
    } catch (LDAPException e) {
      throw cannotConnect(e, hostNameCheck);
    } catch (GeneralSecurityException e) {
      throw new ConnectorException(ResultCodes.NO_START_CONNECTION, "Cannot set up TLS for "
          + LdapFailures.server(settings) + ": " + e.getMessage(), e);
    }
    try {
      if (ssl != null && settings.security() == LdapSettings.Security.STARTTLS) {
        startTls(opened, ssl);
      }
      bind(opened);
      RootDSE root = opened.getRootDSE();
      LOG.info("Connected MA '{}' to {} ({}{}) as '{}'", context.ma(),
          LdapFailures.server(settings), LdapSettings.name(settings.security()),
          root == null || root.getVendorName() == null ? "" : ", " + root.getVendorName(),
          settings.bindDn() == null ? "anonymous" : settings.bindDn());
      return opened;
    } catch (LDAPException e) {
      opened.close();
      throw cannotConnect(e, hostNameCheck);
    } catch (ConnectorException | RuntimeException e) {
      opened.close();
      throw e;
    }
  }

  private void startTls(LDAPConnection opened, SSLUtil ssl) throws ConnectorException,
      LDAPException {
    ExtendedResult result;
    try {
      result = opened.processExtendedOperation(new StartTLSExtendedRequest(ssl.createSSLContext()));
    } catch (GeneralSecurityException e) {
      throw new ConnectorException(ResultCodes.NO_START_CONNECTION, "Cannot set up TLS for "
          + LdapFailures.server(settings) + ": " + e.getMessage(), e);
    }
    if (result.getResultCode() != ResultCode.SUCCESS) {
      throw new ConnectorException(ResultCodes.NO_START_CONNECTION, "Cannot start TLS on "
          + LdapFailures.server(settings) + " because the server refused StartTLS ("
          + result.getResultCode() + ": " + result.getDiagnosticMessage()
          + "); check that it has a certificate, or use security ldaps");
    }
  }

  private void bind(LDAPConnection opened) throws ConnectorException, LDAPException {
    String bindDn = settings.bindDn();
    String reference = settings.password();
    if (bindDn == null || reference == null) {
      return;
    }
    String password = resolve("password", reference, ResultCodes.NO_START_CREDENTIALS);
    try {
      opened.bind(new SimpleBindRequest(bindDn, password));
    } catch (LDAPException e) {
      if (LdapFailures.connectionLost(e.getResultCode())) {
        throw e;
      }
      throw new ConnectorException(ResultCodes.NO_START_CREDENTIALS, "Cannot bind to "
          + LdapFailures.server(settings) + " as '" + bindDn + "' because the server refused it ("
          + LdapFailures.describe(e) + "); check bindDn and password", e);
    }
  }

  private SSLUtil sslUtil() throws ConnectorException {
    Path trustStore = settings.trustStore();
    if (trustStore == null) {
      return new SSLUtil(JVMDefaultTrustManager.getInstance());
    }
    String reference = settings.trustStorePassword();
    char[] pin = reference == null ? null
        : resolve("trustStorePassword", reference, ResultCodes.NO_START_BAD_MA_CONFIGURATION)
            .toCharArray();
    String type;
    try {
      type = KeyStore.getInstance(trustStore.toFile(), pin).getType();
    } catch (IOException | GeneralSecurityException e) {
      throw new ConnectorException(ResultCodes.NO_START_BAD_MA_CONFIGURATION, "Cannot read the"
          + " trust store '" + trustStore + "' (" + e.getMessage() + "); check trustStore and"
          + " trustStorePassword", e);
    }
    TrustManager trust = new TrustStoreTrustManager(trustStore.toFile(), pin, type, true);
    return new SSLUtil(trust);
  }

  private String resolve(String option, String reference, String code) throws ConnectorException {
    String value;
    try {
      value = context.secrets().apply(reference);
    } catch (RuntimeException e) {
      throw new ConnectorException(code, "Cannot resolve the secret in option '" + option + "' ("
          + e.getMessage() + ")", e);
    }
    if (value == null || value.isEmpty()) {
      throw new ConnectorException(code, "Cannot use option '" + option
          + "' because its secret resolved to nothing; check the reference");
    }
    return value;
  }

  private ConnectorException cannotConnect(LDAPException e, HostNameCheck check) {
    String start = "Cannot connect to " + LdapFailures.server(settings) + " with security "
        + LdapSettings.name(settings.security());
    LDAPException refusal = check.refusal;
    if (refusal != null) {
      return new ConnectorException(ResultCodes.NO_START_CONNECTION, start + " because the"
          + " server's certificate does not name host '" + settings.host() + "' ("
          + refusal.getMessage() + "); connect with a host name the certificate names, or"
          + " set verifyHostname to false", e);
    }
    Throwable tls = tlsFailure(e);
    if (tls != null) {
      return new ConnectorException(ResultCodes.NO_START_CONNECTION, start + " because the"
          + " server's certificate was not accepted (" + tls.getMessage() + "); put its CA in"
          + " trustStore (or the JVM's trust store)", e);
    }
    return new ConnectorException(ResultCodes.NO_START_CONNECTION, start + " ("
        + LdapFailures.describe(e) + "); check host, port and security, and that the server is"
        + " running", e);
  }

  /** The TLS failure behind a connection failure (the deepest one), or null. */
  private @Nullable Throwable tlsFailure(LDAPException e) {
    Throwable found = null;
    if (settings.security() != LdapSettings.Security.NONE) {
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t instanceof SSLException || t instanceof CertificateException) {
          found = t;
        }
      }
    }
    return found;
  }

  /**
   * UnboundID's host name check, remembering a refusal so that the failure can say why. One per
   * connection attempt. Note: UnboundID accepts any certificate on a loopback IP address.
   */
  private static final class HostNameCheck extends SSLSocketVerifier {
    private final HostNameSSLSocketVerifier delegate = new HostNameSSLSocketVerifier(true);
    private volatile @Nullable LDAPException refusal;

    @Override
    public void verifySSLSocket(String host, int port, SSLSocket socket) throws LDAPException {
      try {
        delegate.verifySSLSocket(host, port, socket);
      } catch (LDAPException e) {
        refusal = e;
        throw e;
      }
    }
  }
}
