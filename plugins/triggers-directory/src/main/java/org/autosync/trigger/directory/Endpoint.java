package org.autosync.trigger.directory;

import com.unboundid.ldap.sdk.BindRequest;
import com.unboundid.ldap.sdk.DNSSRVRecordServerSet;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionOptions;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.PostConnectProcessor;
import com.unboundid.ldap.sdk.RoundRobinServerSet;
import com.unboundid.ldap.sdk.ServerSet;
import com.unboundid.ldap.sdk.SimpleBindRequest;
import com.unboundid.ldap.sdk.StartTLSPostConnectProcessor;
import com.unboundid.util.ssl.HostNameSSLSocketVerifier;
import com.unboundid.util.ssl.JVMDefaultTrustManager;
import com.unboundid.util.ssl.SSLUtil;
import com.unboundid.util.ssl.TrustStoreTrustManager;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import javax.net.SocketFactory;
import javax.net.ssl.TrustManager;
import org.autosync.api.engine.ManagementAgent;
import org.autosync.api.trigger.ConfigProblem;
import org.autosync.api.trigger.ParameterDescriptor;
import org.autosync.api.trigger.ParameterType;
import org.autosync.api.trigger.ParameterValues;
import org.autosync.api.trigger.TriggerConfig;
import org.jspecify.annotations.Nullable;

/**
 * Where a directory trigger connects and how: one or more servers (or DNS SRV discovery), TLS,
 * credentials and timeouts - the connection parameters every directory trigger type shares.
 *
 * <pre>{@code
 * hosts: [dc1.corp.example, dc2.corp.example:3268]  # or domain: corp.example (DNS SRV)
 * port: 636
 * security: ldaps              # none | ldaps | starttls
 * trustStore: /etc/autosync/dc-ca.p12
 * trustStorePassword: ${env:TRUST_PW}
 * bindDn: CN=autosync,OU=Service,DC=corp,DC=example
 * password: ${env:AD_PW}
 * }</pre>
 *
 * <p>With several hosts, each connect starts with the server after the one used last and tries the
 * others in turn, so a reconnect after a lost connection goes to the next server. With {@code
 * domain} and no hosts, the servers come from the DNS SRV record {@code _ldap._tcp.<domain>} (AD
 * types: the domain controllers' record {@code _ldap._tcp.dc._msdcs.<domain>}), ordered by priority
 * and weight, optionally asked of {@code dnsServer}. When neither is set, {@code host}, {@code
 * port} and {@code security} come from the MA's connection hints (see {@link #from}).
 *
 * <p>Immutable and thread-safe; secrets are resolved at each connect, so a rotated password is
 * picked up by the next reconnect.
 *
 * @param hosts the servers as {@code host} or {@code host:port}; empty with {@code domain}
 * @param port the port for hosts that name none
 * @param domain the DNS domain for SRV discovery; null when hosts are listed
 * @param srvRecord the SRV record name asked for; null without {@code domain}
 * @param dnsServer the DNS server URL, such as {@code dns://10.0.0.53}; null for the system's
 * @param security how the connection is protected
 * @param trustStore the trust store; null for the JVM's default trust
 * @param trustStorePassword the trust store's password as a secret reference; may be null
 * @param verifyHostname whether the server certificate must name the host connected to
 * @param bindDn the DN to bind as; null for anonymous
 * @param password the bind password as a secret reference; null without bindDn
 * @param timeout the connect and response timeout
 */
