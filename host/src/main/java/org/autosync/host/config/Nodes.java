package org.autosync.host.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/** Small facts about SnakeYAML nodes, and reading a mapping's entries. Stateless. */
final class Nodes {

  private Nodes() {}

  /** Whether the node is YAML's null: an empty value, {@code ~} or {@code null}. */
  static boolean isNull(Node node) {
    return node instanceof ScalarNode && Tag.NULL.equals(node.getTag());
  }

  /** What a node is, for "expected ...; got ..." messages. */
  static String describe(Node node) {
    if (node instanceof MappingNode) {
      return "a mapping";
    }
    if (node instanceof SequenceNode) {
      return "a list";
    }
    if (isNull(node)) {
      return "nothing";
    }
    return "'" + ((ScalarNode) node).getValue() + "'";
  }

  /**
   * The entries of a mapping by key, in file order. Duplicate keys and keys that are not text are
   * reported; merge keys ({@code <<: *defaults}) are applied, keys written in the mapping winning
   * over merged ones.
   */
  static Map<String, NodeTuple> entries(Problems problems, YamlPath path, MappingNode mapping) {
    return entries(problems, path, mapping, Collections.newSetFromMap(new IdentityHashMap<>()));
  }

  private static Map<String, NodeTuple> entries(
      Problems problems, YamlPath path, MappingNode mapping, Set<Node> visiting) {
    Map<String, NodeTuple> result = new LinkedHashMap<>();
    if (!visiting.add(mapping)) {
      problems.add(mapping, path, "a merge key (<<) refers to a mapping that contains it");
      return result;
    }
    List<Node> merged = new ArrayList<>();
    for (NodeTuple tuple : mapping.getValue()) {
      Node key = tuple.getKeyNode();
      if (Tag.MERGE.equals(key.getTag())) {
        merged.add(tuple.getValueNode());
        continue;
      }
      if (!(key instanceof ScalarNode scalar)) {
        problems.add(key, path, "expected a text key; got " + describe(key));
        continue;
      }
      NodeTuple first = result.putIfAbsent(scalar.getValue(), tuple);
      if (first != null) {
        problems.add(key, path.key(scalar.getValue()),
            "duplicate key; first at line " + Problems.line(first.getKeyNode()));
      }
    }
    for (Node source : merged) {
      List<Node> sources = source instanceof SequenceNode list ? list.getValue() : List.of(source);
      for (Node each : sources) {
        if (each instanceof MappingNode m) {
          entries(problems, path, m, visiting).forEach(result::putIfAbsent);
        } else {
          problems.add(each, path,
              "expected a mapping to merge (<<: *name); got " + describe(each));
        }
      }
    }
    visiting.remove(mapping);
    return result;
  }

  /** A known key close to {@code key} (case or up to two typos apart), or null. */
  static @Nullable String suggest(String key, List<String> known) {
    String best = null;
    int bestDistance = 3;
    for (String candidate : known) {
      int d = candidate.equalsIgnoreCase(key) ? 0 : distance(key.toLowerCase(Locale.ROOT),
          candidate.toLowerCase(Locale.ROOT));
      if (d < bestDistance) {
        best = candidate;
        bestDistance = d;
      }
    }
    return best;
  }

  private static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        current[j] =
            Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
