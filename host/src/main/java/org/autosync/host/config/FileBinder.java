package org.autosync.host.config;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.autosync.api.trigger.TriggerFactory;
import org.autosync.host.controller.ControllerSettings;
import org.autosync.host.controller.MaSettings;
import org.autosync.host.trigger.TriggerSpec;
import org.autosync.scripts.ControllerScriptType;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Binds a parsed file: the {@code engine}, {@code controller} and {@code mas} blocks. Reports every
 * problem to {@link Problems} and goes on; the result is only meaningful when none was reported.
 * Used by one thread for one file.
 */
final class FileBinder {

  private final Problems problems;
  private final Map<String, TriggerFactory> triggerTypes;
  private final Set<String> engineTypes;
  private final ControllerScriptBinder scripts;

  FileBinder(Problems problems, Map<String, TriggerFactory> triggerTypes,
      Set<String> engineTypes, Map<String, ControllerScriptType> controllerScripts) {
    this.problems = problems;
    this.triggerTypes = triggerTypes;
    this.engineTypes = engineTypes;
    this.scripts = new ControllerScriptBinder(problems, controllerScripts);
  }

  AutoSyncConfig bind(Node root, String source) {
    Block top = Block.read(problems, YamlPath.ROOT, root, Keys.TOP);
    if (!(root instanceof MappingNode)) {
      return new AutoSyncConfig("", Map.of(), ControllerSettings.defaults(), List.of(), source);
    }
    Block engine = top.child("engine", Keys.ENGINE);
    String engineType = engineType(top, engine);
    Map<String, Object> settings = engine.value("settings")
        .map(n -> new PlainValues(problems).mapping(engine.path("settings"), n))
        .orElse(Map.of());
    ControllerSettings controller =
        ControllerBinder.bind(top.child("controller", Keys.CONTROLLER), scripts);

    Block mas = top.child("mas", null);
    Set<String> names = new LinkedHashSet<>(mas.keys());
    TriggerBinder triggerBinder = new TriggerBinder(problems, triggerTypes);
    List<TriggerSpec> triggers = new ArrayList<>();
    for (String name : mas.keys()) {
      if (name.isBlank()) {
        problems.add(mas.keyNode(name), mas.path(name), "expected an MA name; got an empty key");
        continue;
      }
      Block ma = mas.child(name, Keys.MA);
      MaSettings settingsOfMa = MaBinder.bind(name, ma, names, scripts);
      controller = controller.withMa(settingsOfMa);
      triggers.addAll(triggerBinder.bind(name, ma));
    }
    return new AutoSyncConfig(engineType, settings, controller, triggers, source);
  }

  private String engineType(Block top, Block engine) {
    String known = engineTypes.isEmpty() ? "(no engine plugin is loaded)"
        : String.join(", ", engineTypes.stream().sorted().toList());
    if (!top.has("engine")) {
      top.missing("engine", "a mapping such as engine: {type: embedded, settings: {...}}");
      return "";
    }
    if (!engine.has("type")) {
      engine.missing("type", "an engine type, one of " + known);
      return "";
    }
    String type = engine.text("type", "an engine type, one of " + known);
    if (type != null && !engineTypes.contains(type)) {
      problems.add(engine.value("type").orElseThrow(), engine.path("type"),
          "unknown engine type; expected one of " + known + "; got '" + type + "'");
    }
    return type == null ? "" : type;
  }
}
