package org.autosync.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.autosync.api.engine.EngineFactory;
import org.autosync.api.trigger.TriggerFactory;
import org.autosync.host.plugins.PluginHost;
import org.autosync.host.plugins.PluginReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built-in plugins ship as pf4j plugin ZIPs and load like any third-party plugin: this test's
 * class path has the host only, so every engine and trigger type here comes out of a ZIP.
 */
class PluginZipTest {

  @TempDir Path dir;

  @Test
  void the_plugin_classes_are_not_on_the_hosts_class_path() {
    assertThrows(ClassNotFoundException.class, () -> Class.forName(
        "org.autosync.engine.embedded.EmbeddedEngineFactory"));
    assertThrows(ClassNotFoundException.class, () -> Class.forName("com.cronutils.model.Cron"));
    assertThrows(ClassNotFoundException.class, () -> Class.forName("org.h2.Driver"));
  }

  @Test
  void the_engine_and_the_schedule_triggers_come_from_the_zips() throws Exception {
    try (PluginHost host = PluginHost.start(Installation.pluginsFolder(dir))) {
      List<PluginReport> reports = host.reports();
      assertEquals(3, reports.size(), reports.toString());
      reports.forEach(r -> assertTrue(r.ok(), r.toString()));
      EngineFactory embedded = host.engineTypes().get("embedded");
      assertNotNull(embedded, host.engineTypes().toString());
      assertTrue(embedded.getClass().getClassLoader() instanceof org.pf4j.PluginClassLoader,
          "loaded by pf4j: " + embedded.getClass().getClassLoader());
      for (String trigger : List.of("interval", "cron", "ldap-changelog", "ad-notify", "ldap-psearch",
          "ldap-syncrepl")) {
        TriggerFactory factory = host.triggerTypes().get(trigger);
        assertNotNull(factory, host.triggerTypes().toString());
        assertTrue(factory.getClass().getClassLoader() instanceof org.pf4j.PluginClassLoader);
      }
    }
  }

  @Test
  void each_zip_has_plugin_properties_at_the_root_and_bundles_nothing_the_host_has()
      throws Exception {
    Set<String> hostLibraries = new TreeSet<>();
    try (Stream<Path> lib = Files.list(Installation.home().resolve("lib"))) {
      lib.forEach(p -> hostLibraries.add(artifact(p.getFileName().toString())));
    }
    assertEquals(3, Installation.pluginZips().size(), Installation.pluginZips().toString());
    for (Path zip : Installation.pluginZips()) {
      List<String> bundled = new ArrayList<>();
      try (ZipFile file = new ZipFile(zip.toFile())) {
        assertNotNull(file.getEntry("plugin.properties"), zip + " has plugin.properties");
        file.stream().map(ZipEntry::getName)
            .filter(n -> n.startsWith("lib/") && n.endsWith(".jar"))
            .forEach(n -> bundled.add(artifact(n.substring("lib/".length()))));
      }
      assertTrue(bundled.stream().anyMatch(n -> n.startsWith("autosync-")), bundled.toString());
      for (String name : bundled) {
        assertTrue(!hostLibraries.contains(name), zip.getFileName() + " bundles '" + name
            + "', which the host already has in lib/");
      }
    }
  }

  /** {@code jackson-databind-2.20.1.jar} to {@code jackson-databind}. */
  private static String artifact(String jar) {
    return jar.replaceFirst("-\\d[^-]*(-SNAPSHOT)?\\.jar$", "");
  }
}
