package org.autosync.scripts;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.autosync.api.trigger.ParameterDescriptor;
import org.autosync.api.trigger.ParameterType;
import org.autosync.api.trigger.ParameterValues;
import org.jspecify.annotations.Nullable;

/**
 * Reads a {@code manifest.json}, collecting every problem before giving up, so that an author
 * fixes them all at once. Stateless and thread-safe.
 */
final class ManifestReader {

  private static final Pattern PARAMETER_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,63}");
  private static final Pattern VERSION = Pattern.compile("\\d+\\.\\d+\\.\\d+([-+][0-9A-Za-z.-]+)?");
  private static final Pattern ENTRY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
  private static final Set<String> KEYS = Set.copyOf(ScriptManifest.KEYS);
  private static final Set<String> PARAMETER_KEYS = Set.copyOf(ScriptManifest.PARAMETER_KEYS);

  private final String file;
  private final List<String> problems = new ArrayList<>();

  private ManifestReader(String file) {
    this.file = file;
  }

  static ScriptManifest read(Path path) throws IOException {
    String name = path.getParent() == null ? path.toString()
        : path.getParent().getFileName() + "/" + path.getFileName();
    JsonNode root;
    try {
      root = Json.MAPPER.readTree(Files.readString(path));
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String where = at == null ? name : name + ":" + at.getLineNr() + ":" + at.getColumnNr();
      throw new ScriptException("Cannot read the script manifest " + where + ": "
          + e.getOriginalMessage() + "; it must be a JSON object", where, e);
    }
    return new ManifestReader(name).parse(root);
  }

  private ScriptManifest parse(@Nullable JsonNode root) {
    if (root == null || !root.isObject()) {
      throw new ScriptException("Cannot use the script manifest " + file
          + ": expected a JSON object with id, name, version, description, language and entry",
          file, null);
    }
    for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!KEYS.contains(key)) {
        problems.add(key + ": unknown key; expected " + String.join(", ", KEYS.stream().sorted()
            .toList()));
      }
    }
    String id = text(root, "id", true, "a script id such as sql-watermark");
    if (id != null && !ScriptManifest.ID.matcher(id).matches()) {
      problems.add("id: expected 1 to 63 lower-case letters, digits and '-', starting with a"
          + " letter or digit; got '" + id + "'");
    }
    ScriptManifest.Kind kind = ScriptManifest.Kind.TRIGGER;
    String kindText = text(root, "kind", false, "trigger or controller");
    if (kindText != null) {
      try {
        kind = ScriptManifest.Kind.valueOf(kindText.strip().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        problems.add("kind: expected trigger or controller, got '" + kindText + "'");
      }
    }
    String name = text(root, "name", true, "a short name for people");
    String version = text(root, "version", true, "a version such as 1.0.0");
    if (version != null && !VERSION.matcher(version).matches()) {
      problems.add("version: expected a version such as 1.0.0, got '" + version + "'");
    }
    String description = text(root, "description", true, "what the script does");
    ScriptLanguage language = null;
    String languageText = text(root, "language", true, "javascript or python");
    if (languageText != null) {
      try {
        language = ScriptLanguage.parse(languageText);
      } catch (IllegalArgumentException e) {
        problems.add("language: " + e.getMessage());
      }
    }
    String entry = text(root, "entry", true, "the script's file name, such as trigger.js");
    if (entry != null && (!ENTRY.matcher(entry).matches() || entry.contains(".."))) {
      problems.add("entry: expected a file name in the script's folder, such as trigger.js; got '"
          + entry + "'");
    } else if (entry != null && language != null && !entry.endsWith(language.extension())) {
      problems.add("entry: a " + language + " script's file name ends in " + language.extension()
          + "; got '" + entry + "'");
    }
    List<ParameterDescriptor> parameters = parameters(root.get("parameters"));
    Set<Capability> capabilities = capabilities(root.get("capabilities"));
    String api = text(root, "api", false, "a version range such as >=0.1.0");
    String author = text(root, "author", false, "the author's name");
    String license = text(root, "license", false, "a licence such as MIT");
    if (!problems.isEmpty() || id == null || name == null || version == null
        || description == null || language == null || entry == null) {
      throw new ScriptException("Cannot use the script manifest " + file + ": "
          + String.join("; ", problems), file, null);
    }
    return new ScriptManifest(id, kind, name, version, description, language, entry, parameters,
        capabilities, api == null ? "*" : api, author == null ? "" : author,
        license == null ? "" : license);
  }

  private @Nullable String text(JsonNode root, String key, boolean required, String expected) {
    JsonNode node = root.get(key);
    if (node == null || node.isNull()) {
      if (required) {
        problems.add(key + ": is required (" + expected + ")");
      }
      return null;
    }
    if (!node.isTextual() || node.asText().isBlank()) {
      problems.add(key + ": expected " + expected + ", got " + node);
      return null;
    }
    return node.asText();
  }

  private List<ParameterDescriptor> parameters(@Nullable JsonNode list) {
    List<ParameterDescriptor> result = new ArrayList<>();
    if (list == null || list.isNull()) {
      return result;
    }
    if (!list.isArray()) {
      problems.add("parameters: expected a list of parameters, got " + list);
      return result;
    }
    Set<String> reserved = CommonParameters.reservedNames();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < list.size(); i++) {
      String at = "parameters[" + i + "]";
      JsonNode p = list.get(i);
      if (!p.isObject()) {
        problems.add(at + ": expected {name, type, description, ...}, got " + p);
        continue;
      }
      for (Iterator<String> it = p.fieldNames(); it.hasNext(); ) {
        String key = it.next();
        if (!PARAMETER_KEYS.contains(key)) {
          problems.add(at + "." + key + ": unknown key; expected name, type, required, default,"
              + " description or values");
        }
      }
      ParameterDescriptor descriptor = parameter(at, p, reserved, seen);
      if (descriptor != null) {
        result.add(descriptor);
      }
    }
    return result;
  }

  private @Nullable ParameterDescriptor parameter(String at, JsonNode p, Set<String> reserved,
      Set<String> seen) {
    int before = problems.size();
    String name = p.path("name").isTextual() ? p.get("name").asText() : null;
    if (name == null || !PARAMETER_NAME.matcher(name).matches()) {
      problems.add(at + ".name: expected a name such as minChanges (letters, digits, '_'), got "
          + p.get("name"));
    } else if (reserved.contains(name)) {
      problems.add(at + ".name: '" + name + "' is a common parameter of every script trigger;"
          + " choose another name");
    } else if (!seen.add(name)) {
      problems.add(at + ".name: '" + name + "' is declared twice");
    }
    ParameterType type = null;
    String typeText = p.path("type").asText("");
    try {
      type = ParameterType.valueOf(typeText.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      problems.add(at + ".type: expected string, integer, boolean, duration, enum, list or secret,"
          + " got '" + typeText + "'");
    }
    String description = p.path("description").asText("");
    if (description.isBlank()) {
      problems.add(at + ".description: is required (what the parameter does)");
    }
    boolean required = p.path("required").asBoolean(false);
    List<String> values = new ArrayList<>();
    p.path("values").forEach(v -> values.add(v.asText()));
    String defaultValue = defaultText(at, p.get("default"));
    if (required && defaultValue != null) {
      problems.add(at + ".default: a required parameter cannot have a default");
    }
    if (type == ParameterType.ENUM && values.isEmpty()) {
      problems.add(at + ".values: an enum parameter needs its values, such as [\"a\", \"b\"]");
    }
    if (problems.size() > before || name == null || type == null) {
      return null;
    }
    ParameterDescriptor descriptor = new ParameterDescriptor(name, type, required, defaultValue,
        description, type == ParameterType.ENUM ? values : List.of());
    if (defaultValue != null) {
      var problem = ParameterValues.check(descriptor, defaultValue);
      if (problem != null) {
        problems.add(at + ".default: " + problem.message());
        return null;
      }
    }
    return descriptor;
  }

  private @Nullable String defaultText(String at, @Nullable JsonNode node) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (node.isValueNode()) {
      return node.asText();
    }
    if (node.isArray()) {
      List<String> items = new ArrayList<>();
      node.forEach(n -> items.add(n.asText()));
      return String.join(",", items);
    }
    problems.add(at + ".default: expected a text, number, boolean or list, got " + node);
    return null;
  }

  private Set<Capability> capabilities(@Nullable JsonNode list) {
    Set<Capability> result = EnumSet.noneOf(Capability.class);
    if (list == null || list.isNull()) {
      return result;
    }
    if (!list.isArray()) {
      problems.add("capabilities: expected a list such as [\"http\"], got " + list);
      return result;
    }
    for (int i = 0; i < list.size(); i++) {
      try {
        result.add(Capability.parse(list.get(i).asText()));
      } catch (IllegalArgumentException e) {
        problems.add("capabilities[" + i + "]: " + e.getMessage());
      }
    }
    return result;
  }
}
