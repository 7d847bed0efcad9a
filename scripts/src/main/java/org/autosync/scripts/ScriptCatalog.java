package org.autosync.scripts;

import com.github.zafarkhaja.semver.Version;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.autosync.api.trigger.TriggerFactory;

/**
 * The scripts installed in a scripts folder, one folder per script:
 *
 * <pre>
 * scripts/
 *   sql-watermark/
 *     manifest.json      id "sql-watermark", entry "trigger.js", ...
 *     trigger.js
 *     README.md          (optional; the gallery's)
 * </pre>
 *
 * <p>Each trigger script becomes a trigger type {@code script.<id>}; each controller script a
 * {@link ControllerScriptType} under its id. A folder that is not a usable
 * script (no or broken manifest, folder name not its id, entry file missing, needing a newer API)
 * is listed in {@link #problems()} with the reason and left out; the others are offered. Folders
 * whose names start with '.' are skipped.
 *
 * <p>Immutable and thread-safe; {@link ScriptRuntime#scan} builds it.
 */
public final class ScriptCatalog {

  /** A folder that is not offered as a script, and why. */
  public record Problem(Path folder, String message) {
    @Override
    public String toString() {
      return folder.getFileName() + ": " + message;
    }
  }

  private final Path folder;
  private final List<ScriptManifest> scripts;
  private final List<Problem> problems;
  private final Map<String, TriggerFactory> triggerTypes;
  private final Map<String, ControllerScriptType> controllerTypes;

  private ScriptCatalog(Path folder, List<ScriptManifest> scripts, List<Problem> problems,
      Map<String, TriggerFactory> triggerTypes, Map<String, ControllerScriptType> controllerTypes) {
    this.folder = folder;
    this.scripts = List.copyOf(scripts);
    this.problems = List.copyOf(problems);
    this.triggerTypes = Map.copyOf(triggerTypes);
    this.controllerTypes = Map.copyOf(controllerTypes);
  }

  static ScriptCatalog scan(Path folder, ScriptServices services, String apiVersion) {
    Objects.requireNonNull(folder, "folder");
    List<ScriptManifest> scripts = new ArrayList<>();
    List<Problem> problems = new ArrayList<>();
    Map<String, TriggerFactory> types = new LinkedHashMap<>();
    Map<String, ControllerScriptType> controllers = new LinkedHashMap<>();
    if (!Files.isDirectory(folder)) {
      return new ScriptCatalog(folder, scripts, problems, types, controllers);
    }
    List<Path> dirs;
    try (Stream<Path> s = Files.list(folder)) {
      dirs = s.filter(Files::isDirectory)
          .filter(p -> !p.getFileName().toString().startsWith("."))
          .sorted().toList();
    } catch (IOException e) {
      problems.add(new Problem(folder, "cannot list the scripts folder: " + e));
      return new ScriptCatalog(folder, scripts, problems, types, controllers);
    }
    for (Path dir : dirs) {
      try {
        ScriptManifest m = check(dir, apiVersion);
        scripts.add(m);
        if (m.kind() == ScriptManifest.Kind.TRIGGER) {
          types.put(m.triggerTypeId(), new ScriptTriggerFactory(
              new ScriptDefinition(m, dir.resolve(m.entry())), services));
        } else {
          controllers.put(m.id(), new ControllerScriptType(dir, m, services));
        }
      } catch (ScriptException e) {
        problems.add(new Problem(dir, e.getMessage()));
      } catch (IOException e) {
        problems.add(new Problem(dir, "cannot read " + ScriptManifest.FILE_NAME + ": " + e));
      }
    }
    return new ScriptCatalog(folder, scripts, problems, types, controllers);
  }

  private static ScriptManifest check(Path dir, String apiVersion) throws IOException {
    Path manifestFile = dir.resolve(ScriptManifest.FILE_NAME);
    if (!Files.isRegularFile(manifestFile)) {
      throw new ScriptException("no " + ScriptManifest.FILE_NAME + "; a script's folder holds"
          + " its manifest and entry file");
    }
    ScriptManifest m = ScriptManifest.read(manifestFile);
    String name = dir.getFileName().toString();
    if (!name.equals(m.id())) {
      throw new ScriptException("the folder is named '" + name + "' but the manifest's id is '"
          + m.id() + "'; rename one so that they match");
    }
    if (!Files.isRegularFile(dir.resolve(m.entry()))) {
      throw new ScriptException("the entry file '" + m.entry() + "' named in the manifest is"
          + " missing");
    }
    if (!"*".equals(m.api().strip())) {
      boolean ok;
      try {
        ok = Version.valueOf(apiVersion).satisfies(m.api());
      } catch (RuntimeException e) {
        throw new ScriptException("api: '" + m.api() + "' is not a version range such as"
            + " >=0.1.0");
      }
      if (!ok) {
        throw new ScriptException("needs plugin API " + m.api() + ", but this AutoSync offers "
            + apiVersion + "; upgrade AutoSync or use a version of the script built for it");
      }
    }
    return m;
  }

  /** The folder scanned. */
  public Path folder() {
    return folder;
  }

  /** Every usable script, trigger and controller scripts alike, in folder order. */
  public List<ScriptManifest> scripts() {
    return scripts;
  }

  /** Folders left out, with the reason. */
  public List<Problem> problems() {
    return problems;
  }

  /** The trigger types of the trigger scripts, by id ({@code script.<id>}). */
  public Map<String, TriggerFactory> triggerTypes() {
    return triggerTypes;
  }

  /** The controller scripts ({@code "kind": "controller"}), by id. */
  public Map<String, ControllerScriptType> controllerTypes() {
    return controllerTypes;
  }

  @Override
  public String toString() {
    return "ScriptCatalog[" + folder + ": " + scripts.size() + " scripts, " + problems.size()
        + " problems]";
  }
}
