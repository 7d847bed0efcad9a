package org.autosync.host.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.autosync.api.ProfileType;
import org.autosync.api.trigger.ParameterDescriptor;
import org.autosync.api.trigger.ParameterType;
import org.autosync.api.trigger.Trigger;
import org.autosync.api.trigger.TriggerConfig;
import org.autosync.api.trigger.TriggerFactory;
import org.autosync.api.trigger.TriggerType;
import org.junit.jupiter.api.Test;

/** docs/autosync.schema.json and the loader accept the same keys, so they cannot drift apart. */
class SchemaTest {

  static final Path DOCS = Path.of(System.getProperty("basedir", "."), "..", "docs");

  static JsonNode schema() throws Exception {
    return new ObjectMapper().readTree(Files.readString(DOCS.resolve("autosync.schema.json")));
  }

  static List<String> properties(JsonNode object) {
    List<String> names = new ArrayList<>();
    object.get("properties").fieldNames().forEachRemaining(names::add);
    return names;
  }

  @Test
  void the_schema_is_draft_2020_12_json() throws Exception {
    assertEquals("https://json-schema.org/draft/2020-12/schema", schema().get("$schema").asText());
  }

  @Test
  void the_top_level_properties_are_the_keys_the_loader_accepts() throws Exception {
    JsonNode schema = schema();
    assertEquals(Keys.TOP, properties(schema));
    assertFalse(schema.get("additionalProperties").asBoolean(true), "unknown keys are errors");
  }

  @Test
  void every_block_lists_the_keys_the_loader_accepts() throws Exception {
    JsonNode schema = schema();
    JsonNode defs = schema.get("$defs");
    Map<String, JsonNode> strict = Map.of(
        "engine", schema.at("/properties/engine"),
        "controller", schema.at("/properties/controller"),
        "retry", defs.get("retry"),
        "ma", defs.get("ma"),
        "threshold", defs.get("threshold"));
    assertEquals(Keys.ENGINE, properties(strict.get("engine")));
    assertEquals(Keys.CONTROLLER, properties(strict.get("controller")));
    assertEquals(Keys.RETRY, properties(strict.get("retry")));
    assertEquals(Keys.MA, properties(strict.get("ma")));
    assertEquals(Keys.THRESHOLD, properties(strict.get("threshold")));
    strict.forEach((name, block) -> assertFalse(
        block.get("additionalProperties").asBoolean(true), name + " refuses unknown keys"));
  }

  @Test
  void triggers_require_id_and_type_and_allow_the_type_parameters() throws Exception {
    JsonNode trigger = schema().at("/$defs/trigger");
    assertEquals(Keys.TRIGGER, properties(trigger));
    List<String> required = new ArrayList<>();
    trigger.get("required").forEach(n -> required.add(n.asText()));
    assertEquals(Keys.TRIGGER, required);
    assertTrue(trigger.get("additionalProperties").isObject(), "parameters are allowed");
    assertEquals(TriggerBinder.ID.pattern(),
        trigger.at("/properties/id/pattern").asText().replaceAll("^\\^|\\$$", ""));
  }

  @Test
  void controller_scripts_require_the_script_and_allow_its_settings() throws Exception {
    JsonNode schema = schema();
    JsonNode script = schema.at("/$defs/controllerScript");
    List<String> required = new ArrayList<>();
    script.get("required").forEach(n -> required.add(n.asText()));
    assertEquals(Keys.CONTROLLER_SCRIPT, required);
    assertEquals(List.of("script", "timeout"), properties(script));
    assertTrue(script.get("additionalProperties").isObject(), "parameters are allowed");
    for (String at : List.of("/properties/controller/properties/controllerScript/$ref",
        "/$defs/ma/properties/controllerScript/$ref")) {
      assertEquals("#/$defs/controllerScript", schema.at(at).asText(), at);
    }
  }

  @Test
  void the_enumerations_match_the_loader() throws Exception {
    JsonNode schema = schema();
    assertEquals(ControllerBinder.RUN_MODES.stream().map(ControllerBinder::label).toList(),
        texts(schema.at("/properties/controller/properties/runMode/enum")));
    assertEquals(ThresholdBinder.OPERATIONS.stream().map(ThresholdBinder::label).toList(),
        texts(schema.at("/$defs/threshold/properties/operation/enum")));
    List<String> types = texts(
        schema.at("/$defs/ma/properties/mappings/additionalProperties/propertyNames/enum"));
    for (ProfileType type : ProfileType.values()) {
      assertTrue(types.contains(type.label()) && types.contains(type.name()), type.label());
    }
  }

  @Test
  void the_example_file_loads() {
    TriggerFactory interval = new TriggerFactory() {
      @Override
      public TriggerType type() {
        return new TriggerType("interval", "Interval", "Imports at a fixed interval", List.of(
            ParameterDescriptor.required("interval", ParameterType.DURATION, "How often")));
      }

      @Override
      public Trigger create(TriggerConfig config) {
        throw new UnsupportedOperationException();
      }
    };

    AutoSyncConfig config = ConfigLoader.load(DOCS.resolve("autosync.example.yaml"),
        Map.of("interval", interval), TestTriggers.ENGINES);

    assertEquals(2, config.triggers().size());
    assertTrue(config.controller().mas().get("HR").enabled());
  }

  private static List<String> texts(JsonNode array) {
    List<String> result = new ArrayList<>();
    array.forEach(n -> result.add(n.asText()));
    return result;
  }
}
