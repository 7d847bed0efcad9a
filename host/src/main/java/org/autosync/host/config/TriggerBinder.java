package org.autosync.host.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.autosync.api.trigger.ConfigProblem;
import org.autosync.api.trigger.ParameterDescriptor;
import org.autosync.api.trigger.TriggerConfig;
import org.autosync.api.trigger.TriggerFactory;
import org.autosync.api.trigger.TriggerType;
import org.autosync.host.trigger.TriggerSpec;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Binds the {@code triggers} lists of every MA: checks ids (unique across the file, ignoring case,
 * since they name state files), finds each type's factory, turns parameters into configuration
 * text, has the factory validate them, locates each of its problems at the parameter's node, and
 * fills in defaults. Used by one thread for one file.
 */
final class TriggerBinder {

  /** The rule trigger state files need (see {@code FileStateStore}). */
  static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

  private final Problems problems;
  private final ParameterText parameters;
  private final Map<String, TriggerFactory> factories;
  private final Map<String, Node> ids = new HashMap<>();

  TriggerBinder(Problems problems, Map<String, TriggerFactory> factories) {
    this.problems = problems;
    this.parameters = new ParameterText(problems);
    this.factories = factories;
  }

  /** The triggers of MA {@code ma}, whose block is {@code block}; invalid ones are left out. */
  List<TriggerSpec> bind(String ma, Block block) {
    List<TriggerSpec> result = new ArrayList<>();
    List<Node> items = block.list("triggers",
        "a list of triggers such as [{id: hr-every-minute, type: interval, interval: 1m}]");
    for (int i = 0; i < items.size(); i++) {
      YamlPath path = block.path("triggers").index(i);
      if (!(items.get(i) instanceof MappingNode)) {
        problems.add(items.get(i), path, "expected a trigger (a mapping with id, type and the"
            + " type's parameters); got " + Nodes.describe(items.get(i)));
        continue;
      }
      TriggerSpec spec = one(ma, Block.read(problems, path, items.get(i), null));
      if (spec != null) {
        result.add(spec);
      }
    }
    return result;
  }

  private @Nullable TriggerSpec one(String ma, Block t) {
    int before = problems.count();
    String id = id(t);
    TriggerFactory factory = factory(t);
    if (factory == null) {
      return null;
    }
    TriggerType type = factory.type();
    Map<String, String> values = new LinkedHashMap<>();
    Map<String, Node> nodes = new HashMap<>();
    Set<String> failed = new HashSet<>();
    for (String key : t.keys()) {
      if (Keys.TRIGGER.contains(key)) {
        continue;
      }
      Node node = t.value(key).orElseThrow();
      if (type.parameter(key).isEmpty()) {
        List<String> known = Stream.concat(Keys.TRIGGER.stream(),
            type.parameters().stream().map(ParameterDescriptor::name)).toList();
        String hint = Nodes.suggest(key, known);
        problems.add(t.keyNode(key), t.path(key), "unknown key; "
            + (hint == null ? "" : "did you mean '" + hint + "'? ") + "trigger type '" + type.id()
            + "' expects " + String.join(", ", known));
        continue;
      }
      String text = parameters.text(t.path(key), node);
      if (text != null) {
        values.put(key, text);
        nodes.put(key, node);
      } else {
        failed.add(key);
      }
    }
    for (ConfigProblem problem : validate(factory, values, t)) {
      if (!failed.contains(problem.field())) {   // already reported: it could not be read
        parameters.locate(problem, t, nodes);
      }
    }
    if (problems.count() > before || id == null) {
      return null;
    }
    for (ParameterDescriptor p : type.parameters()) {
      if (p.defaultValue() != null) {
        values.putIfAbsent(p.name(), p.defaultValue());
      }
    }
    return new TriggerSpec(factory, new TriggerConfig(id, type.id(), ma, values));
  }

  private @Nullable String id(Block t) {
    if (!t.has("id")) {
      t.missing("id", "a unique id such as hr-every-minute");
      return null;
    }
    Node node = t.value("id").orElseThrow();
    String id = Scalars.text(problems, t.path("id"), node, "a unique id such as hr-every-minute");
    if (id == null) {
      return null;
    }
    if (!ID.matcher(id).matches()) {
      problems.add(node, t.path("id"), "expected 1 to 128 letters, digits, '.', '_' or '-',"
          + " starting with a letter or digit; got '" + id + "'");
      return null;
    }
    Node first = ids.putIfAbsent(id.toLowerCase(Locale.ROOT), node);
    if (first != null) {
      problems.add(node, t.path("id"), "trigger id '" + id + "' is already used at line "
          + Problems.line(first) + " (ids must be unique in the file, ignoring case)");
      return null;
    }
    return id;
  }

  private @Nullable TriggerFactory factory(Block t) {
    String known = factories.isEmpty() ? "(no trigger plugin is loaded)"
        : String.join(", ", factories.keySet().stream().sorted().toList());
    if (!t.has("type")) {
      t.missing("type", "a trigger type, one of " + known);
      return null;
    }
    Node node = t.value("type").orElseThrow();
    String type = Scalars.text(problems, t.path("type"), node, "a trigger type, one of " + known);
    if (type == null) {
      return null;
    }
    TriggerFactory factory = factories.get(type);
    if (factory == null) {
      problems.add(node, t.path("type"),
          "unknown trigger type; expected one of " + known + "; got '" + type + "'");
    }
    return factory;
  }

  private List<ConfigProblem> validate(TriggerFactory factory, Map<String, String> values,
      Block t) {
    try {
      return factory.validate(Map.copyOf(values));
    } catch (RuntimeException e) {
      problems.add(t.node(), t.path(), "trigger type '" + factory.type().id()
          + "' failed to check this block (a bug in its plugin): " + e);
      return List.of();
    }
  }
}
