package org.autosync.host.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Every kind of error names file, line, column, field path and what was expected. */
class ConfigErrorsTest {

  static List<String> errors(String yaml) {
    ConfigException e = assertThrows(ConfigException.class, () -> TestTriggers.load(yaml));
    return e.errors().stream().map(ConfigError::toString).toList();
  }

  static void assertError(String expected, String yaml) {
    assertEquals(List.of(expected), errors(yaml));
  }

  @Test
  void an_unknown_key_lists_the_known_ones_and_suggests_a_near_one() {
    assertError("autosync.yaml:3:3: controller.retrys: unknown key; did you mean 'retry'?"
        + " expected one of runMode, retry, busyRetry, timeLimit, stagger, fimExportTakesSyncSlot,"
        + " engineCheckInterval, reconcileInterval, vetoRetryInterval, controllerScript", """
        engine: {type: embedded}
        controller:
          retrys: {maxAttempts: 1}
        """);
    assertError("autosync.yaml:2:1: engines: unknown key; did you mean 'engine'?"
        + " expected one of engine, controller, mas", """
        engine: {type: embedded}
        engines: {}
        """);
    assertError("autosync.yaml:4:5: mas.HR.enable: unknown key; did you mean 'enabled'? expected"
        + " one of enabled, mappings, lockWith, thresholds, timeLimits, controllerScript,"
        + " triggers", """
        engine: {type: embedded}
        mas:
          HR:
            enable: true
        """);
  }

  @Test
  void a_bad_enum_value_lists_the_accepted_ones() {
    assertError("autosync.yaml:5:21: mas.HR.thresholds[0].operation: expected one of add, update,"
        + " rename, delete, delete-add, total; got 'deletes'", """
        engine: {type: embedded}
        mas:
          HR:
            thresholds:
              - {operation: deletes, limit: 50}
        """);
    assertError("autosync.yaml:3:12: controller.runMode: expected one of supported, exclusive,"
        + " unsupported; got 'parallel'", """
        engine: {type: embedded}
        controller:
          runMode: parallel
        """);
  }

  @Test
  void wrong_types_say_what_was_expected() {
    assertEquals(List.of(
        "autosync.yaml:3:14: controller.timeLimit: expected a duration such as 30s, 5m, 2h, 1d or"
            + " PT5M; got 'four hours'",
        "autosync.yaml:4:27: controller.fimExportTakesSyncSlot: expected true or false; got 'yes'",
        "autosync.yaml:5:24: controller.retry.maxAttempts: expected a whole number; got 'many'",
        "autosync.yaml:5:38: controller.retry.jitter: expected a number; got 'a little'",
        "autosync.yaml:6:14: controller.busyRetry: expected a mapping (maxAttempts, initialDelay,"
            + " multiplier, maxDelay, jitter); got a list",
        "autosync.yaml:7:11: controller.stagger: expected a duration such as 30s, 5m, 2h, 1d or"
            + " PT5M; got nothing"), errors("""
        engine: {type: embedded}
        controller:
          timeLimit: four hours
          fimExportTakesSyncSlot: yes
          retry: {maxAttempts: many, jitter: a little}
          busyRetry: [1, 2]
          stagger:
        """));
  }

