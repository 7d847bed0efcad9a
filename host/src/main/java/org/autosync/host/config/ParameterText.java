package org.autosync.host.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.autosync.api.trigger.ConfigProblem;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Parameters written flat in a block (a trigger's, a controller script's): each value as the
 * configuration text its type checks, and the type's problems located at the parameter they
 * name. Used by one thread for one file.
 */
final class ParameterText {

  private static final Pattern INDEXED = Pattern.compile("(.+)\\[(\\d{1,9})]");

  private final Problems problems;

  ParameterText(Problems problems) {
    this.problems = problems;
  }

  /** A parameter as configuration text: a scalar's text, or a list's items joined by commas. */
  @Nullable String text(YamlPath path, Node node) {
    String expected = "a text, number, boolean or list";
    if (node instanceof SequenceNode sequence) {
      List<String> items = new ArrayList<>();
      for (int i = 0; i < sequence.getValue().size(); i++) {
        Node item = sequence.getValue().get(i);
        String text = scalar(path.index(i), item, "a text, number or boolean");
        if (text != null && text.contains(",")) {
          problems.add(item, path.index(i), "list items cannot contain ','; got '" + text + "'");
        } else if (text != null) {
          items.add(text);
        }
      }
      return items.size() == sequence.getValue().size() ? String.join(",", items) : null;
    }
    return scalar(path, node, expected);
  }

  private @Nullable String scalar(YamlPath path, Node node, String expected) {
    if (!(node instanceof ScalarNode) || Nodes.isNull(node)) {
      String nothing = Nodes.isNull(node) ? " (leave the key out to use the default)" : "";
      problems.add(node, path, "expected " + expected + "; got " + Nodes.describe(node) + nothing);
      return null;
    }
    String text = ((ScalarNode) node).getValue();
    String problem = SecretText.problem(text);
    if (problem != null) {
      problems.add(node, path, problem);
      return null;
    }
    return text;
  }

  /** Reports a type's problem at the parameter it names, else at the block. */
  void locate(ConfigProblem problem, Block t, Map<String, Node> nodes) {
    String field = problem.field();
    Node node = nodes.get(field);
    if (node != null) {
      problems.add(node, t.path(field), problem.message());
      return;
    }
    Matcher m = INDEXED.matcher(field);
    if (m.matches() && nodes.get(m.group(1)) instanceof SequenceNode list) {
      int index = Integer.parseInt(m.group(2));
      if (index < list.getValue().size()) {
        problems.add(list.getValue().get(index), t.path(m.group(1)).index(index),
            problem.message());
        return;
      }
    }
    problems.add(t.node(), field.isEmpty() ? t.path() : t.path().append(field), problem.message());
  }
}
