package org.autosync.distribution;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.SearchScope;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.autosync.host.controller.ControllerEvent;
import org.autosync.host.controller.JournalFile;
import org.autosync.host.demo.DemoDirectories;
import org.autosync.host.demo.DemoLab;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The installed service, as a process, killed with SIGKILL in the middle of the cycle a change
 * started, then started again: the change still arrives (the engine's committed state and the
 * controller's reconciliation at start, DESIGN §3.3).
 */
class ServiceCrashTest {

  @TempDir Path work;

  private Process start(Path installation, Path config, Path plugins, String log)
      throws IOException {
    ProcessBuilder builder = new ProcessBuilder(installation.resolve("bin/autosync").toString(),
        "run", "-c", config.toString(), "--data", work.resolve("data").toString(),
        "--plugins", plugins.toString(), "--log-dir", work.resolve("logs").toString())
        .directory(work.toFile())
        .redirectErrorStream(true)
        .redirectOutput(work.resolve(log).toFile());
    builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
    return builder.start();
  }

  private List<ControllerEvent> journal() {
    Path dir = work.resolve("data/state/journal");
    return Files.isDirectory(dir) ? JournalFile.read(dir) : List.of();
  }

  private static String title(LDAPConnection corp) throws Exception {
    var entries = corp.search(DemoDirectories.CORP_USERS, SearchScope.ONE,
        "(employeeNumber=1001)", "title").getSearchEntries();
    return entries.isEmpty() ? null : entries.getFirst().getAttributeValue("title");
  }

  @Test
  void a_service_killed_mid_cycle_delivers_the_change_once_restarted() throws Exception {
    Path installation = work.resolve("autosync");
    copy(Installation.home(), installation);
    Path plugins = Installation.pluginsFolder(work);
    try (DemoDirectories directories = DemoDirectories.start(0, 0);
        LDAPConnection hr = new LDAPConnection("127.0.0.1", directories.hrPort(),
            DemoDirectories.ADMIN, DemoDirectories.PASSWORD);
        LDAPConnection corp = new LDAPConnection("127.0.0.1", directories.corpPort(),
            DemoDirectories.ADMIN, DemoDirectories.PASSWORD)) {
      Path config = DemoLab.writeConfig(work, directories);
      Process first = start(installation, config, plugins, "first.out");
      try {
        // No first full imports are asked for: delta imports without a watermark lead the
        // controller to the full imports by itself.
        Awaitility.await().atMost(Duration.ofSeconds(120)).until(() -> corp.search(
            DemoDirectories.CORP_USERS, SearchScope.ONE, "(objectClass=*)").getEntryCount() == 50);
        long syncsBefore = hrSyncs();
        hr.modify("employeeNumber=1001," + DemoDirectories.HR_PEOPLE,
            new Modification(ModificationType.REPLACE, "title", "Chief Scientist"));
        // Poll the journal tightly so that the kill lands while the cycle is still going on.
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollDelay(Duration.ZERO)
            .pollInterval(Duration.ofMillis(1)).until(() -> hrSyncs() > syncsBefore);
      } finally {
        first.destroyForcibly(); // SIGKILL, in the middle of the cycle the change started
        assertTrue(first.waitFor(30, TimeUnit.SECONDS));
      }
      Process second = start(installation, config, plugins, "second.out");
      try {
        Awaitility.await().atMost(Duration.ofSeconds(120))
            .until(() -> "Chief Scientist".equals(title(corp)));
        assertTrue(Files.readAllLines(work.resolve(DemoLab.BADGES_FILE)).size() == 51,
            "no badge lost or duplicated");
      } finally {
        second.destroy(); // SIGTERM: a clean stop
        assertTrue(second.waitFor(60, TimeUnit.SECONDS), "stopped on SIGTERM");
      }
    }
  }

  private long hrSyncs() {
    return journal().stream().filter(e -> e.type() == ControllerEvent.Type.RUN_STARTED
        && "HR".equals(e.ma()) && "DS".equals(e.profile())).count();
  }

  private static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path p : paths.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
  }
}