  @Test
  void values_out_of_range_are_reported_at_the_field_the_rule_names() {
    assertEquals(List.of(
        "autosync.yaml:3:39: controller.retry.multiplier: multiplier must be at least 1, got 0.5",
        "autosync.yaml:4:29: controller.busyRetry.initialDelay: need 0 <= initialDelay <= maxDelay,"
            + " got 10m and 1m"), errors("""
        engine: {type: embedded}
        controller:
          retry: {maxAttempts: 1, multiplier: 0.5}
          busyRetry: {initialDelay: 10m}
        """));
    assertError("autosync.yaml:3:14: controller.timeLimit: timeLimit must be positive, got 0s", """
        engine: {type: embedded}
        controller:
          timeLimit: 0s
        """);
    assertEquals(List.of(
        "autosync.yaml:5:37: mas.HR.thresholds[0].percent: a percentage threshold is at most 100,"
            + " got 150.0",
        "autosync.yaml:6:33: mas.HR.thresholds[1].limit: threshold limit must be 0 or more, got"
            + " -5.0",
        "autosync.yaml:7:9: mas.HR.thresholds[2]: set either limit (a count) or percent (of the"
            + " connector space), not both",
        "autosync.yaml:8:9: mas.HR.thresholds[3].limit: is required; expected a count (limit: 50)"
            + " or a percentage of the connector space (percent: 10)",
        "autosync.yaml:10:11: mas.HR.timeLimits.FI: expected a positive duration; got '0s'"),
        errors("""
        engine: {type: embedded}
        mas:
          HR:
            thresholds:
              - {operation: total, percent: 150}
              - {operation: add, limit: -5}
              - {operation: add, limit: 5, percent: 5}
              - {operation: add}
            timeLimits:
              FI: 0s
        """));
  }

  @Test
  void an_unknown_engine_type_lists_the_loaded_ones() {
    assertError("autosync.yaml:2:9: engine.type: unknown engine type; expected one of embedded,"
        + " mim; got 'embeded'", """
        engine:
          type: embeded
        """);
    ConfigException e = assertThrows(ConfigException.class,
        () -> ConfigLoader.load("engine: {type: embedded}", "a.yaml", TestTriggers.TYPES,
            java.util.Set.of()));
    assertEquals("a.yaml:1:16: engine.type: unknown engine type; expected one of (no engine"
        + " plugin is loaded); got 'embedded'", e.errors().getFirst().toString());
  }

  @Test
  void the_engine_block_and_its_type_are_required() {
    assertError("autosync.yaml:1:1: engine: is required; expected a mapping such as engine:"
        + " {type: embedded, settings: {...}}", """
        mas: {}
        """);
    assertError("autosync.yaml:2:3: engine.type: is required; expected an engine type, one of"
        + " embedded, mim", """
        engine:
          settings: {}
        """);
  }

  @Test
  void lock_with_must_name_another_configured_ma() {
    assertEquals(List.of(
        "autosync.yaml:4:16: mas.HR.lockWith[0]: names MA 'CROP', which is not configured under"
            + " mas; expected one of CORP",
        "autosync.yaml:4:22: mas.HR.lockWith[1]: an MA cannot lockWith itself",
        "autosync.yaml:4:32: mas.HR.lockWith[3]: lists MA 'CORP' twice",
        "autosync.yaml:6:15: mas.CORP.lockWith: expected a list of MA names such as [CORP]; got"
            + " 'HR'"), errors("""
        engine: {type: embedded}
        mas:
          HR:
            lockWith: [CROP, HR, CORP, CORP]
          CORP:
            lockWith: HR
        """));
  }

  @Test
  void mappings_must_name_known_profile_types_once() {
    assertEquals(List.of(
        "autosync.yaml:5:32: mas.HR.mappings.default.DeltaImprt: unknown profile type; expected"
            + " one of DeltaImport, FullImport, DeltaSync, FullSync, Export, ConfirmingImport,"
            + " ScheduledImport; got 'DeltaImprt'",
        "autosync.yaml:5:48: mas.HR.mappings.default.DELTA_SYNC: profile type DeltaSync is mapped"
            + " twice in this partition",
        "autosync.yaml:6:7: mas.HR.mappings.Default: partition 'default' is already mapped"
            + " (partition names are compared ignoring case)",
        "autosync.yaml:7:34: mas.HR.mappings[\"ou=people,o=hr\"].Export: expected a run profile"
            + " name; got a list"), errors("""
        engine: {type: embedded}
        mas:
          HR:
            mappings:
              default: {DeltaSync: DS, DeltaImprt: DI, DELTA_SYNC: DS2}
              Default: {}
              "ou=people,o=hr": {Export: [E]}
        """));
  }

  @Test
  void duplicate_keys_name_the_first_one() {
    assertError("autosync.yaml:4:1: controller: duplicate key; first at line 2", """
        engine: {type: embedded}
        controller: {}
        mas: {}
        controller: {}
        """);
  }

