package org.autosync.scripts;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.autosync.api.trigger.ConfigProblem;
import org.autosync.api.trigger.ParameterDescriptor;
import org.autosync.api.trigger.ParameterType;
import org.autosync.api.trigger.ParameterValues;
import org.autosync.api.trigger.TriggerFactory;
import org.autosync.api.trigger.TriggerType;
import org.slf4j.Logger;

/**
 * A controller script installed in the scripts folder, as data: its settings (the manifest's
 * parameters, {@value #TIMEOUT}, and the grants of the capabilities it asks for), a check of a
 * settings block, and how to load it. The host validates configuration against it, so errors
 * carry file, line and column, and loads one {@link ControllerScript} per place it is configured.
 *
 * <pre>{@code
 * ControllerScriptType type = runtime.scan(Path.of("scripts")).controllerTypes().get("guard");
 * List<ConfigProblem> problems = type.validate(Map.of("maxDeletes", "100", "timeout", "5s"));
 * try (ControllerScript script = type.load(Map.of("maxDeletes", "100"), log, secrets::resolve)) {
 *   ...
 * }
 * }</pre>
 *
 * <p>Immutable and thread-safe; {@link ScriptCatalog} builds it.
 */
public final class ControllerScriptType {

  /** The setting bounding each call into the script (and its loading). */
  public static final String TIMEOUT = "timeout";

  /** The shortest timeout allowed. */
  public static final Duration MIN_TIMEOUT = CommonParameters.MIN_TIMEOUT;

  private final Path folder;
  private final ScriptManifest manifest;
  private final ScriptServices services;
  private final TriggerType type;

  ControllerScriptType(Path folder, ScriptManifest manifest, ScriptServices services) {
    this.folder = folder;
    this.manifest = manifest;
    this.services = services;
    List<ParameterDescriptor> parameters = new ArrayList<>(manifest.parameters());
    parameters.add(ParameterDescriptor.optional(TIMEOUT, ParameterType.DURATION,
        Durations.format(ControllerScript.Options.DEFAULT_TIMEOUT),
        "How long one call into the script (and loading it) may run before it is stopped; a"
            + " shouldExecute that runs longer vetoes the run"));
    for (Capability c : Capability.values()) {
      if (manifest.capabilities().contains(c)) {
        parameters.addAll(c.grantParameters(true));
      }
    }
    this.type = new TriggerType(manifest.id(), manifest.name(), manifest.description() + " ("
        + manifest.language() + " controller script '" + manifest.id() + "' "
        + manifest.version() + ")", parameters);
  }

  /** The script's id, also its folder's name. */
  public String id() {
    return manifest.id();
  }

  /** Its manifest. */
  public ScriptManifest manifest() {
    return manifest;
  }

  /** The entry file, whose edits are picked up at the next call. */
  public Path entryFile() {
    return folder.resolve(manifest.entry());
  }

  /** Every setting a configuration block may give it, in documentation order. */
  public List<ParameterDescriptor> parameters() {
    return type.parameters();
  }

  /** The setting called {@code name}, if it has one. */
  public Optional<ParameterDescriptor> parameter(String name) {
    return type.parameter(name);
  }

  /**
   * Checks a settings block given as configuration text (lists joined by commas): unknown names,
   * missing required settings, values of the wrong type, a timeout under {@link #MIN_TIMEOUT},
   * malformed grants.
   *
   * @return every problem, each naming its setting; empty when the block is valid
   */
  public List<ConfigProblem> validate(Map<String, String> values) {
    List<ConfigProblem> problems = new ArrayList<>(TriggerFactory.validateDeclared(type, values));
    String timeout = values.get(TIMEOUT);
    if (timeout != null && problems.stream().noneMatch(p -> p.field().equals(TIMEOUT))
        && ParameterValues.parseDuration(timeout).compareTo(MIN_TIMEOUT) < 0) {
      problems.add(new ConfigProblem(TIMEOUT, "must be at least " + Durations.format(MIN_TIMEOUT)
          + ", got '" + timeout + "'"));
    }
    for (ConfigProblem p : Grants.check(values)) {
      if (problems.stream().noneMatch(q -> q.field().equals(p.field()))) {
        problems.add(p);
      }
    }
    return problems;
  }

  /**
   * Loads the script with {@code settings} (as {@link #validate} accepts them; defaults are filled
   * in), logging under {@code log}, with secret references resolved by {@code secrets}.
   *
   * @throws ScriptException when the manifest changed into something unusable, the settings are
   *     invalid, or the script does not load (a syntax error, a top level that throws or runs
   *     past the timeout)
   * @throws IOException when a file cannot be read
   */
  public ControllerScript load(Map<String, String> settings, Logger log,
      UnaryOperator<String> secrets) throws IOException {
    Map<String, String> values = new LinkedHashMap<>(settings);
    String timeout = values.remove(TIMEOUT);
    ControllerScript.Options options = ControllerScript.options(log).values(values)
        .secrets(secrets);
    if (timeout != null) {
      options.timeout(ParameterValues.parseDuration(timeout));
    }
    return ControllerScript.load(folder, options, services);
  }

  @Override
  public String toString() {
    return "ControllerScriptType[" + manifest.id() + " " + manifest.version() + "]";
  }
}
