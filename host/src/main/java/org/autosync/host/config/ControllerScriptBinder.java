package org.autosync.host.config;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.autosync.api.trigger.ConfigProblem;
import org.autosync.api.trigger.ParameterDescriptor;
import org.autosync.api.trigger.ParameterType;
import org.autosync.host.controller.ControllerScriptSettings;
import org.autosync.scripts.ControllerScriptType;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Binds a {@code controllerScript} block — {@code controller.controllerScript} or {@code
 * mas.<name>.controllerScript} — to {@link ControllerScriptSettings}: {@code script} names a
 * controller script installed in the scripts folder, and every other key is one of its settings
 * (its parameters, {@code timeout}, capability grants), checked by the script's type and located
 * at the setting's line. Used by one thread for one file.
 *
 * <pre>{@code
 * controllerScript:
 *   script: halt-on-deletes    # scripts/halt-on-deletes/manifest.json, "kind": "controller"
 *   timeout: 5s
 *   maxDeletes: 100            # the manifest's parameter
 * }</pre>
 */
final class ControllerScriptBinder {

  private final Problems problems;
  private final ParameterText parameters;
  private final Map<String, ControllerScriptType> types;

  ControllerScriptBinder(Problems problems, Map<String, ControllerScriptType> types) {
    this.problems = problems;
    this.parameters = new ParameterText(problems);
    this.types = types;
  }

  /** The block under {@code key} of {@code parent}; null when absent or invalid (reported). */
  @Nullable ControllerScriptSettings bind(Block parent, String key) {
    if (!parent.has(key)) {
      return null;
    }
    Block block = parent.child(key, null);
    if (!(block.node() instanceof org.yaml.snakeyaml.nodes.MappingNode)) {
      if (!Nodes.isNull(block.node())) {
        return null; // reported by Block.read: expected a mapping
      }
      problems.add(block.node(), block.path(), "expected a controller script such as {script:"
          + " halt-on-deletes, maxDeletes: 100}; leave the key out for none");
      return null;
    }
    int before = problems.count();
    ControllerScriptType type = type(block);
    if (type == null) {
      return null;
    }
    Map<String, String> values = new LinkedHashMap<>();
    Map<String, Node> nodes = new HashMap<>();
    Set<String> failed = new HashSet<>();
    for (String name : block.keys()) {
      if (Keys.CONTROLLER_SCRIPT.contains(name)) {
        continue;
      }
      Node node = block.value(name).orElseThrow();
      if (type.parameter(name).isEmpty()) {
        List<String> known = Stream.concat(Keys.CONTROLLER_SCRIPT.stream(),
            type.parameters().stream().map(ParameterDescriptor::name)).toList();
        String hint = Nodes.suggest(name, known);
        problems.add(block.keyNode(name), block.path(name), "unknown key; "
            + (hint == null ? "" : "did you mean '" + hint + "'? ") + "controller script '"
            + type.id() + "' expects " + String.join(", ", known));
        continue;
      }
      String text = parameters.text(block.path(name), node);
      if (text != null) {
        values.put(name, text);
        nodes.put(name, node);
      } else {
        failed.add(name);
      }
    }
    for (ConfigProblem problem : validate(type, values, block)) {
      if (!failed.contains(problem.field())) {
        parameters.locate(problem, block, nodes);
      }
    }
    if (problems.count() > before) {
      return null;
    }
    Set<String> secrets = new HashSet<>();
    for (ParameterDescriptor p : type.parameters()) {
      if (p.defaultValue() != null) {
        values.putIfAbsent(p.name(), p.defaultValue());
      }
      if (p.type() == ParameterType.SECRET) {
        secrets.add(p.name());
      }
    }
    return new ControllerScriptSettings(type.id(), values, secrets);
  }

  private @Nullable ControllerScriptType type(Block block) {
    String known = types.isEmpty()
        ? "(no controller script is installed in the scripts folder)"
        : String.join(", ", types.keySet().stream().sorted().toList());
    if (!block.has("script")) {
      block.missing("script", "the id of a controller script in the scripts folder, one of "
          + known);
      return null;
    }
    Node node = block.value("script").orElseThrow();
    String id = Scalars.text(problems, block.path("script"), node,
        "the id of a controller script, one of " + known);
    if (id == null) {
      return null;
    }
    ControllerScriptType type = types.get(id);
    if (type == null) {
      problems.add(node, block.path("script"), "no controller script '" + id + "' is installed"
          + " (a folder scripts/" + id + "/ whose manifest says \"kind\": \"controller\");"
          + " expected one of " + known);
    }
    return type;
  }

  private List<ConfigProblem> validate(ControllerScriptType type, Map<String, String> values,
      Block block) {
    try {
      return type.validate(Map.copyOf(values));
    } catch (RuntimeException e) {
      problems.add(block.node(), block.path(), "controller script '" + type.id()
          + "' failed to check this block: " + e);
      return List.of();
    }
  }
}