record Endpoint(
    List<String> hosts,
    int port,
    @Nullable String domain,
    @Nullable String srvRecord,
    @Nullable String dnsServer,
    Security security,
    @Nullable Path trustStore,
    @Nullable String trustStorePassword,
    boolean verifyHostname,
    @Nullable String bindDn,
    @Nullable String password,
    Duration timeout) {

  /** How a connection is protected. */
  enum Security {
    NONE, LDAPS, STARTTLS;

    String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  static final String HOSTS = "hosts";
  static final String PORT = "port";
  static final String DOMAIN = "domain";
  static final String DNS_SERVER = "dnsServer";
  static final String SECURITY = "security";
  static final String TRUST_STORE = "trustStore";
  static final String TRUST_STORE_PASSWORD = "trustStorePassword";
  static final String VERIFY_HOSTNAME = "verifyHostname";
  static final String BIND_DN = "bindDn";
  static final String PASSWORD = "password";
  static final String TIMEOUT = "timeout";

  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
  /** How long SRV answers are cached between connects. */
  static final long SRV_TTL_MILLIS = Duration.ofMinutes(5).toMillis();

  /** The shared connection parameters, in documentation order. */
  static final List<ParameterDescriptor> PARAMETERS = List.of(
      ParameterDescriptor.optional(HOSTS, ParameterType.LIST, null,
          "The servers, as host or host:port, tried in turn; default the MA's host hint"),
      ParameterDescriptor.optional(PORT, ParameterType.INTEGER, null,
          "The port for hosts without one; default 636 with ldaps, else 389"),
      ParameterDescriptor.optional(DOMAIN, ParameterType.STRING, null,
          "Instead of hosts: the DNS domain whose SRV records list the servers"),
      ParameterDescriptor.optional(DNS_SERVER, ParameterType.STRING, null,
          "With domain: the DNS server to ask, as dns://host[:port]; default the system's"),
      new ParameterDescriptor(SECURITY, ParameterType.ENUM, false, null,
          "none, ldaps (TLS from the start) or starttls; default the MA's hint, else none",
          List.of("none", "ldaps", "starttls")),
      ParameterDescriptor.optional(TRUST_STORE, ParameterType.STRING, null,
          "A trust store file (PKCS12 or JKS) with the servers' CA; default the JVM's"),
      ParameterDescriptor.optional(TRUST_STORE_PASSWORD, ParameterType.SECRET, null,
          "The trust store's password, as a secret reference"),
      ParameterDescriptor.optional(VERIFY_HOSTNAME, ParameterType.BOOLEAN, "true",
          "Whether the server's certificate must name the host connected to"),
      ParameterDescriptor.optional(BIND_DN, ParameterType.STRING, null,
          "The DN (or for AD also user@domain) to bind as; anonymous when absent"),
      ParameterDescriptor.optional(PASSWORD, ParameterType.SECRET, null,
          "The bind password, as a secret reference such as ${env:LDAP_PASSWORD}"),
      ParameterDescriptor.optional(TIMEOUT, ParameterType.DURATION, "10s",
          "Connect and response timeout"));

  Endpoint {
    hosts = List.copyOf(hosts);
    Objects.requireNonNull(security, "security");
    Objects.requireNonNull(timeout, "timeout");
    if (hosts.isEmpty() && domain == null) {
      throw new IllegalArgumentException("Give hosts or a domain");
    }
  }

  /** Adds the problems across the connection parameters (as written) to {@code problems}. */
  static void check(Map<String, String> values, List<ConfigProblem> problems) {
    String hosts = values.get(HOSTS);
    if (hosts != null) {
      List<String> list = ParameterValues.parseList(hosts);
      if (list.isEmpty()) {
        problems.add(new ConfigProblem(HOSTS, "must name at least one server"));
      }
      for (String host : list) {
        String problem = hostProblem(host);
        if (problem != null) {
          problems.add(new ConfigProblem(HOSTS, problem));
        }
      }
      if (values.containsKey(DOMAIN)) {
        problems.add(new ConfigProblem(DOMAIN, "cannot be set together with " + HOSTS
            + "; list the servers, or give the domain to find them through DNS, not both"));
      }
    }
    String domain = values.get(DOMAIN);
    if (domain != null && !domain.strip().matches("[A-Za-z0-9]([A-Za-z0-9-]*\\.?)*")) {
      problems.add(new ConfigProblem(DOMAIN, "must be a DNS domain such as corp.example; got '"
          + domain + "'"));
    }
    String dns = values.get(DNS_SERVER);
    if (dns != null && !dns.strip().matches("dns://[^/\\s]+/?")) {
      problems.add(new ConfigProblem(DNS_SERVER, "must be a DNS server URL such as"
          + " dns://10.0.0.53 or dns://127.0.0.1:5353; got '" + dns + "'"));
    } else if (dns != null && domain == null) {
      problems.add(new ConfigProblem(DNS_SERVER, "needs " + DOMAIN + " to look up"));
    }
    String port = values.get(PORT);
    if (port != null && ParameterValues.check(descriptor(PORT), port) == null) {
      long p = ParameterValues.parseInteger(port);
      if (p < 1 || p > 65535) {
        problems.add(new ConfigProblem(PORT, "must be between 1 and 65535, got " + p));
      }
    }
    String bindDn = values.get(BIND_DN);
    if (bindDn != null && bindDn.isBlank()) {
      problems.add(new ConfigProblem(BIND_DN, "must not be blank"));
    }
    if (values.containsKey(PASSWORD) && bindDn == null) {
      problems.add(new ConfigProblem(PASSWORD, "needs " + BIND_DN + " to bind with"));
    }
    if (values.containsKey(TRUST_STORE_PASSWORD) && !values.containsKey(TRUST_STORE)) {
      problems.add(new ConfigProblem(TRUST_STORE_PASSWORD, "needs " + TRUST_STORE));
    }
    if ("none".equalsIgnoreCase(values.get(SECURITY)) && values.containsKey(TRUST_STORE)) {
      problems.add(new ConfigProblem(TRUST_STORE, "is only used with security ldaps or starttls"));
    }
  }

  /**
   * The endpoint a validated configuration names, with the MA's connection hints ({@code host},
   * {@code port}, {@code security}) filling in what the configuration leaves out.
   *
   * @param srvService the SRV record prefix for {@code domain}, such as {@code _ldap._tcp.dc._msdcs}
   * @throws IllegalArgumentException when neither the configuration nor the hints name a server
   */
  static Endpoint from(TriggerConfig config, ManagementAgent ma, String srvService) {
    Map<String, String> hints = ma.connectionHints();
    List<String> hosts = config.value(HOSTS).map(ParameterValues::parseList).orElse(List.of());
    String domain = config.value(DOMAIN).map(String::strip).orElse(null);
    String hintedPort = null;
    String hintedSecurity = null;
    if (hosts.isEmpty() && domain == null) {
      String host = hints.get("host");
      if (host == null || host.isBlank()) {
        throw new IllegalArgumentException("Trigger '" + config.id() + "' names no server: set "
            + HOSTS + " (or " + DOMAIN + "); the MA '" + ma.name() + "' (category '"
            + ma.category() + "') gives no host hint");
      }
      hosts = ParameterValues.parseList(host);
      hintedPort = hints.get("port");
      hintedSecurity = hints.get("security");
    }
    Security security = Security.valueOf(config.value(SECURITY).orElse(
        hintedSecurity == null ? "none" : hintedSecurity).strip().toUpperCase(Locale.ROOT));
    String portText = config.value(PORT).orElse(hintedPort);
    int port = java.util.Optional.ofNullable(portText)
        .map(p -> (int) ParameterValues.parseInteger(p.strip()))
        .orElse(security == Security.LDAPS ? 636 : 389);
    return new Endpoint(hosts, port, domain,
        domain == null ? null : srvService + "." + domain,
        config.value(DNS_SERVER).map(String::strip).orElse(null), security,
        config.value(TRUST_STORE).map(String::strip).map(Path::of).orElse(null),
        config.value(TRUST_STORE_PASSWORD).orElse(null),
        config.value(VERIFY_HOSTNAME).map(ParameterValues::parseBoolean).orElse(true),
        config.value(BIND_DN).map(String::strip).orElse(null),
        config.value(PASSWORD).orElse(null),
        config.value(TIMEOUT).map(ParameterValues::parseDuration).orElse(DEFAULT_TIMEOUT));
  }

  /** For logs and health: {@code ldaps://dc1:636, ldaps://dc2:636} or {@code SRV _ldap._tcp.corp}. */
  String describe() {
    if (hosts.isEmpty()) {
      return "servers of DNS SRV " + srvRecord + (dnsServer == null ? "" : " at " + dnsServer);
    }
    return String.join(", ", hosts.stream().map(h -> url(host(h), port(h))).toList());
  }

  String url(String host, int port) {
    return (security == Security.LDAPS ? "ldaps://" : "ldap://")
        + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }

  /**
   * The connection source: every configured server, starting after the one used last (a
   * {@link RoundRobinServerSet}), or the SRV record's servers, with TLS, host name check and bind
   * applied to every connection it returns.
   *
   * @param secrets resolves secret references
   * @throws EndpointException when TLS cannot be set up or a secret cannot be resolved
   */
  ServerSet serverSet(Function<String, String> secrets) throws EndpointException {
    LDAPConnectionOptions options = new LDAPConnectionOptions();
    options.setConnectTimeoutMillis((int) timeout.toMillis());
    options.setResponseTimeoutMillis(timeout.toMillis());
    options.setUseKeepAlive(true);
    SocketFactory sockets = null;
    PostConnectProcessor startTls = null;
    if (security != Security.NONE) {
      SSLUtil ssl = sslUtil(secrets);
      if (verifyHostname) {
        options.setSSLSocketVerifier(new HostNameSSLSocketVerifier(true));
      }
      try {
        if (security == Security.LDAPS) {
          sockets = ssl.createSSLSocketFactory();
        } else {
          startTls = new StartTLSPostConnectProcessor(ssl.createSSLContext());
        }
      } catch (GeneralSecurityException e) {
        throw new EndpointException("cannot set up TLS: " + e.getMessage(), e);
      }
    }
    BindRequest bind = null;
    if (bindDn != null) {
      String secret = password == null ? "" : resolve(secrets, PASSWORD, password);
      bind = new SimpleBindRequest(bindDn, secret);
    }
    if (hosts.isEmpty()) {
      return new DNSSRVRecordServerSet(srvRecord, dnsServer == null ? null : dnsServer, null,
          SRV_TTL_MILLIS, sockets, options, bind, startTls);
    }
    String[] addresses = hosts.stream().map(Endpoint::host).toArray(String[]::new);
    int[] ports = hosts.stream().mapToInt(this::port).toArray();
    return new RoundRobinServerSet(addresses, ports, sockets, options, bind, startTls);
  }

  /** The URL of the server a connection is connected to. */
  String urlOf(LDAPConnection connection) {
    String host = connection.getConnectedAddress();
    return host == null ? describe() : url(host, connection.getConnectedPort());
  }

  private SSLUtil sslUtil(Function<String, String> secrets) throws EndpointException {
    if (trustStore == null) {
      return new SSLUtil(JVMDefaultTrustManager.getInstance());
    }
    char[] pin = trustStorePassword == null ? null
        : resolve(secrets, TRUST_STORE_PASSWORD, trustStorePassword).toCharArray();
    String type;
    try {
      type = KeyStore.getInstance(trustStore.toFile(), pin).getType();
    } catch (IOException | GeneralSecurityException e) {
      throw new EndpointException("cannot read the trust store '" + trustStore + "' ("
          + e.getMessage() + "); check trustStore and trustStorePassword", e);
    }
    TrustManager trust = new TrustStoreTrustManager(trustStore.toFile(), pin, type, true);
    return new SSLUtil(trust);
  }

  private static String resolve(Function<String, String> secrets, String field, String reference)
      throws EndpointException {
    try {
      return secrets.apply(reference);
    } catch (RuntimeException e) {
      throw new EndpointException("cannot resolve the secret in '" + field + "': "
          + e.getMessage(), e);
    }
  }

  private static @Nullable String hostProblem(String host) {
    if (host.isBlank()) {
      return "has an empty entry; list servers as host or host:port";
    }
    int colon = host.lastIndexOf(':');
    if (colon > 0 && !host.endsWith("]") && host.indexOf(':') == colon) {
      String port = host.substring(colon + 1);
      if (!port.matches("\\d{1,5}") || Integer.parseInt(port) < 1
          || Integer.parseInt(port) > 65535) {
        return "'" + host + "' has no valid port after ':' (expected 1-65535)";
      }
    }
    return null;
  }

  /** The host part of {@code host[:port]} ({@code [v6]:port} and bare IPv6 are understood). */
  static String host(String entry) {
    String e = entry.strip();
    if (e.startsWith("[")) {
      int end = e.indexOf(']');
      return e.substring(1, end);
    }
    int colon = e.lastIndexOf(':');
    return colon > 0 && e.indexOf(':') == colon ? e.substring(0, colon) : e;
  }

  private int port(String entry) {
    String e = entry.strip();
    int colon = e.lastIndexOf(':');
    boolean hasPort = e.startsWith("[") ? e.indexOf("]:") > 0
        : colon > 0 && e.indexOf(':') == colon;
    return hasPort ? Integer.parseInt(e.substring(colon + 1)) : port;
  }

  private static ParameterDescriptor descriptor(String name) {
    return PARAMETERS.stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
  }

  /** Why a connection could not be set up before talking to any server. */
  static final class EndpointException extends Exception {
    EndpointException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
