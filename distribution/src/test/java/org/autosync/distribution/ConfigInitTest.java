package org.autosync.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.autosync.api.engine.RunProfile;
import org.autosync.api.engine.StepKind;
import org.autosync.host.config.AutoSyncConfig;
import org.autosync.host.config.ConfigLoader;
import org.autosync.host.config.StarterConfig;
import org.autosync.host.controller.MaSettings;
import org.autosync.host.cli.AutoSyncCli;
import org.autosync.host.plugins.PluginHost;
import org.autosync.host.trigger.TriggerSpec;
import org.autosync.testkit.FakeEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code autosync config init} with the built-in plugins: the starter it writes loads and runs nothing. */
class ConfigInitTest {

  @TempDir Path dir;
  final StringWriter out = new StringWriter();
  final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cli = new CommandLine(new AutoSyncCli());
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  /** An embedded engine with two CSV MAs: nothing to connect to. */
  private Path engineConfig() throws Exception {
    Files.writeString(dir.resolve("badges.csv"), "employeeNumber,displayName\n");
    Path file = dir.resolve("engine.yaml");
    Files.writeString(file, """
        engine:
          type: embedded
          settings:
            store: engine
            metaverse: {person: {attributes: [employeeNumber, displayName]}}
            mas:
              - name: BADGES
                category: CSV
                connector:
                  type: csv
                  options: {file: "%s", dnColumn: employeeNumber, objectType: badge,
                            columns: "employeeNumber,displayName"}
                objectTypes:
                  - {name: badge, anchor: employeeNumber, attributes: [employeeNumber, displayName],
                     metaverseType: person, join: [{cs: employeeNumber, mv: employeeNumber}],
                     project: true}
                profiles:
                  FI: [{kind: FullImport}]
                  DI: [{kind: DeltaImport}]
                  DS: [{kind: DeltaSync}]
                  E: [{kind: Export}]
                  FI and FS: [{kind: FullImport}, {kind: FullSync}]
        """.formatted(dir.resolve("badges.csv").toString().replace("\\", "/")));
    return file;
  }

  private AutoSyncConfig load(Path file) throws java.io.IOException {
    try (PluginHost plugins = PluginHost.start(Installation.pluginsFolder(dir))) {
      return ConfigLoader.load(file, plugins.triggerTypes(), plugins.engineTypes().keySet());
    }
  }

  @Test
  void writes_a_starter_that_loads_with_every_ma_disabled() throws Exception {
    Path output = dir.resolve("conf/autosync.yaml");
    assertEquals(0, run("config", "init", "--engine-config", engineConfig().toString(),
        "--output", output.toString(), "--plugins", Installation.pluginsFolder(dir).toString()),
        err.toString());
    AutoSyncConfig config = load(output);
    assertEquals(List.of("BADGES"), List.copyOf(config.controller().mas().keySet()));
    assertTrue(config.controller().mas().values().stream().noneMatch(MaSettings::enabled));
    assertEquals("FI", config.controller().mas().get("BADGES").mappings().byPartition()
        .get("default").get(org.autosync.api.ProfileType.FULL_IMPORT));
    assertEquals(List.of("interval", "cron"),
        config.triggersOf("BADGES").stream().map(t -> t.config().type()).toList());
    String printed = out.toString();
    assertTrue(printed.contains("BADGES (category CSV)"), printed);
    assertTrue(printed.contains("autosync validate -c"), printed);
  }

  @Test
  void refuses_to_overwrite_without_force() throws Exception {
    Path output = dir.resolve("autosync.yaml");
    Files.writeString(output, "# mine\n");
    String[] args = {"config", "init", "--engine-config", engineConfig().toString(), "--output",
        output.toString(), "--plugins", Installation.pluginsFolder(dir).toString()};
    assertEquals(1, run(args));
    assertTrue(err.toString().contains("--force"), err.toString());
    assertEquals("# mine\n", Files.readString(output));

    String[] forced = java.util.Arrays.copyOf(args, args.length + 1);
    forced[args.length] = "--force";
    assertEquals(0, run(forced), err.toString());
    assertTrue(Files.readString(output).contains("enabled: false"));
  }

  @Test
  void reports_problems_of_the_engine_file_with_their_lines() throws Exception {
    Path file = dir.resolve("engine.yaml");
    Files.writeString(file, "engine:\n  type: nonesuch\n");
    assertEquals(1, run("config", "init", "--engine-config", file.toString(), "--output",
        dir.resolve("out.yaml").toString(), "--plugins", Installation.pluginsFolder(dir).toString()));
    assertTrue(err.toString().contains("engine.yaml:2:"), err.toString());
    assertTrue(Files.notExists(dir.resolve("out.yaml")));
  }

  @Test
  void the_starter_of_every_category_loads_with_the_real_schedule_triggers() throws Exception {
    FakeEngine engine = FakeEngine.builder()
        .ma("CORP", ma -> ma.category("AD").partitions("dc=corp", "dc=lab").standardProfiles())
        .ma("MIM", ma -> ma.category("FIM").standardProfiles())
        .ma("HR", ma -> ma.category("LDAP").standardProfiles()
            .profile(RunProfile.of("DIDS", StepKind.DELTA_IMPORT_DELTA_SYNC, "default")))
        .ma("APP", ma -> ma.category("Extensible2").standardProfiles())
        .build();
    Path file = dir.resolve("starter.yaml");
    Files.writeString(file, StarterConfig.generate("embedded", Map.of(), engine,
        ZoneId.of("America/New_York")).text());
    AutoSyncConfig config = load(file);
    assertEquals(4, config.controller().mas().size());
    assertTrue(config.controller().mas().values().stream().noneMatch(MaSettings::enabled));
    assertEquals(List.of("corp-delta-import", "mim-delta-import", "hr-delta-import",
        "hr-nightly-full-import", "app-delta-import", "app-nightly-full-import"),
        config.triggers().stream().map(TriggerSpec::id).toList());
  }
}
