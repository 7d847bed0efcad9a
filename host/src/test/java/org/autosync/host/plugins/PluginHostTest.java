package org.autosync.host.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginHostTest {

  @TempDir Path work;

  private static String trigger(String pkg, String id) {
    return """
        package %s;
        import java.util.List;
        import org.autosync.api.trigger.*;
        @org.pf4j.Extension
        public final class Factory implements TriggerFactory {
          public TriggerType type() {
            return new TriggerType("%s", "Test", "A trigger from a test plugin", List.of());
          }
          public Trigger create(TriggerConfig config) {
            return new Trigger() {
              public void start(TriggerContext context) {}
              public void stop() {}
            };
          }
        }
        """.formatted(pkg, id);
  }

  private Path plugins() throws Exception {
    return Files.createDirectories(work.resolve("plugins"));
  }

  private Path plugin(String name, Map<String, String> sources, Map<String, String> manifest)
      throws Exception {
    Path jar = PluginJars.build(work, name, sources, manifest);
    return Files.move(jar, plugins().resolve(jar.getFileName()));
  }

  @Test
  void a_dropped_in_jar_adds_its_trigger_type() throws Exception {
    plugin("good", Map.of("test.good.Factory", trigger("test.good", "from-a-jar")),
        Map.of("Plugin-Id", "good", "Plugin-Version", "1.2.3", "Plugin-Requires", ">=0.1.0"));
    try (PluginHost host = PluginHost.start(plugins())) {
      assertTrue(host.triggerTypes().containsKey("from-a-jar"), host.triggerTypes().toString());
      PluginReport report = host.reports().stream().filter(r -> r.id().equals("good"))
          .findFirst().orElseThrow();
      assertNull(report.problem());
      assertEquals("1.2.3", report.version());
      assertEquals(java.util.List.of("trigger from-a-jar"), report.contributes());
    }
  }

  @Test
  void a_plugin_that_fails_to_start_is_reported_and_the_others_run() throws Exception {
    plugin("good", Map.of("test.good.Factory", trigger("test.good", "still-here")),
        Map.of("Plugin-Id", "good", "Plugin-Version", "1.0.0"));
    plugin("broken", Map.of("test.broken.BrokenPlugin", """
            package test.broken;
            public final class BrokenPlugin extends org.pf4j.Plugin {
              @Override public void start() {
                throw new IllegalStateException("cannot reach its license server");
              }
            }
            """),
        Map.of("Plugin-Id", "broken", "Plugin-Version", "1.0.0",
            "Plugin-Class", "test.broken.BrokenPlugin"));
    try (PluginHost host = PluginHost.start(plugins())) {
      assertTrue(host.triggerTypes().containsKey("still-here"));
      PluginReport broken = host.reports().stream().filter(r -> r.id().equals("broken"))
          .findFirst().orElseThrow();
      assertEquals("FAILED", broken.state());
      assertTrue(broken.problem().contains("cannot reach its license server"), broken.problem());
    }
  }

  @Test
  void a_plugin_for_a_newer_api_is_refused_with_a_clear_message() throws Exception {
    plugin("future", Map.of("test.future.Factory", trigger("test.future", "from-the-future")),
        Map.of("Plugin-Id", "future", "Plugin-Version", "2.0.0", "Plugin-Requires", ">=9.0.0"));
    try (PluginHost host = PluginHost.start(plugins())) {
      assertTrue(!host.triggerTypes().containsKey("from-the-future"));
      PluginReport future = host.reports().getFirst();
      assertTrue(future.problem().contains("needs plugin API >=9.0.0, but this AutoSync offers "
          + PluginHost.API_VERSION), future.problem());
    }
  }

  @Test
  void a_file_that_is_no_plugin_is_reported_not_fatal() throws Exception {
    Files.writeString(plugins().resolve("garbage.jar"), "this is not a jar");
    try (PluginHost host = PluginHost.start(plugins())) {
      PluginReport garbage = host.reports().getFirst();
      assertEquals("FAILED", garbage.state());
      assertTrue(garbage.path().toString().endsWith("garbage.jar"));
    }
  }

  @Test
  void a_missing_folder_means_only_the_class_path_types() {
    try (PluginHost host = PluginHost.start(work.resolve("nope"))) {
      assertEquals(java.util.List.of(), host.reports());
    }
  }
}
