package org.autosync.scripts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.autosync.api.trigger.ConfigProblem;
import org.autosync.api.trigger.ParameterDescriptor;
import org.autosync.api.trigger.TriggerFactory;
import org.autosync.api.trigger.TriggerType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** A script's trigger type is its manifest's parameters plus the common ones, validated as data. */
@ExtendWith(SharedRuntime.class)
class ConfigValidationTest {

  @TempDir Path dir;
  private TriggerFactory factory;

  @BeforeEach
  void install(ScriptRuntime runtime) {
    ScriptFolder scripts = new ScriptFolder(dir, runtime);
    scripts.trigger("watermark", ScriptLanguage.JAVASCRIPT, "function poll(ctx) {}",
        SameTriggerBothLanguagesTest.PARAMETERS, List.of("sql", "http"));
    factory = scripts.factory("watermark");
  }

  private List<String> problems(Map<String, String> values) {
    return factory.validate(values).stream().map(ConfigProblem::toString).toList();
  }

  private static final Map<String, String> GRANTS = Map.of("jdbcUrl", "jdbc:h2:mem:x",
      "allowUrls", "https://api.example.com/v1/");

  @Test
  void the_type_has_the_manifests_parameters_the_common_ones_and_the_grants_it_asks_for() {
    TriggerType type = factory.type();
    assertEquals("script.watermark", type.id());
    assertEquals(List.of("table", "minChanges", "interval", "timeout", "onError", "profile",
        "profileType", "partition", "exclusive", "front", "allowUrls", "jdbcUrl", "jdbcUser",
        "jdbcPassword"), type.parameters().stream().map(ParameterDescriptor::name).toList());
    assertTrue(type.parameter("allowLdap").isEmpty(), "ldap is not asked for, so not grantable");
    assertEquals("1", type.parameter("minChanges").orElseThrow().defaultValue());
  }

  @Test
  void a_valid_block_has_no_problems() {
    var values = new java.util.HashMap<>(GRANTS);
    values.putAll(Map.of("table", "people", "interval", "5m", "onError", "reset"));
    assertEquals(List.of(), problems(values));
  }

  @Test
  void missing_required_and_badly_typed_parameters_are_named() {
    var values = new java.util.HashMap<>(GRANTS);
    values.putAll(Map.of("minChanges", "several", "onError", "retry", "colour", "blue"));
    List<String> problems = problems(values);
    assertTrue(problems.contains("table: is required (The table)"), problems.toString());
    assertTrue(problems.contains("minChanges: expected a whole number, got 'several'"),
        problems.toString());
    assertTrue(problems.contains("onError: expected one of [stop, reset], got 'retry'"),
        problems.toString());
    assertTrue(problems.stream().anyMatch(p -> p.startsWith("colour: is not a parameter of"
        + " trigger type 'script.watermark'")), problems.toString());
  }

  @Test
  void grants_the_manifest_asks_for_are_required_and_checked() {
    List<String> problems = problems(Map.of("table", "people", "allowUrls", "ftp://x/"));
    assertTrue(problems.contains("jdbcUrl: is required (The JDBC URL of the database the script"
        + " may query; its driver must be on AutoSync's class path)"), problems.toString());
    assertTrue(problems.contains("allowUrls: expected URL prefixes such as"
        + " https://api.example.com/v1/, got 'ftp://x/'"), problems.toString());
  }

  @Test
  void intervals_and_timeouts_have_minimums() {
    var values = new java.util.HashMap<>(GRANTS);
    values.putAll(Map.of("table", "t", "interval", "100ms", "timeout", "1ms"));
    List<String> problems = problems(values);
    assertEquals(List.of("interval: must be at least 1s, got '100ms'",
        "timeout: must be at least 10ms, got '1ms'"), problems);
  }

  @Test
  void the_run_target_is_checked_like_the_built_in_triggers() {
    var values = new java.util.HashMap<>(GRANTS);
    values.putAll(Map.of("table", "t", "profile", "DI", "profileType", "DeltaImport"));
    assertTrue(problems(values).getFirst().startsWith("profile: cannot be set together with"
        + " profileType"));
  }
}
