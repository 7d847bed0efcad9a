package org.autosync.host.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.Node;

/** Collects the errors of one file while it is read. Used by one thread. */
final class Problems {

  private final String file;
  private final List<ConfigError> errors = new ArrayList<>();

  Problems(String file) {
    this.file = file;
  }

  void add(Node node, YamlPath path, String message) {
    add(node.getStartMark(), path, message);
  }

  void add(Mark mark, YamlPath path, String message) {
    add(mark.getLine() + 1, mark.getColumn() + 1, path, message);
  }

  void add(int line, int column, YamlPath path, String message) {
    errors.add(new ConfigError(file, line, column, path.text(), message));
  }

  /** How many errors so far; compare before and after reading a block to know if it was clean. */
  int count() {
    return errors.size();
  }

  /** The errors in file order (stable for errors at the same place). */
  List<ConfigError> inFileOrder() {
    return errors.stream()
        .sorted(Comparator.comparingInt(ConfigError::line).thenComparingInt(ConfigError::column))
        .toList();
  }

  /** 1-based line of a node, for messages such as "first used at line 4". */
  static int line(Node node) {
    return node.getStartMark().getLine() + 1;
  }
}
