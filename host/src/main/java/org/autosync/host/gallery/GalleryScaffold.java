package org.autosync.host.gallery;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.autosync.api.trigger.ParameterDescriptor;
import org.autosync.api.trigger.ParameterType;
import org.autosync.scripts.ScriptLanguage;
import org.autosync.scripts.ScriptManifest;

/**
 * Writes a new gallery entry that works and passes its own test cases: a manifest, a script (a
 * polled trigger with one parameter and a counter in its state, or a controller script that halts
 * its MA above a number of staged changes), a README and {@code tests.json}. The author then
 * replaces the logic, the description and the cases.
 *
 * <p>Stateless and thread-safe.
 */
public final class GalleryScaffold {

  /** The first version of a new entry. */
  public static final String FIRST_VERSION = "0.1.0";

  /**
   * What to scaffold.
   *
   * @param id the entry's id (its folder's name)
   * @param language the script's language
   * @param kind a trigger or a controller script
   * @param author for the manifest
   * @param license for the manifest, such as {@code Apache-2.0}
   * @param api the plugin API range, such as {@code >=0.1.0}
   */
  public record Request(String id, ScriptLanguage language, ScriptManifest.Kind kind,
      String author, String license, String api) {
    public Request {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(language, "language");
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(author, "author");
      Objects.requireNonNull(license, "license");
      Objects.requireNonNull(api, "api");
    }
  }

  private GalleryScaffold() {}

  /**
   * Writes the entry into {@code <gallery>/<id>/} and reads it back as a gallery entry.
   *
   * @throws GalleryException when the id is not valid or the folder already exists
   */
  public static GalleryEntry create(Path gallery, Request request) throws IOException {
    String id = request.id();
    boolean trigger = request.kind() == ScriptManifest.Kind.TRIGGER;
    String entryFile = (trigger ? "trigger" : "controller") + request.language().extension();
    String name = Character.toUpperCase(id.charAt(0)) + id.substring(1).replace('-', ' ');
    String description = trigger
        ? "Fires the configured target every few polls (a scaffold: replace with your check)"
        : "Halts its MA when a run stages too many changes (a scaffold: replace with your rule)";
    ScriptManifest manifest;
    try {
      manifest = new ScriptManifest(id, request.kind(), name, FIRST_VERSION, description,
          request.language(), entryFile, List.of(parameter(trigger)), Set.of(), request.api(),
          request.author(), request.license());
    } catch (IllegalArgumentException e) {
      throw new GalleryException("Cannot create gallery entry '" + id + "': " + e.getMessage(),
          gallery.resolve(id));
    }
    Path folder = gallery.resolve(id);
    if (Files.exists(folder)) {
      throw new GalleryException("Cannot create gallery entry '" + id + "': " + folder
          + " already exists; choose another id or remove it", folder);
    }
    Map<String, String> vars = Map.of(
        "id", id, "name", name, "version", FIRST_VERSION, "description", description,
        "language", request.language().label(),
        "kind", request.kind().name().toLowerCase(Locale.ROOT),
        "author", request.author().isBlank() ? "(author)" : request.author(),
        "license", request.license());
    Files.createDirectories(folder);
    Files.writeString(folder.resolve(ScriptManifest.FILE_NAME), manifestJson(manifest));
    Files.writeString(folder.resolve(entryFile), fill(template(entryFile), vars));
    Files.writeString(folder.resolve(Gallery.TESTS_FILE),
        template((trigger ? "trigger" : "controller") + "-tests.json"));
    String what = trigger
        ? "Fires the configured target (a delta import unless configured) on every `everyPolls`"
            + "-th poll, counting polls in its state. A scaffold: replace the check in `"
            + entryFile + "` with yours, then this text, the parameters and the test cases."
        : "Halts its MA when a run stages more than `maxChanges` adds, updates, renames and"
            + " deletes. A scaffold: replace the rule in `" + entryFile + "` with yours, then"
            + " this text, the parameters and the test cases.";
    String readme = fill(template("README.md"), vars)
        .replace("{{what}}", what)
        .replace("{{parameters}}", EntryDocs.parameterTable(manifest))
        .replace("{{config}}", EntryDocs.configExample(manifest));
    Files.writeString(folder.resolve(Gallery.README_FILE), readme);
    return Gallery.read(folder);
  }

  private static ParameterDescriptor parameter(boolean trigger) {
    return trigger
        ? ParameterDescriptor.optional("everyPolls",
            ParameterType.INTEGER, "3", "Fire on every this many polls")
        : ParameterDescriptor.optional("maxChanges",
            ParameterType.INTEGER, "100",
            "Halt the MA when a run stages more changes than this");
  }

  /** The manifest as the gallery writes it: the keys in the documented order. */
  static String manifestJson(ScriptManifest m) {
    ObjectNode root = Json.MAPPER.createObjectNode();
    root.put("id", m.id());
    root.put("kind", m.kind().name().toLowerCase(Locale.ROOT));
    root.put("name", m.name());
    root.put("version", m.version());
    root.put("description", m.description());
    root.put("language", m.language().label());
    root.put("entry", m.entry());
    ArrayNode params = root.putArray("parameters");
    for (ParameterDescriptor p : m.parameters()) {
      ObjectNode n = params.addObject();
      n.put("name", p.name());
      n.put("type", p.type().name().toLowerCase(Locale.ROOT));
      if (p.required()) {
        n.put("required", true);
      }
      if (p.defaultValue() != null) {
        if (p.type() == ParameterType.INTEGER) {
          n.put("default", Long.parseLong(p.defaultValue()));
        } else {
          n.put("default", p.defaultValue());
        }
      }
      n.put("description", p.description());
    }
    ArrayNode caps = root.putArray("capabilities");
    m.capabilities().forEach(c -> caps.add(c.label()));
    root.put("api", m.api());
    root.put("author", m.author());
    root.put("license", m.license());
    return Json.pretty(root);
  }

  private static String template(String name) {
    try (InputStream in = GalleryScaffold.class.getResourceAsStream("scaffold/" + name)) {
      if (in == null) {
        throw new IllegalStateException("The scaffold template '" + name + "' is missing");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String fill(String text, Map<String, String> vars) {
    String result = text;
    for (Map.Entry<String, String> v : vars.entrySet()) {
      result = result.replace("{{" + v.getKey() + "}}", v.getValue());
    }
    return result;
  }
}
