package org.autosync.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/autosync} of the assembled distribution, run as a process the way an operator runs
 * it: it finds a Java by itself and loads the built-in plugins from its {@code plugins/} ZIPs.
 */
class InstalledCommandTest {

  @TempDir Path workingDir;

  record Result(int exit, String out) {}

  private Result autosync(String... args) throws IOException, InterruptedException {
    Path home = Installation.home();
    // a copy, so that pf4j unpacks the ZIPs in this test's folder, not in target/
    Path installation = workingDir.resolve("autosync");
    if (!Files.exists(installation)) {
      copy(home, installation);
    }
    List<String> command = new ArrayList<>(List.of(
        installation.resolve("bin/autosync").toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(workingDir.toFile())
        .redirectErrorStream(true);
    // the JDK running this test is 21+; bin/autosync must find it without help as well, but
    // JAVA_HOME keeps the test independent of what else the machine has installed
    builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
    Process process = builder.start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), "bin/autosync finished");
    return new Result(process.exitValue(), out);
  }

  private static void copy(Path from, Path to) throws IOException {
    try (var files = Files.walk(from)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
  }

  @Test
  void version_names_autosync_and_the_plugin_api() throws Exception {
    Result r = autosync("--version");
    assertEquals(0, r.exit(), r.out());
    assertTrue(r.out().contains("AutoSync 0.") && r.out().contains("plugin API"), r.out());
  }

  @Test
  void plugins_lists_the_engine_and_triggers_from_the_plugin_zips() throws Exception {
    Result r = autosync("plugins");
    assertEquals(0, r.exit(), r.out());
    assertTrue(r.out().contains("autosync-engine-embedded"), r.out());
    assertTrue(r.out().contains("autosync-triggers-schedule"), r.out());
    assertTrue(r.out().contains("engine types:  [embedded]"), r.out());
    assertTrue(r.out().contains("interval") && r.out().contains("cron"), r.out());
    assertTrue(r.out().contains("STARTED"), r.out());
  }

  @Test
  void the_installation_ships_the_gallery_and_installs_from_it_beside_plugins() throws Exception {
    Path gallery = Installation.home().resolve("gallery");
    for (String file : List.of("README.md", "index.json", "schema/manifest.schema.json",
        "nightly-full-import/manifest.json", "nightly-full-import/trigger.py",
        "maintenance-window/controller.js")) {
      assertTrue(Files.isRegularFile(gallery.resolve(file)), file);
    }
    for (String notShipped : List.of("pom.xml", "src", "target")) {
      assertFalse(Files.exists(gallery.resolve(notShipped)), notShipped);
    }

    Result list = autosync("gallery", "list");
    assertEquals(0, list.exit(), list.out());
    assertTrue(list.out().contains("nightly-full-import") && list.out().contains("python")
        && list.out().contains("entries in " + workingDir.resolve("autosync/gallery")),
        list.out());

    Result install = autosync("gallery", "install", "delta-import-every");
    assertEquals(0, install.exit(), install.out());
    Path installed = workingDir.resolve("autosync/scripts/delta-import-every");
    assertTrue(Files.isRegularFile(installed.resolve(".gallery.json")), install.out());
    Result plugins = autosync("plugins");
    assertTrue(plugins.out().contains("script.delta-import-every"), plugins.out());
    Result verify = autosync("gallery", "verify");
    assertEquals(0, verify.exit(), verify.out());
    assertTrue(verify.out().contains("delta-import-every       1.0.0    intact"), verify.out());
  }

  @Test
  void logs_go_to_a_file_under_log_dir_as_json_when_asked() throws Exception {
    Result r = autosync("plugins", "--log-format", "json", "--log-dir", "var/log");
    assertEquals(0, r.exit(), r.out());
    String log = Files.readString(workingDir.resolve("var/log/autosync.log"));
    assertTrue(log.startsWith("{") && log.contains("\"level\":\"INFO\"")
        && log.contains("Plugin 'autosync-engine-embedded'"), log);
  }

  @Test
  void logs_go_to_logs_in_the_working_folder_as_text_by_default() throws Exception {
    Result r = autosync("plugins");
    assertEquals(0, r.exit(), r.out());
    String log = Files.readString(workingDir.resolve("logs/autosync.log"));
    assertTrue(log.contains(" INFO ") && log.contains("Plugin 'autosync-triggers-schedule'"), log);
  }
}
