package org.autosync.host.config;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.autosync.api.trigger.TriggerFactory;
import org.autosync.scripts.ControllerScriptType;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads AutoSync's configuration file, checks all of it, and binds it to an {@link
 * AutoSyncConfig}. Nothing is started and no secret is resolved here.
 *
 * <p>Every problem is collected before anything is thrown, each with its file, line, column, field
 * path and what was expected: unknown keys at every level, wrong types, values out of range, an
 * unknown engine or trigger type, trigger parameters the trigger type refuses (located at the
 * parameter's line), duplicate or badly formed trigger ids, {@code lockWith} naming an MA that is
 * not configured, unknown profile types in mappings, secret references with an unknown scheme, and
 * {@code controllerScript} blocks naming a script that is not installed or settings it refuses.
 *
 * <pre>{@code
 * try {
 *   AutoSyncConfig config = ConfigLoader.load(Path.of("autosync.yaml"), triggerFactoriesByType,
 *       Set.of("embedded"));
 *   LOG.info("Effective configuration:\n{}", ConfigPrinter.print(config));
 * } catch (ConfigException e) {
 *   LOG.error("{}", e.getMessage());   // one line per error; start nothing
 * }
 * }</pre>
 *
 * <p><b>Threading:</b> stateless and thread-safe; each call reads its own file. The trigger
 * factories' {@code validate} is called on the caller's thread.
 */
public final class ConfigLoader {

  private ConfigLoader() {}

  /**
   * Reads and binds {@code file} (UTF-8).
   *
   * @param triggerTypes the trigger factories loaded from plugins, by type id
   * @param engineTypes the engine types loaded from plugins
   * @throws ConfigException listing every problem, or that the file cannot be read
   */
  public static AutoSyncConfig load(Path file, Map<String, TriggerFactory> triggerTypes,
      Set<String> engineTypes) {
    return load(file, triggerTypes, engineTypes, Map.of());
  }

  /**
   * Reads and binds {@code file} (UTF-8), with the controller scripts installed in the scripts
   * folder (which {@code controllerScript} blocks may name).
   *
   * @param controllerScripts the installed controller scripts, by id
   * @throws ConfigException listing every problem, or that the file cannot be read
   */
  public static AutoSyncConfig load(Path file, Map<String, TriggerFactory> triggerTypes,
      Set<String> engineTypes, Map<String, ControllerScriptType> controllerScripts) {
    String name = file.toString();
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (CharacterCodingException e) {
      throw unreadable(name, "it is not UTF-8 text; save it as UTF-8");
    } catch (IOException e) {
      String reason = e instanceof FileSystemException f && f.getReason() != null
          ? " (" + f.getReason() + ")" : "";
      throw unreadable(name, "cannot read the file: " + e.getClass().getSimpleName() + reason);
    }
    return load(text, name, triggerTypes, engineTypes, controllerScripts);
  }

  /**
   * Binds configuration text; {@code fileName} is what errors name and what {@link
   * AutoSyncConfig#source()} says.
   *
   * @throws ConfigException listing every problem
   */
  public static AutoSyncConfig load(String text, String fileName,
      Map<String, TriggerFactory> triggerTypes, Set<String> engineTypes) {
    return load(text, fileName, triggerTypes, engineTypes, Map.of());
  }

  /**
   * Binds configuration text with the installed controller scripts; see {@link #load(Path, Map,
   * Set, Map)}.
   *
   * @throws ConfigException listing every problem
   */
  public static AutoSyncConfig load(String text, String fileName,
      Map<String, TriggerFactory> triggerTypes, Set<String> engineTypes,
      Map<String, ControllerScriptType> controllerScripts) {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(fileName, "fileName");
    Map<String, TriggerFactory> factories = Map.copyOf(triggerTypes);
    Set<String> engines = Set.copyOf(engineTypes);
    Problems problems = new Problems(fileName);
    Node root = parse(text, problems);
    AutoSyncConfig config = null;
    if (root != null) {
      config = new FileBinder(problems, factories, engines, Map.copyOf(controllerScripts))
          .bind(root, fileName);
    } else if (problems.count() == 0) {
      problems.add(1, 1, YamlPath.ROOT,
          "the file is empty; expected a mapping with engine, controller and mas");
    }
    if (problems.count() > 0 || config == null) {
      throw new ConfigException(fileName, problems.inFileOrder());
    }
    return config;
  }

  private static @Nullable Node parse(String text, Problems problems) {
    LoaderOptions options = new LoaderOptions();
    options.setAllowRecursiveKeys(false);
    try {
      return new Yaml(options).compose(new StringReader(text));
    } catch (MarkedYAMLException e) {
      String context = e.getContext() == null ? "" : e.getContext() + ": ";
      String message = "not valid YAML: " + context + e.getProblem();
      if (e.getProblemMark() != null) {
        problems.add(e.getProblemMark(), YamlPath.ROOT, message);
      } else {
        problems.add(0, 0, YamlPath.ROOT, message);
      }
    } catch (YAMLException e) {
      problems.add(0, 0, YamlPath.ROOT, "not valid YAML: " + e.getMessage());
    }
    return null;
  }

  private static ConfigException unreadable(String file, String message) {
    return new ConfigException(file, List.of(new ConfigError(file, 0, 0, "", message)));
  }
}
