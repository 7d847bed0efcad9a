package org.autosync.engine.embedded.connector.ldap;

import static org.awaitility.Awaitility.await;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A throwaway OpenLDAP {@code slapd} (Debian's package {@code slapd}) with the accesslog overlay,
 * run as a child process on a free loopback port with its configuration and databases in a
 * folder: suffix {@code dc=example,dc=org} with {@code ou=people}, root DN {@code
 * cn=admin,dc=example,dc=org} / {@code secret}, log database {@code cn=accesslog}.
 *
 * <pre>{@code
 * Slapd.assumeInstalled();
 * try (Slapd slapd = Slapd.start(tempDir)) { ... slapd.port() ... }
 * }</pre>
 *
 * <p>When slapd is not installed, {@link #assumeInstalled} skips the test, except where the
 * environment variable {@code CI} is {@code true}: there it fails, so CI cannot pass by skipping.
 */
final class Slapd implements AutoCloseable {

  static final String SUFFIX = "dc=example,dc=org";
  static final String PEOPLE = "ou=people," + SUFFIX;
  static final String ROOT_DN = "cn=admin," + SUFFIX;
  static final String PASSWORD = "secret";
  static final String ACCESSLOG = "cn=accesslog";

  private static final List<Path> BINARIES = List.of(Path.of("/usr/sbin/slapd"),
      Path.of("/usr/local/sbin/slapd"), Path.of("/usr/local/libexec/slapd"));
  private static final Path SCHEMA = Path.of("/etc/ldap/schema");
  private static final Path MODULES = Path.of("/usr/lib/ldap");
  private static final Duration START_TIMEOUT = Duration.ofSeconds(20);

  private final Process process;
  private final int port;
  private final Path log;

  private Slapd(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  /** The slapd binary, when slapd, its schema and its modules are installed. */
  static Optional<Path> binary() {
    if (!Files.isRegularFile(SCHEMA.resolve("core.schema"))
        || !Files.exists(MODULES.resolve("accesslog.so"))) {
      return Optional.empty();
    }
    return BINARIES.stream().filter(Files::isExecutable).findFirst();
  }

  /** Skips the calling test when slapd is missing, or fails it when {@code CI} is true. */
  static void assumeInstalled() {
    if (binary().isPresent()) {
      return;
    }
    String why = "OpenLDAP slapd is not installed (looked for " + BINARIES + ", "
        + SCHEMA.resolve("core.schema") + " and " + MODULES.resolve("accesslog.so")
        + "); install it with 'apt-get install -y slapd'";
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      Assertions.fail(why + " (CI=true: slapd tests must run in CI)");
    }
    Assumptions.abort("Skipped: " + why);
  }

  /** Starts slapd with its files in {@code directory} and loads the base entries. */
  static Slapd start(Path directory) throws IOException, LDAPException {
    Path slapd = binary().orElseThrow(() -> new IllegalStateException("slapd is not installed"));
    Files.createDirectories(directory.resolve("data"));
    Files.createDirectories(directory.resolve("accesslog"));
    Path config = Files.writeString(directory.resolve("slapd.conf"), config(directory));
    Path log = directory.resolve("slapd.log");
    int port = freePort();
    Process process = new ProcessBuilder(slapd.toString(), "-d", "0",
        "-h", "ldap://127.0.0.1:" + port + "/", "-f", config.toString())
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
    Slapd started = new Slapd(process, port, log);
    try {
      await("slapd answering on port " + port).atMost(START_TIMEOUT)
          .pollInterval(Duration.ofMillis(20))
          .until(() -> {
            if (!process.isAlive()) {
              throw new IllegalStateException("slapd exited with " + process.exitValue() + ": "
                  + started.log());
            }
            return started.answers();
          });
      try (LDAPConnection admin = started.admin()) {
        admin.add(SUFFIX, new Attribute("objectClass", "top", "dcObject", "organization"),
            new Attribute("dc", "example"), new Attribute("o", "Example"));
        admin.add(PEOPLE, new Attribute("objectClass", "organizationalUnit"),
            new Attribute("ou", "people"));
      }
      return started;
    } catch (RuntimeException | LDAPException e) {
      started.close();
      throw e;
    }
  }

  int port() {
    return port;
  }

  /** A connection bound as the root DN; the caller closes it. */
  LDAPConnection admin() throws LDAPException {
    LDAPConnection connection = new LDAPConnection("127.0.0.1", port);
    try {
      connection.bind(ROOT_DN, PASSWORD);
      return connection;
    } catch (LDAPException e) {
      connection.close();
      throw e;
    }
  }

  /** What slapd printed so far. */
  String log() {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  /** Stops slapd and waits for it to exit; idempotent. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private boolean answers() {
    try (LDAPConnection probe = new LDAPConnection("127.0.0.1", port)) {
      return probe.getRootDSE() != null;
    } catch (LDAPException e) {
      return false;
    }
  }

  private static String config(Path directory) {
    StringBuilder conf = new StringBuilder();
    Stream.of("core", "cosine", "inetorgperson", "nis").forEach(schema -> conf.append(
        "include ").append(SCHEMA.resolve(schema + ".schema")).append('\n'));
    conf.append("""
        pidfile %1$s/slapd.pid
        modulepath %2$s
        moduleload back_mdb
        moduleload syncprov
        moduleload accesslog
        database mdb
        suffix "cn=accesslog"
        rootdn "cn=admin,dc=example,dc=org"
        directory %1$s/accesslog
        index entryCSN,objectClass,reqEnd,reqResult,reqStart,reqDN eq
        overlay syncprov
        syncprov-nopresent TRUE
        syncprov-reloadhint TRUE
        database mdb
        suffix "dc=example,dc=org"
        rootdn "cn=admin,dc=example,dc=org"
        rootpw secret
        directory %1$s/data
        index objectClass,entryCSN,entryUUID eq
        overlay syncprov
        syncprov-checkpoint 100 10
        overlay accesslog
        logdb cn=accesslog
        logops writes
        logsuccess TRUE
        logpurge 07+00:00 01+00:00
        """.formatted(directory.toAbsolutePath(), MODULES));
    return conf.toString();
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
