package org.autosync.host.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.autosync.host.config.AutoSyncConfig;
import org.autosync.host.config.ConfigError;
import org.autosync.host.config.ConfigException;
import org.autosync.host.config.ConfigLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scripts in the scripts folder beside the plugins folder are trigger types like any other. */
class ScriptTriggerTypesTest {

  @TempDir Path work;

  private void install(String id) throws Exception {
    Path dir = Files.createDirectories(work.resolve("scripts").resolve(id));
    Files.writeString(dir.resolve("manifest.json"), """
        {"id": "%s", "name": "Rows changed", "version": "1.0.0",
         "description": "Fires when rows changed", "language": "javascript",
         "entry": "trigger.js",
         "parameters": [{"name": "table", "type": "string", "required": true,
                         "description": "The table to watch"}],
         "capabilities": ["sql"]}
        """.formatted(id));
    Files.writeString(dir.resolve("trigger.js"), "function poll(ctx) { return null; }");
  }

  private static final String CONFIG = """
      engine: {type: embedded}
      mas:
        HR:
          enabled: true
          triggers:
            - id: hr-rows
              type: script.rows-changed
              interval: 1m
              %s
      """;

  @Test
  void an_installed_script_is_a_trigger_type_and_its_block_is_validated_with_locations()
      throws Exception {
    install("rows-changed");
    try (PluginHost host = PluginHost.start(Files.createDirectories(work.resolve("plugins")))) {
      assertTrue(host.triggerTypes().containsKey("script.rows-changed"),
          host.triggerTypes().keySet().toString());
      assertTrue(host.reports().stream().anyMatch(r -> r.id().equals("script rows-changed")
          && r.ok() && r.contributes().equals(List.of("trigger script.rows-changed"))));

      AutoSyncConfig ok = ConfigLoader.load(CONFIG.formatted("table: people")
              + "        jdbcUrl: jdbc:h2:mem:hr\n",
          "autosync.yaml", host.triggerTypes(), Set.of("embedded"));
      assertEquals("script.rows-changed", ok.triggers().getFirst().config().type());

      ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(
          CONFIG.formatted("tabel: people"), "autosync.yaml", host.triggerTypes(),
          Set.of("embedded")));
      List<String> errors = e.errors().stream().map(ConfigError::toString).toList();
      assertTrue(errors.contains("autosync.yaml:9:9: mas.HR.triggers[0].tabel: unknown key; did"
          + " you mean 'table'? trigger type 'script.rows-changed' expects id, type, table,"
          + " interval, timeout, onError, profile, profileType, partition, exclusive, front,"
          + " jdbcUrl, jdbcUser, jdbcPassword"), errors.toString());
      assertTrue(errors.stream().anyMatch(s -> s.startsWith("autosync.yaml:6:9:"
          + " mas.HR.triggers[0]") && s.contains("table: is required")), errors.toString());
    }
  }

  @Test
  void a_newly_installed_script_is_seen_without_restarting_the_host() throws Exception {
    try (PluginHost host = PluginHost.start(Files.createDirectories(work.resolve("plugins")))) {
      assertTrue(host.triggerTypes().keySet().stream().noneMatch(t -> t.startsWith("script.")));
      install("later");
      assertTrue(host.triggerTypes().containsKey("script.later"));
    }
  }
}
