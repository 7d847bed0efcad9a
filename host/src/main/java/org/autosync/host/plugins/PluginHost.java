package org.autosync.host.plugins;

import com.github.zafarkhaja.semver.Version;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.autosync.api.engine.EngineFactory;
import org.autosync.api.trigger.TriggerFactory;
import org.autosync.scripts.ControllerScriptType;
import org.autosync.scripts.ScriptCatalog;
import org.autosync.scripts.ScriptManifest;
import org.autosync.scripts.ScriptRuntime;
import org.jspecify.annotations.Nullable;
import org.pf4j.DefaultPluginManager;
import org.pf4j.PluginManager;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads plugins from a folder with pf4j: every JAR or ZIP there adds its engine and trigger types.
 * Types on the host's own class path (built-in plugins in a development build) count too. A plugin
 * that fails to load or start is reported with its reason and the host runs on; a plugin built for
 * a newer plugin API is refused with a clear message.
 *
 * <p>Script triggers come in too: each script installed in the scripts folder ({@code
 * <id>/manifest.json} and its entry file; by default the {@code scripts} folder beside the plugins
 * folder) adds a trigger type {@code script.<id>}. The folder is read again on every call of
 * {@link #triggerTypes()}, so that a configuration reload sees newly installed scripts; a script
 * that cannot be offered is listed in {@link #reports()} with its reason.
 *
 * <pre>{@code
 * try (PluginHost plugins = PluginHost.start(Path.of("plugins"))) {
 *   plugins.reports().forEach(r -> log.info("{}", r));
 *   TriggerFactory interval = plugins.triggerTypes().get("interval");
 * }
 * }</pre>
 *
 * <p><b>Threading:</b> start and close from one thread; the accessors are thread-safe once started.
 */
public final class PluginHost implements AutoCloseable {

  /** The plugin API version this host offers; plugins state what they need in {@code Plugin-Requires}. */
  public static final String API_VERSION = "0.1.0";

  private static final Logger LOG = LoggerFactory.getLogger(PluginHost.class);

  /** The scripts folder's name, beside the plugins folder, unless another is given. */
  public static final String SCRIPTS_FOLDER = "scripts";

  private final Path folder;
  private final Path scriptsFolder;
  private final ScriptRuntime scripts;
  private final RecordingManager manager;
  private final List<PluginReport> reports = new ArrayList<>();
  private final Map<String, EngineFactory> engines = new LinkedHashMap<>();
  private final Map<String, TriggerFactory> triggers = new LinkedHashMap<>();

  /** pf4j's manager, remembering why a file could not be loaded at all. */
  private static final class RecordingManager extends DefaultPluginManager {
    final Map<Path, Throwable> loadFailures = new LinkedHashMap<>();

    RecordingManager(Path folder) {
      super(folder);
      setSystemVersion(API_VERSION);
    }

    @Override
    protected PluginWrapper loadPluginFromPath(Path pluginPath) {
      try {
        return super.loadPluginFromPath(pluginPath);
      } catch (RuntimeException e) {
        loadFailures.put(pluginPath.toAbsolutePath().normalize(), e);
        throw e;
      }
    }
  }

  private PluginHost(Path folder, Path scriptsFolder) {
    this.folder = folder;
    this.scriptsFolder = scriptsFolder;
    this.scripts = ScriptRuntime.builder().apiVersion(API_VERSION).build();
    this.manager = new RecordingManager(folder);
  }

  /**
   * Loads and starts every plugin in {@code folder} (which may not exist), with the scripts in
   * the {@value #SCRIPTS_FOLDER} folder beside it.
   */
  public static PluginHost start(Path folder) {
    Path absolute = folder.toAbsolutePath().normalize();
    Path parent = absolute.getParent();
    return start(folder, parent == null ? Path.of(SCRIPTS_FOLDER)
        : parent.resolve(SCRIPTS_FOLDER));
  }

  /** Loads and starts every plugin in {@code folder}, with the scripts in {@code scriptsFolder}. */
  public static PluginHost start(Path folder, Path scriptsFolder) {
    PluginHost host = new PluginHost(folder, scriptsFolder);
    host.load();
    return host;
  }

  private void load() {
    if (Files.isDirectory(folder)) {
      try {
        manager.loadPlugins();
      } catch (RuntimeException e) {
        LOG.error("Loading plugins from '{}' failed: {}", folder, e.getMessage(), e);
      }
      manager.startPlugins();
    }
    for (PluginWrapper plugin : manager.getPlugins()) {
      reports.add(report(plugin));
    }
    manager.loadFailures.forEach((path, error) -> reports.add(new PluginReport(
        path.getFileName().toString(), "", path, "FAILED",
        "cannot be loaded: " + message(error), List.of())));
    reportUnloadedFiles();
    collect(null, "the host's class path");
    for (PluginWrapper plugin : manager.getPlugins()) {
      if (plugin.getPluginState() == PluginState.STARTED) {
        collect(plugin.getPluginId(), "plugin '" + plugin.getPluginId() + "'");
      }
    }
    reports.addAll(scriptReports(scripts.scan(scriptsFolder)));
    for (PluginReport r : reports) {
      if (r.ok()) {
        LOG.info("Plugin '{}' {} started from '{}'", r.id(), r.version(), r.path());
      } else {
        LOG.error("Plugin '{}' from '{}' is not running: {}", r.id(), r.path(), r.problem());
      }
    }
  }

  /** Files in the folder that pf4j skipped silently (neither a plugin nor a recorded failure). */
  private void reportUnloadedFiles() {
    if (!Files.isDirectory(folder)) {
      return;
    }
    try (Stream<Path> files = Files.list(folder)) {
      files.filter(p -> p.toString().endsWith(".jar") || p.toString().endsWith(".zip"))
          .map(p -> p.toAbsolutePath().normalize())
          .filter(p -> reports.stream().noneMatch(r -> r.path().toAbsolutePath().normalize()
              .equals(p) || p.toString().startsWith(r.path().toAbsolutePath().normalize()
              .toString())))
          .forEach(p -> reports.add(new PluginReport(p.getFileName().toString(), "", p,
              "FAILED", "not loaded: no plugin descriptor (Plugin-Id in the manifest, or"
                  + " plugin.properties) or a duplicate plugin id; see the log", List.of())));
    } catch (java.io.IOException e) {
      LOG.warn("Cannot list the plugins folder '{}'", folder, e);
    }
  }

  private PluginReport report(PluginWrapper plugin) {
    String requires = plugin.getDescriptor().getRequires();
    String problem = null;
    if (plugin.getPluginState() != PluginState.STARTED) {
      if (requires != null && !requires.isBlank() && !"*".equals(requires.strip())
          && !satisfies(requires)) {
        problem = "needs plugin API " + requires + ", but this AutoSync offers " + API_VERSION
            + "; upgrade AutoSync or use a plugin version built for it";
      } else {
        Throwable failed = plugin.getFailedException();
        problem = plugin.getPluginState() + (failed == null ? "" : ": " + message(failed));
      }
    }
    List<String> contributes = new ArrayList<>();
    if (problem == null) {
      manager.getExtensions(EngineFactory.class, plugin.getPluginId())
          .forEach(f -> contributes.add("engine " + f.type()));
      manager.getExtensions(TriggerFactory.class, plugin.getPluginId())
          .forEach(f -> contributes.add("trigger " + f.type().id()));
    }
    return new PluginReport(plugin.getPluginId(), plugin.getDescriptor().getVersion(),
        plugin.getPluginPath(), plugin.getPluginState().toString(), problem, contributes);
  }

  private static boolean satisfies(String requires) {
    try {
      return Version.valueOf(API_VERSION).satisfies(requires);
    } catch (RuntimeException e) {
      return false;
    }
  }

  private void collect(@Nullable String pluginId, String from) {
    List<EngineFactory> engineFactories = pluginId == null
        ? manager.getExtensions(EngineFactory.class).stream()
            .filter(f -> manager.whichPlugin(f.getClass()) == null).toList()
        : manager.getExtensions(EngineFactory.class, pluginId);
    for (EngineFactory f : engineFactories) {
      EngineFactory existing = engines.putIfAbsent(f.type(), f);
      if (existing != null && existing.getClass() != f.getClass()) {
        LOG.warn("Engine type '{}' from {} ignored: already contributed", f.type(), from);
      }
    }
    List<TriggerFactory> triggerFactories = pluginId == null
        ? manager.getExtensions(TriggerFactory.class).stream()
            .filter(f -> manager.whichPlugin(f.getClass()) == null).toList()
        : manager.getExtensions(TriggerFactory.class, pluginId);
    for (TriggerFactory f : triggerFactories) {
      TriggerFactory existing = triggers.putIfAbsent(f.type().id(), f);
      if (existing != null && existing.getClass() != f.getClass()) {
        LOG.warn("Trigger type '{}' from {} ignored: already contributed", f.type().id(), from);
      }
    }
  }

  private static String message(Throwable t) {
    Throwable root = t;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    return root == t ? m : m + " (" + root.getClass().getSimpleName() + ": "
        + root.getMessage() + ")";
  }

  /** Every plugin found in the folder, started or not, with the reason when not. */
  public List<PluginReport> reports() {
    return List.copyOf(reports);
  }

  /** Engine types by name. */
  public Map<String, EngineFactory> engineTypes() {
    return Map.copyOf(engines);
  }

  /** Trigger types by id: the plugins' and, read afresh, the installed scripts'. */
  public Map<String, TriggerFactory> triggerTypes() {
    Map<String, TriggerFactory> all = new LinkedHashMap<>(triggers);
    scripts.scan(scriptsFolder).triggerTypes().forEach((id, f) -> {
      if (all.putIfAbsent(id, f) != null) {
        LOG.warn("Script trigger type '{}' ignored: a plugin contributes that type", id);
      }
    });
    return Map.copyOf(all);
  }

  /**
   * The controller scripts installed in the scripts folder ({@code "kind": "controller"}), by id,
   * read afresh on every call like {@link #triggerTypes()}.
   */
  public Map<String, ControllerScriptType> controllerScriptTypes() {
    return scripts.scan(scriptsFolder).controllerTypes();
  }

  private static List<PluginReport> scriptReports(ScriptCatalog catalog) {
    List<PluginReport> result = new ArrayList<>();
    for (ScriptManifest m : catalog.scripts()) {
      result.add(new PluginReport("script " + m.id(), m.version(),
          catalog.folder().resolve(m.id()), "STARTED", null,
          m.kind() == ScriptManifest.Kind.TRIGGER ? List.of("trigger " + m.triggerTypeId())
              : List.of("controller script " + m.id())));
    }
    for (ScriptCatalog.Problem problem : catalog.problems()) {
      result.add(new PluginReport("script " + problem.folder().getFileName(), "",
          problem.folder(), "FAILED", problem.message(), List.of()));
    }
    return result;
  }

  /** The pf4j manager, for tools. */
  PluginManager manager() {
    return manager;
  }

  /** Stops the plugins, then the script runtime (after the triggers using it have stopped). */
  @Override
  public void close() {
    try {
      manager.stopPlugins();
    } finally {
      scripts.close();
    }
  }
}