  @Test
  void invalid_yaml_is_located_where_the_parser_stopped() {
    List<String> errors = errors("""
        engine: {type: embedded
        mas: {}
        """);
    assertEquals(1, errors.size());
    assertTrue(errors.getFirst().startsWith("autosync.yaml:2:4: not valid YAML: "),
        errors.getFirst());
  }

  @Test
  void an_empty_file_or_a_file_that_is_not_a_mapping_is_refused() {
    assertError("autosync.yaml:1:1: the file is empty; expected a mapping with engine, controller"
        + " and mas", "# nothing yet\n");
    assertError("autosync.yaml:1:1: expected a mapping (engine, controller, mas); got a list",
        "- engine\n");
  }

  @Test
  void secret_references_with_an_unknown_scheme_are_refused_before_anything_starts() {
    assertEquals(List.of(
        "autosync.yaml:3:34: engine.settings.options.password: looks like a secret reference, but"
            + " 'vault' is not a known scheme; expected ${env:NAME} or ${file:/path}",
        "autosync.yaml:6:60: mas.HR.triggers[0].bindPassword: looks like a secret reference, but"
            + " 'ENV' is not a known scheme; expected ${env:NAME} or ${file:/path}"), errors("""
        engine:
          type: embedded
          settings: {options: {password: "${vault:hr}"}}
        mas:
          HR:
            triggers: [{id: w, type: watch, host: h, bindPassword: "${ENV:X}"}]
        """));
  }

  @Test
  void engine_settings_with_duplicate_keys_or_an_alias_to_themselves_are_refused() {
    assertEquals(List.of(
        "autosync.yaml:3:13: engine.settings.self: an alias refers to a block that contains it",
        "autosync.yaml:6:5: engine.settings.store: duplicate key; first at line 4"), errors("""
        engine:
          type: embedded
          settings: &loop
            store: a
            self: *loop
            store: b
        """));
  }

  @Test
  void several_errors_are_reported_at_once_in_file_order() {
    List<String> errors = errors("""
        engine:
          type: nope
        controller:
          stagger: soon
          runMode: fast
        mas:
          HR:
            enabled: maybe
            lockWith: [NOBODY]
            triggers:
              - {id: a, type: every, interval: never}
              - {id: a, type: every, interval: 1m}
        """);

    assertEquals(List.of(
        "autosync.yaml:2:9: engine.type: unknown engine type; expected one of embedded, mim;"
            + " got 'nope'",
        "autosync.yaml:4:12: controller.stagger: expected a duration such as 30s, 5m, 2h, 1d or"
            + " PT5M; got 'soon'",
        "autosync.yaml:5:12: controller.runMode: expected one of supported, exclusive,"
            + " unsupported; got 'fast'",
        "autosync.yaml:8:14: mas.HR.enabled: expected true or false; got 'maybe'",
        "autosync.yaml:9:16: mas.HR.lockWith[0]: names MA 'NOBODY', which is not configured under"
            + " mas; expected one of (no other MA is configured)",
        "autosync.yaml:11:40: mas.HR.triggers[0].interval: expected a duration such as 30s, 5m, 2h,"
            + " 1d or PT5M, got 'never'",
        "autosync.yaml:12:14: mas.HR.triggers[1].id: trigger id 'a' is already used at line 11"
            + " (ids must be unique in the file, ignoring case)"), errors);
  }

  @Test
  void the_exception_message_lists_every_error_one_per_line() {
    ConfigException e = assertThrows(ConfigException.class, () -> TestTriggers.load("""
        engine: {type: embedded}
        controller: {stagger: soon, timeLimit: never}
        """));

    assertEquals("""
        Configuration 'autosync.yaml' is invalid (2 errors); fix it and start again:
          autosync.yaml:2:23: controller.stagger: expected a duration such as 30s, 5m, 2h, 1d or \
        PT5M; got 'soon'
          autosync.yaml:2:40: controller.timeLimit: expected a duration such as 30s, 5m, 2h, 1d or \
        PT5M; got 'never'""", e.getMessage());
    assertEquals("autosync.yaml", e.file());
  }
}
