package org.autosync.scripts;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.autosync.api.trigger.ParameterDescriptor;

/**
 * What a script is, as data: the {@code manifest.json} beside it. The same shape as a trigger
 * type's descriptor, plus what the gallery needs (version, author, licence, compatible API).
 *
 * <pre>{@code
 * {
 *   "id": "sql-watermark",
 *   "kind": "trigger",
 *   "name": "SQL rowversion watermark",
 *   "version": "1.0.0",
 *   "description": "Fires a delta import when rows changed since the last poll",
 *   "language": "javascript",
 *   "entry": "trigger.js",
 *   "parameters": [
 *     {"name": "table", "type": "string", "required": true, "description": "The table to watch"},
 *     {"name": "minChanges", "type": "integer", "default": 1, "description": "Fire from this many"}
 *   ],
 *   "capabilities": ["sql"],
 *   "api": ">=0.1.0",
 *   "author": "Jane Doe",
 *   "license": "MIT"
 * }
 * }</pre>
 *
 * <p>Parameter types are {@code string}, {@code integer}, {@code boolean}, {@code duration},
 * {@code enum} (with {@code values}), {@code list} and {@code secret}, as in {@link
 * org.autosync.api.trigger.ParameterType}. A parameter is required, or has a default, or is
 * optional without one.
 *
 * <p>Immutable and thread-safe.
 *
 * @param id the script's id: lower-case letters, digits and '-'; also its folder's name
 * @param kind a trigger script or a controller script
 * @param name a short name for people
 * @param version the script's version, such as {@code 1.2.0}
 * @param description what it watches and what it fires
 * @param language the language of the entry file
 * @param entry the entry file's name, in the script's folder
 * @param parameters the script's own parameters (the common ones are added by the trigger type)
 * @param capabilities what the script needs outside its sandbox
 * @param api the plugin API versions it works with, as a range such as {@code >=0.1.0}; {@code *}
 *     for any
 * @param author who wrote it; empty when not given
 * @param license its licence, such as {@code MIT}; empty when not given
 */
public record ScriptManifest(
    String id,
    Kind kind,
    String name,
    String version,
    String description,
    ScriptLanguage language,
    String entry,
    List<ParameterDescriptor> parameters,
    Set<Capability> capabilities,
    String api,
    String author,
    String license) {

  /** The manifest's file name in a script's folder. */
  public static final String FILE_NAME = "manifest.json";

  /** The prefix of the trigger type ids of script triggers: {@code script.<id>}. */
  public static final String TYPE_PREFIX = "script.";

  /** The keys a manifest may have, in the order of the record's components. */
  public static final List<String> KEYS = List.of("id", "kind", "name", "version",
      "description", "language", "entry", "parameters", "capabilities", "api", "author",
      "license");

  /** The keys a parameter in {@code parameters} may have. */
  public static final List<String> PARAMETER_KEYS =
      List.of("name", "type", "required", "default", "description", "values");

  static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

  /** What a script is for. */
  public enum Kind {
    /** A trigger: {@code poll(ctx)}, or {@code start(ctx)} and {@code stop()}. */
    TRIGGER,
    /** A controller script: {@code shouldExecute} and {@code executionComplete}. */
    CONTROLLER
  }

  public ScriptManifest {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(language, "language");
    Objects.requireNonNull(entry, "entry");
    Objects.requireNonNull(api, "api");
    Objects.requireNonNull(author, "author");
    Objects.requireNonNull(license, "license");
    parameters = List.copyOf(parameters);
    capabilities = Set.copyOf(capabilities);
    if (!ID.matcher(id).matches()) {
      throw new IllegalArgumentException("Script id '" + id
          + "' must be 1 to 63 lower-case letters, digits and '-', starting with a letter or digit");
    }
  }

  /** The id of the trigger type this script contributes: {@code script.<id>}. */
  public String triggerTypeId() {
    return TYPE_PREFIX + id;
  }

  /**
   * Reads and checks a manifest file.
   *
   * @throws ScriptException listing every problem, with the file (and line and column for JSON
   *     syntax errors)
   * @throws IOException when the file cannot be read
   */
  public static ScriptManifest read(Path file) throws IOException {
    return ManifestReader.read(file);
  }
}
