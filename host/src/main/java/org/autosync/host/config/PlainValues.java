package org.autosync.host.config;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Turns a free-form block (the engine's settings) into plain Java values: unmodifiable maps (in
 * file order) and lists, {@link String}, {@link Integer}/{@link Long}/{@link BigInteger}, {@link
 * Double}, {@link Boolean} and null.
 *
 * <p>Scalars follow YAML 1.2's core schema, which is stricter than SnakeYAML's YAML 1.1 defaults:
 * only {@code true}/{@code false} are booleans ({@code yes}, {@code no}, {@code on}, {@code off}
 * stay text, so a country code {@code NO} stays {@code "NO"}); only decimal numbers are numbers
 * ({@code 0389} or {@code 0x1F} stay text); dates stay text. Secret references stay text and are
 * checked for a known scheme. Duplicate keys and recursive aliases are reported. Used by one
 * thread.
 */
final class PlainValues {

  private static final Pattern INTEGER = Pattern.compile("[-+]?(0|[1-9][0-9]*)");
  private static final Pattern FLOAT =
      Pattern.compile("[-+]?([0-9]+\\.[0-9]*|\\.[0-9]+|[0-9]+)([eE][-+]?[0-9]+)?");

  private final Problems problems;
  private final Set<Node> visiting = Collections.newSetFromMap(new IdentityHashMap<>());

  PlainValues(Problems problems) {
    this.problems = problems;
  }

  /** The block as a map; YAML null or anything but a mapping (reported) is an empty map. */
  Map<String, Object> mapping(YamlPath path, Node node) {
    if (Nodes.isNull(node)) {
      return Map.of();
    }
    if (!(node instanceof MappingNode)) {
      problems.add(node, path, "expected a mapping; got " + Nodes.describe(node));
      return Map.of();
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> result = (Map<String, Object>) value(path, node);
    return result == null ? Map.of() : result;
  }

  private @Nullable Object value(YamlPath path, Node node) {
    if (node instanceof ScalarNode scalar) {
      return scalar(path, scalar);
    }
    if (!visiting.add(node)) {
      problems.add(node, path, "an alias refers to a block that contains it");
      return null;
    }
    try {
      if (node instanceof SequenceNode sequence) {
        List<@Nullable Object> list = new ArrayList<>();
        List<Node> items = sequence.getValue();
        for (int i = 0; i < items.size(); i++) {
          list.add(value(path.index(i), items.get(i)));
        }
        return Collections.unmodifiableList(list);
      }
      Map<String, @Nullable Object> map = new LinkedHashMap<>();
      for (Map.Entry<String, NodeTuple> e
          : Nodes.entries(problems, path, (MappingNode) node).entrySet()) {
        map.put(e.getKey(), value(path.key(e.getKey()), e.getValue().getValueNode()));
      }
      return Collections.unmodifiableMap(map);
    } finally {
      visiting.remove(node);
    }
  }

  private @Nullable Object scalar(YamlPath path, ScalarNode node) {
    String text = node.getValue();
    Tag tag = node.getTag();
    if (Tag.NULL.equals(tag)) {
      return null;
    }
    boolean trueOrFalse = text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false");
    if (Tag.BOOL.equals(tag) && trueOrFalse) {
      return Boolean.parseBoolean(text);
    }
    if (Tag.INT.equals(tag) && INTEGER.matcher(text).matches()) {
      BigInteger big = new BigInteger(text);
      if (big.bitLength() < 32) {
        return big.intValue();
      }
      return big.bitLength() < 64 ? (Object) big.longValue() : big;
    }
    if (Tag.FLOAT.equals(tag) && FLOAT.matcher(text).matches()) {
      return Double.valueOf(text);
    }
    String problem = SecretText.problem(text);
    if (problem != null) {
      problems.add(node, path, problem);
    }
    return text;
  }
}
