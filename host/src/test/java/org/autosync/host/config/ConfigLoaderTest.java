package org.autosync.host.config;

import static org.autosync.host.config.TestTriggers.load;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.autosync.api.ProfileType;
import org.autosync.host.controller.ControllerSettings;
import org.autosync.host.controller.MaSettings;
import org.autosync.host.controller.ProfileMappings;
import org.autosync.host.controller.RetryPolicy;
import org.autosync.host.controller.RunMode;
import org.autosync.host.controller.StagingThreshold;
import org.autosync.host.controller.StagingThreshold.Operation;
import org.autosync.host.trigger.TriggerSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

  static final String FULL = """
      engine:
        type: embedded
        settings:
          store: state
          mas:
            - name: HR
              connector: {type: ldap, options: {host: 127.0.0.1, port: "10389"}}
      controller:
        runMode: exclusive
        retry: {maxAttempts: 3, initialDelay: 10s, multiplier: 1.5, maxDelay: 2m, jitter: 0}
        busyRetry: {maxAttempts: 100}
        timeLimit: 2h
        stagger: 250ms
        fimExportTakesSyncSlot: false
        engineCheckInterval: 30s
        reconcileInterval: 1h
      mas:
        HR:
          enabled: true
          mappings:
            default: {DeltaImport: DI, FullImport: FI, DeltaSync: DS, Export: E}
          lockWith: [CORP]
          thresholds:
            - {operation: delete, limit: 50}
            - {operation: total, percent: 10, partition: default}
          timeLimits: {FI: 8h}
          triggers:
            - id: hr-every-minute
              type: every
              interval: 1m
            - id: hr-watch
              type: watch
              host: hr.example
              bases: [ou=people, ou=groups]
        CORP:
          enabled: true
      """;

  @TempDir Path dir;

  @Test
  void a_full_file_binds_to_controller_settings_ma_settings_and_triggers() {
    AutoSyncConfig config = load(FULL);

    ControllerSettings c = config.controller();
    assertEquals(RunMode.EXCLUSIVE, c.runMode());
    assertEquals(new RetryPolicy(3, Duration.ofSeconds(10), 1.5, Duration.ofMinutes(2), 0),
        c.retry());
    assertEquals(new RetryPolicy(100, Duration.ofSeconds(1), 2.0, Duration.ofMinutes(1), 0.2),
        c.busyRetry(), "what busyRetry leaves out comes from its own defaults");
    assertEquals(Duration.ofHours(2), c.defaultTimeLimit());
    assertEquals(Duration.ofMillis(250), c.stagger());
    assertFalse(c.fimExportTakesSyncSlot());
    assertEquals(Duration.ofSeconds(30), c.engineCheckInterval());
    assertEquals(Duration.ofHours(1), c.reconcileInterval());

    MaSettings hr = c.mas().get("HR");
    assertTrue(hr.enabled());
    assertEquals(new ProfileMappings(Map.of("default", Map.of(ProfileType.DELTA_IMPORT, "DI",
        ProfileType.FULL_IMPORT, "FI", ProfileType.DELTA_SYNC, "DS", ProfileType.EXPORT, "E"))),
        hr.mappings());
    assertEquals(Set.of("CORP"), hr.lockWith());
    assertEquals(List.of(StagingThreshold.absolute(Operation.DELETE, 50),
        StagingThreshold.percentage(Operation.TOTAL, 10).forPartition("default")),
        hr.thresholds());
    assertEquals(Map.of("FI", Duration.ofHours(8)), hr.timeLimits());
    assertEquals(MaSettings.enabled("CORP"), c.mas().get("CORP"));

    assertEquals("embedded", config.engineType());
    assertEquals("autosync.yaml", config.source());
  }

  @Test
  void triggers_are_built_with_their_factories_and_defaults_filled_in() {
    List<TriggerSpec> triggers = load(FULL).triggers();

    assertEquals(List.of("hr-every-minute", "hr-watch"),
        triggers.stream().map(TriggerSpec::id).toList());
    TriggerSpec every = triggers.get(0);
    assertEquals(TestTriggers.EVERY, every.factory());
    assertEquals("HR", every.config().ma());
    assertEquals("every", every.config().type());
    assertEquals(Map.of("interval", "1m", "front", "false"), every.config().values());
    assertEquals(Duration.ofMinutes(1), every.config().duration("interval"));

    TriggerSpec watch = triggers.get(1);
    assertEquals(Map.of("host", "hr.example", "bases", "ou=people,ou=groups", "pageSize", "500"),
        watch.config().values(),
        "lists are comma-joined; optional values without a default stay unset");
    assertEquals(List.of("ou=people", "ou=groups"), watch.config().list("bases"));
  }

  @Test
  void a_minimal_file_gets_every_default() {
    AutoSyncConfig config = load("""
        engine: {type: embedded}
        """);

    assertEquals(ControllerSettings.defaults(), config.controller());
    assertEquals(Map.of(), config.engineSettings());
    assertEquals(List.of(), config.triggers());
  }

  @Test
  void an_ma_is_disabled_unless_its_block_enables_it() {
    AutoSyncConfig config = load("""
        engine: {type: embedded}
        mas:
          HR:
            triggers: [{id: hr, type: every, interval: 5m}]
          CORP:
          LAB: {enabled: false}
        """);

    Map<String, MaSettings> mas = config.controller().mas();
    assertEquals(Set.of("HR", "CORP", "LAB"), mas.keySet());
    mas.values().forEach(ma -> assertFalse(ma.enabled(), ma.name()));
    assertEquals(MaSettings.enabled("CORP").withEnabled(false), mas.get("CORP"),
        "an empty block is all defaults: disabled, discovered mappings, no locks or limits");
    assertEquals(1, config.triggersOf("HR").size(), "a disabled MA keeps its triggers");
  }

  @Test
  void engine_settings_are_handed_over_as_plain_values_in_file_order() {
    AutoSyncConfig config = load("""
        engine:
          type: embedded
          settings:
            store: state
            port: 10389
            big: 12345678901
            ratio: 0.5
            paged: true
            country: NO
            octal: 0389
            when: 2024-01-01
            nothing: ~
            list: [a, 1, false]
            nested: {z: 1, a: 2}
        """);

    Map<String, Object> expected = new LinkedHashMap<>();
    expected.put("store", "state");
    expected.put("port", 10389);
    expected.put("big", 12345678901L);
    expected.put("ratio", 0.5);
    expected.put("paged", true);
    expected.put("country", "NO");
    expected.put("octal", "0389");
    expected.put("when", "2024-01-01");
    expected.put("nothing", null);
    expected.put("list", List.of("a", 1, false));
    expected.put("nested", Map.of("z", 1, "a", 2));
    assertEquals(expected, config.engineSettings());
    assertEquals(List.copyOf(expected.keySet()), List.copyOf(config.engineSettings().keySet()));
    assertEquals(List.of("z", "a"), List.copyOf(
        ((Map<?, ?>) config.engineSettings().get("nested")).keySet()));
    assertThrows(UnsupportedOperationException.class,
        () -> ((Map<?, ?>) config.engineSettings().get("nested")).clear());
  }

  @Test
  void secret_references_stay_references_in_engine_settings_and_trigger_values() {
    AutoSyncConfig config = load("""
        engine:
          type: embedded
          settings:
            options: {password: "${env:HR_PW}", trustStorePassword: '${file:/run/secrets/ts}'}
        mas:
          HR:
            triggers:
              - {id: w, type: watch, host: hr, bindPassword: "${env:HR_PW}"}
        """);

    assertEquals(
        Map.of("password", "${env:HR_PW}", "trustStorePassword", "${file:/run/secrets/ts}"),
        config.engineSettings().get("options"));
    assertEquals("${env:HR_PW}", config.triggers().getFirst().config().string("bindPassword"));
  }

  @Test
  void merge_keys_share_settings_between_mas() {
    AutoSyncConfig config = load("""
        engine: {type: embedded}
        mas:
          HR: &common
            enabled: true
            thresholds: [{operation: delete, limit: 10}]
          CORP:
            <<: *common
            enabled: false
        """);

    MaSettings corp = config.controller().mas().get("CORP");
    assertFalse(corp.enabled(), "a key written in the block wins over a merged one");
    assertEquals(List.of(StagingThreshold.absolute(Operation.DELETE, 10)), corp.thresholds());
  }

  @Test
  void a_file_is_read_as_utf8_and_named_by_its_path() throws Exception {
    Path file = Files.writeString(dir.resolve("autosync.yaml"), FULL);

    AutoSyncConfig config = ConfigLoader.load(file, TestTriggers.TYPES, TestTriggers.ENGINES);

    assertEquals(file.toString(), config.source());
    assertEquals(2, config.triggers().size());
  }

  @Test
  void a_missing_file_is_one_error_naming_the_file() {
    Path missing = dir.resolve("nope.yaml");

    ConfigException e = assertThrows(ConfigException.class,
        () -> ConfigLoader.load(missing, TestTriggers.TYPES, TestTriggers.ENGINES));

    assertEquals(List.of(missing + ": cannot read the file: NoSuchFileException"),
        e.errors().stream().map(ConfigError::toString).toList());
  }
}
