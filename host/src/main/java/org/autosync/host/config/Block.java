package org.autosync.host.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * One mapping of the file being read: its entries, checked against the keys it accepts, and typed
 * getters that report problems at the value's node and fall back to a default so that reading goes
 * on and every error is found. An absent or empty block reads as all defaults. Used by one thread.
 */
final class Block {

  private final Problems problems;
  private final YamlPath path;
  private final Node node;
  private final Map<String, NodeTuple> entries;

  private Block(Problems problems, YamlPath path, Node node, Map<String, NodeTuple> entries) {
    this.problems = problems;
    this.path = path;
    this.node = node;
    this.entries = entries;
  }

  /**
   * Reads {@code node} as a mapping. YAML null reads as an empty block.
   *
   * @param known the accepted keys; null accepts any key (maps keyed by name)
   */
  static Block read(Problems problems, YamlPath path, Node node, @Nullable List<String> known) {
    if (Nodes.isNull(node)) {
      return new Block(problems, path, node, Map.of());
    }
    if (!(node instanceof MappingNode mapping)) {
      String keys = known == null ? "" : " (" + String.join(", ", known) + ")";
      problems.add(node, path, "expected a mapping" + keys + "; got " + Nodes.describe(node));
      return new Block(problems, path, node, Map.of());
    }
    Map<String, NodeTuple> entries = Nodes.entries(problems, path, mapping);
    if (known != null) {
      entries.forEach((key, tuple) -> {
        if (!known.contains(key)) {
          String hint = Nodes.suggest(key, known);
          problems.add(tuple.getKeyNode(), path.key(key), "unknown key; "
              + (hint == null ? "" : "did you mean '" + hint + "'? ")
              + "expected one of " + String.join(", ", known));
        }
      });
    }
    return new Block(problems, path, node, entries);
  }

  /** The block under {@code key}; when absent, an empty block located at this one. */
  Block child(String key, @Nullable List<String> known) {
    Optional<Node> value = value(key);
    return value.isPresent()
        ? read(problems, path.key(key), value.get(), known)
        : new Block(problems, path.key(key), node, Map.of());
  }

  Problems problems() {
    return problems;
  }

  YamlPath path() {
    return path;
  }

  YamlPath path(String key) {
    return path.key(key);
  }

  /** The mapping's node, or the node errors about an absent block are located at. */
  Node node() {
    return node;
  }

  Set<String> keys() {
    return entries.keySet();
  }

  boolean has(String key) {
    return entries.containsKey(key);
  }

  Optional<Node> value(String key) {
    return Optional.ofNullable(entries.get(key)).map(NodeTuple::getValueNode);
  }

  /** The node of {@code key} itself, for errors about the key (such as an unknown profile type). */
  Node keyNode(String key) {
    return entries.get(key).getKeyNode();
  }

  /** Reports that {@code key} is missing, at this block. */
  void missing(String key, String expected) {
    problems.add(node, path.key(key), "is required; expected " + expected);
  }

  Duration duration(String key, Duration fallback) {
    return read(key, fallback, n -> Scalars.duration(problems, path.key(key), n));
  }

  boolean bool(String key, boolean fallback) {
    return read(key, fallback, n -> Scalars.bool(problems, path.key(key), n));
  }

  int wholeNumber(String key, int fallback) {
    return read(key, fallback, n -> Scalars.wholeNumber(problems, path.key(key), n));
  }

  double number(String key, double fallback) {
    return read(key, fallback, n -> Scalars.number(problems, path.key(key), n));
  }

  <E> E choice(String key, E fallback, List<E> values, Function<E, String> label) {
    return read(key, fallback, n -> Scalars.choice(problems, path.key(key), n, values, label));
  }

  /** Text under {@code key}, or null when it is absent or not text (reported). */
  @Nullable String text(String key, String expected) {
    return value(key).map(n -> Scalars.text(problems, path.key(key), n, expected)).orElse(null);
  }

  /** The items of the list under {@code key}; empty when absent or not a list (reported). */
  List<Node> list(String key, String expected) {
    Optional<Node> value = value(key);
    if (value.isEmpty() || Nodes.isNull(value.get())) {
      return List.of();
    }
    if (value.get() instanceof SequenceNode sequence) {
      return sequence.getValue();
    }
    problems.add(value.get(), path.key(key),
        "expected " + expected + "; got " + Nodes.describe(value.get()));
    return List.of();
  }

  private <T> T read(String key, T fallback, Function<Node, @Nullable T> parse) {
    Optional<Node> value = value(key);
    if (value.isEmpty()) {
      return fallback;
    }
    T parsed = parse.apply(value.get());
    return parsed == null ? fallback : parsed;
  }
}
