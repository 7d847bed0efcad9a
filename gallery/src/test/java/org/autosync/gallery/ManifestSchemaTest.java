package org.autosync.gallery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.autosync.api.trigger.ParameterDescriptor;
import org.autosync.api.trigger.ParameterType;
import org.autosync.api.trigger.RunTarget;
import org.autosync.scripts.Capability;
import org.autosync.scripts.ScriptException;
import org.autosync.scripts.ScriptLanguage;
import org.autosync.scripts.ScriptManifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gallery/schema/manifest.schema.json} and the scripts module's manifest reader accept the
 * same manifests, so that they cannot drift apart: the same keys, required keys, enumerations,
 * patterns (checked on samples both ways) and reserved parameter names.
 */
class ManifestSchemaTest {

  @TempDir Path dir;

  static JsonNode schema() throws Exception {
    return CaseRunner.JSON.readTree(Files.readString(
        GalleryFolder.path().resolve("schema").resolve("manifest.schema.json")));
  }

  private static List<String> names(JsonNode properties) {
    List<String> names = new ArrayList<>();
    properties.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static List<String> texts(JsonNode array) {
    List<String> result = new ArrayList<>();
    array.forEach(n -> result.add(n.asText()));
    return result;
  }

  /** A manifest with every required key, valid. */
  private static ObjectNode minimal() {
    ObjectNode m = CaseRunner.JSON.createObjectNode();
    m.put("id", "sample").put("name", "Sample").put("version", "1.0.0")
        .put("description", "A sample").put("language", "javascript").put("entry", "trigger.js");
    return m;
  }

  /** Whether the reader accepts {@code manifest}. */
  private boolean readerAccepts(JsonNode manifest) throws Exception {
    Path file = Files.createDirectories(dir.resolve("m" + System.nanoTime()))
        .resolve(ScriptManifest.FILE_NAME);
    Files.writeString(file, manifest.toString());
    try {
      ScriptManifest.read(file);
      return true;
    } catch (ScriptException e) {
      return false;
    }
  }

  private static boolean schemaAccepts(JsonNode stringSchema, String value) {
    return Pattern.compile(stringSchema.get("pattern").asText()).matcher(value).find();
  }

  @Test
  void the_schema_is_draft_2020_12_and_refuses_unknown_keys() throws Exception {
    JsonNode schema = schema();
    assertEquals("https://json-schema.org/draft/2020-12/schema", schema.get("$schema").asText());
    assertFalse(schema.get("additionalProperties").asBoolean(true));
    assertFalse(schema.at("/$defs/parameter/additionalProperties").asBoolean(true));
  }

  @Test
  void the_keys_are_the_keys_the_reader_accepts() throws Exception {
    JsonNode schema = schema();
    assertEquals(ScriptManifest.KEYS, names(schema.get("properties")));
    assertEquals(ScriptManifest.PARAMETER_KEYS,
        names(schema.at("/$defs/parameter/properties")));
    ObjectNode unknown = minimal().put("homepage", "https://example.com");
    assertFalse(readerAccepts(unknown), "the reader refuses unknown keys too");
  }

  @Test
  void the_required_keys_are_the_ones_the_reader_requires() throws Exception {
    JsonNode schema = schema();
    assertTrue(readerAccepts(minimal()));
    List<String> required = texts(schema.get("required"));
    for (String key : ScriptManifest.KEYS) {
      ObjectNode m = minimal();
      m.remove(key);
      assertEquals(!required.contains(key), readerAccepts(m), key);
    }
    List<String> parameterRequired = texts(schema.at("/$defs/parameter/required"));
    for (String key : ScriptManifest.PARAMETER_KEYS) {
      ObjectNode p = CaseRunner.JSON.createObjectNode().put("name", "minChanges")
          .put("type", "integer").put("description", "How many");
      p.remove(key);
      ObjectNode m = minimal();
      m.putArray("parameters").add(p);
      assertEquals(!parameterRequired.contains(key), readerAccepts(m), "parameters[]." + key);
    }
  }

  @Test
  void the_enumerations_match_the_reader() throws Exception {
    JsonNode schema = schema();
    assertEquals(Arrays.stream(ScriptManifest.Kind.values())
        .map(k -> k.name().toLowerCase(Locale.ROOT)).toList(),
        texts(schema.at("/properties/kind/enum")));
    assertEquals(Arrays.stream(Capability.values()).map(Capability::label).toList(),
        texts(schema.at("/properties/capabilities/items/enum")));
    assertEquals(Arrays.stream(ParameterType.values())
        .map(t -> t.name().toLowerCase(Locale.ROOT)).toList(),
        texts(schema.at("/$defs/parameter/properties/type/enum")));
    List<String> languages = texts(schema.at("/properties/language/enum"));
    for (ScriptLanguage l : ScriptLanguage.values()) {
      assertTrue(languages.contains(l.label()), l.label());
    }
    for (String l : languages) {
      ScriptLanguage.parse(l); // every value the schema offers is one the reader takes
    }
  }

  @Test
  void the_patterns_accept_what_the_reader_accepts() throws Exception {
    JsonNode props = schema().get("properties");
    check(props.get("id"), "id", List.of("sample", "a", "ldap-change-watcher", "9lives",
        "Sample", "-lead", "under_score", "a".repeat(63), "a".repeat(64), "dot.ted", ""));
    check(props.get("version"), "version", List.of("1.0.0", "0.1.0-beta.1", "2.3.4+build.7",
        "1.0", "v1.0.0", "1.0.0-", "1.0.0 ", "10.20.30"));
    check(props.get("entry"), "entry", List.of("trigger.js", "my_trigger-2.js", ".hidden.js",
        "../trigger.js", "sub/trigger.js", "a..b.js", "trigger.py"));
    JsonNode name = schema().at("/$defs/parameter/properties/name");
    for (String sample : List.of("minChanges", "a", "x_1", "1x", "_x", "has-dash", "has space",
        "a".repeat(64), "a".repeat(65))) {
      ObjectNode m = minimal();
      m.putArray("parameters").addObject().put("name", sample).put("type", "string")
          .put("description", "A sample");
      assertEquals(schemaAccepts(name, sample), readerAccepts(m), "parameter name '" + sample
          + "'");
    }
  }

  private void check(JsonNode property, String key, List<String> samples) throws Exception {
    for (String sample : samples) {
      ObjectNode m = minimal().put(key, sample);
      if (key.equals("id")) {
        // the reader checks the id only; the folder name is checked when scanning
        assertEquals(schemaAccepts(property, sample), readerAccepts(m), key + " '" + sample
            + "'");
      } else {
        assertEquals(schemaAccepts(property, sample) && (!key.equals("entry")
            || sample.endsWith(".js")), readerAccepts(m), key + " '" + sample + "'");
      }
    }
  }

  @Test
  void the_reserved_parameter_names_are_the_ones_the_reader_refuses() throws Exception {
    Set<String> schemaReserved = new TreeSet<>(texts(
        schema().at("/$defs/parameter/properties/name/not/enum")));
    Set<String> candidates = new TreeSet<>(Set.of("id", "type", "interval", "timeout",
        "onError", "every", "table", "base", "windows"));
    RunTarget.PARAMETERS.forEach(p -> candidates.add(p.name()));
    for (Capability c : Capability.values()) {
      c.grantParameters(true).stream().map(ParameterDescriptor::name).forEach(candidates::add);
    }
    assertTrue(candidates.containsAll(schemaReserved), "the schema reserves only known names");
    for (String name : candidates) {
      ObjectNode m = minimal();
      m.putArray("parameters").addObject().put("name", name).put("type", "string")
          .put("description", "A sample");
      assertEquals(!schemaReserved.contains(name), readerAccepts(m), "parameter name '" + name
          + "'");
    }
  }
}
