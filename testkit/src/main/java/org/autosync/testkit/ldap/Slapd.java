package org.autosync.testkit.ldap;

import org.autosync.testkit.LoopbackPorts;
import static org.awaitility.Awaitility.await;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A throwaway OpenLDAP {@code slapd} (Debian's package {@code slapd}, 2.5 or newer) run as a child
 * process on a free loopback port, with its configuration, databases and log in one folder.
 *
 * <p>What it serves:
 *
 * <ul>
 *   <li>the data database {@value #SUFFIX} with {@value #PEOPLE}, root DN {@value #ROOT_DN} and
 *       password {@value #PASSWORD}; schemas core, cosine, inetorgperson and nis;
 *   <li>the accesslog overlay on it, logging every successful write to {@value #ACCESSLOG} (one
 *       {@code auditWriteObject} entry per write, with {@code reqDN}, {@code reqType}, {@code
 *       reqMod}, {@code reqStart}, {@code reqResult});
 *   <li>the {@code syncprov} overlay on both databases, so both answer RFC 4533 content-sync
 *       searches (refreshOnly and refreshAndPersist). The accesslog database runs it with {@code
 *       syncprov-nopresent} and {@code syncprov-reloadhint}, as delta-syncrepl wants; the data
 *       database without a session log unless {@link SessionLog#ACCESSLOG} is asked for.
 * </ul>
 *
 * <p>{@link #stop} and {@link #restart} take the server down and bring it back on the same port
 * with the same data, for reconnect tests; {@link #close} stops it for good. The folder stays
 * either way (a {@code @TempDir} removes it).
 *
 * <pre>{@code
 * @Test
 * void sees_a_change(@TempDir Path dir) throws Exception {
 *   Slapd.assumeInstalled();
 *   try (Slapd slapd = Slapd.start(dir);
 *       LDAPConnection admin = slapd.admin()) {
 *     admin.add("uid=ada," + Slapd.PEOPLE, ...);
 *     slapd.stop();      // the server is down; connections to it are closed
 *     slapd.restart();   // the same port and data again
 *   }
 * }
 * }</pre>
 *
 * <p>When slapd is not installed, {@link #assumeInstalled} skips the calling test, except where
 * the environment variable {@code CI} is {@code true}: there it fails, so CI cannot pass by
 * skipping. Tests that use it are best tagged {@code slapd}.
 *
 * <p><b>Threading:</b> thread-safe; {@link #stop}, {@link #restart} and {@link #close} are
 * serialized and block until slapd has stopped or answers. {@link #stop} and {@link #close} are
 * idempotent.
 */
public final class Slapd implements AutoCloseable {

  /** The suffix of the data database. */
  public static final String SUFFIX = "dc=example,dc=org";

  /** An organizational unit for people, created at the first start. */
  public static final String PEOPLE = "ou=people," + SUFFIX;

  /** The root DN of both databases; bind with {@link #PASSWORD}. */
  public static final String ROOT_DN = "cn=admin," + SUFFIX;

  /** The root DN's password. */
  public static final String PASSWORD = "secret";

  /** The suffix of the accesslog database. */
  public static final String ACCESSLOG = "cn=accesslog";

  /** The address slapd listens on. */
  public static final String HOST = "127.0.0.1";

  /** How long {@link #start} and {@link #restart} wait for slapd to answer. */
  public static final Duration START_TIMEOUT = Duration.ofSeconds(20);

  private static final List<Path> BINARIES = List.of(Path.of("/usr/sbin/slapd"),
      Path.of("/usr/local/sbin/slapd"), Path.of("/usr/local/libexec/slapd"));
  private static final Path SCHEMA = Path.of("/etc/ldap/schema");
  private static final Path MODULES = Path.of("/usr/lib/ldap");
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

  private final Path binary;
  private final Path directory;
  private final Path config;
  private final Path log;
  private final int port;
  private final ReentrantLock lock = new ReentrantLock();
  private volatile @Nullable Process process;

  private Slapd(Path binary, Path directory, int port) {
    this.binary = binary;
    this.directory = directory;
    this.config = directory.resolve("slapd.conf");
    this.log = directory.resolve("slapd.log");
    this.port = port;
  }

  /** The slapd binary, when slapd, its schemas and its modules are installed. */
  public static Optional<Path> binary() {
    if (!Files.isRegularFile(SCHEMA.resolve("core.schema"))
        || !Files.exists(MODULES.resolve("accesslog.so"))
        || !Files.exists(MODULES.resolve("syncprov.so"))) {
      return Optional.empty();
    }
    return BINARIES.stream().filter(Files::isExecutable).findFirst();
  }

  /**
   * Skips the calling test (a JUnit assumption) when slapd is missing, or fails it when the
   * environment variable {@code CI} is {@code true}.
   */
  public static void assumeInstalled() {
    if (binary().isPresent()) {
      return;
    }
    String why = "OpenLDAP slapd is not installed (looked for " + BINARIES + ", "
        + SCHEMA.resolve("core.schema") + ", " + MODULES.resolve("accesslog.so") + " and "
        + MODULES.resolve("syncprov.so") + "); install it with 'apt-get install -y slapd'";
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      Assertions.fail(why + " (CI=true: slapd tests must run in CI)");
    }
    Assumptions.abort("Skipped: " + why);
  }

  /**
   * How the data database's {@code syncprov} tells a content-sync consumer that comes back with a
   * cookie which entries were deleted meanwhile.
   */
  public enum SessionLog {
    /**
     * No session log (slapd's default): a consumer whose cookie is behind gets a present phase -
     * the entryUUIDs of every entry still there - and deletes are implicit.
     */
    NONE,
    /**
     * {@code syncprov-sessionlog-source cn=accesslog}: the deletes are named by entryUUID (a
     * syncIdSet with refreshDeletes), also after a restart, as long as the log reaches back to the
     * cookie.
     */
    ACCESSLOG
  }

  /**
   * Starts slapd without a session log ({@link SessionLog#NONE}); see {@link #start(Path,
   * SessionLog)}.
   */
  public static Slapd start(Path directory) throws IOException, LDAPException {
    return start(directory, SessionLog.NONE);
  }

  /**
   * Starts slapd with its files in {@code directory} (created if missing; use an empty folder such
   * as a {@code @TempDir}), waits until it answers and adds {@value #SUFFIX} and {@value #PEOPLE}.
   *
   * @throws IllegalStateException when slapd is not installed or exits while starting (the message
   *     holds its log)
   * @throws org.awaitility.core.ConditionTimeoutException when it does not answer within {@link
   *     #START_TIMEOUT}
   */
  public static Slapd start(Path directory, SessionLog sessionLog)
      throws IOException, LDAPException {
    Objects.requireNonNull(directory, "directory");
    Objects.requireNonNull(sessionLog, "sessionLog");
    Path slapd = binary().orElseThrow(() -> new IllegalStateException(
        "Cannot start slapd because it is not installed; call Slapd.assumeInstalled() first"));
    Files.createDirectories(directory.resolve("data"));
    Files.createDirectories(directory.resolve("accesslog"));
    Files.writeString(directory.resolve("slapd.conf"), config(directory, sessionLog));
    Slapd started = new Slapd(slapd, directory, LoopbackPorts.free());
    try {
      started.launch();
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

  /** The loopback port slapd listens on; it stays the same across {@link #restart}. */
  public int port() {
    return port;
  }

  /** The LDAP URL slapd listens on, such as {@code ldap://127.0.0.1:38123/}. */
  public String url() {
    return "ldap://" + HOST + ":" + port + "/";
  }

  /** The folder with slapd's configuration ({@code slapd.conf}), databases and log. */
  public Path directory() {
    return directory;
  }

  /** True while the slapd process runs. */
  public boolean isRunning() {
    Process running = process;
    return running != null && running.isAlive();
  }

  /** A new connection bound as {@link #ROOT_DN}; the caller closes it. */
  public LDAPConnection admin() throws LDAPException {
    LDAPConnection connection = new LDAPConnection(HOST, port);
    try {
      connection.bind(ROOT_DN, PASSWORD);
      return connection;
    } catch (LDAPException e) {
      connection.close();
      throw e;
    }
  }

  /** What slapd printed so far, over all its starts. */
  public String log() {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  /**
   * Stops slapd (SIGTERM, then SIGKILL after 10 s) and waits for it to exit, keeping its folder
   * and port for {@link #restart}. Its clients see their connections closed. Idempotent.
   */
  public void stop() {
    lock.lock();
    try {
      Process running = process;
      if (running == null) {
        return;
      }
      running.destroy();
      try {
        if (!running.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
          running.destroyForcibly();
          running.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        }
      } catch (InterruptedException e) {
        running.destroyForcibly();
        Thread.currentThread().interrupt();
      }
      process = null;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Starts slapd again on the same port with the same configuration and data, stopping it first
   * if it runs, and waits until it answers. Content-sync cookies issued before stay valid.
   *
   * @throws IllegalStateException when slapd exits while starting (for example because something
   *     else took the port meanwhile); the message holds its log
   */
  public void restart() {
    lock.lock();
    try {
      stop();
      launch();
    } finally {
      lock.unlock();
    }
  }

  /** Stops slapd and waits for it to exit; idempotent. The folder stays. */
  @Override
  public void close() {
    stop();
  }

  @Override
  public String toString() {
    return "slapd at " + url() + " in " + directory + (isRunning() ? "" : " (stopped)");
  }

  private void launch() {
    lock.lock();
    try {
      Process started = new ProcessBuilder(binary.toString(), "-d", "0", "-h", url(),
          "-f", config.toString())
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
          .start();
      process = started;
      await("slapd answering on " + url()).atMost(START_TIMEOUT)
          .pollInterval(Duration.ofMillis(20))
          .until(() -> {
            if (!started.isAlive()) {
              throw new IllegalStateException("slapd exited with " + started.exitValue()
                  + " while starting on " + url() + "; its log:\n" + log());
            }
            return answers();
          });
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot run " + binary, e);
    } finally {
      lock.unlock();
    }
  }

  private boolean answers() {
    try (LDAPConnection probe = new LDAPConnection(HOST, port)) {
      return probe.getRootDSE() != null;
    } catch (LDAPException e) {
      return false;
    }
  }

  private static String config(Path directory, SessionLog sessionLog) {
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
        %3$s
        overlay accesslog
        logdb cn=accesslog
        logops writes
        logsuccess TRUE
        logpurge 07+00:00 01+00:00
        """.formatted(directory.toAbsolutePath(), MODULES,
            sessionLog == SessionLog.ACCESSLOG ? "syncprov-sessionlog-source cn=accesslog" : ""));
    return conf.toString();
  }
}
