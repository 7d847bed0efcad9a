package org.autosync.host.config;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.autosync.api.trigger.ParameterValues;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Reads one scalar node as a typed value. Each method reports what it expected and what it got, and
 * returns null when the node does not fit. Stateless.
 */
final class Scalars {

  static final String DURATION = "a duration such as 30s, 5m, 2h, 1d or PT5M";

  private static final Pattern DECIMAL =
      Pattern.compile("[-+]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][-+]?[0-9]+)?");

  private Scalars() {}

  /** The node's text, whatever YAML type it has, or null (reported) if it is not a scalar. */
  static @Nullable String text(Problems problems, YamlPath path, Node node, String expected) {
    if (node instanceof ScalarNode scalar && !Nodes.isNull(node)) {
      return scalar.getValue();
    }
    problems.add(node, path, "expected " + expected + "; got " + Nodes.describe(node));
    return null;
  }

  static @Nullable Duration duration(Problems problems, YamlPath path, Node node) {
    String text = text(problems, path, node, DURATION);
    if (text == null) {
      return null;
    }
    try {
      return ParameterValues.parseDuration(text);
    } catch (IllegalArgumentException e) {
      problems.add(node, path, "expected " + DURATION + "; got '" + text + "'");
      return null;
    }
  }

  /** A positive duration, as run time limits need. */
  static @Nullable Duration positiveDuration(Problems problems, YamlPath path, Node node) {
    Duration d = duration(problems, path, node);
    if (d != null && (d.isZero() || d.isNegative())) {
      problems.add(node, path, "expected a positive duration; got '" + text(node) + "'");
      return null;
    }
    return d;
  }

  /** {@code true} or {@code false} (any case); YAML 1.1's yes, no, on and off are refused. */
  static @Nullable Boolean bool(Problems problems, YamlPath path, Node node) {
    String text = text(problems, path, node, "true or false");
    if (text == null) {
      return null;
    }
    return switch (text.toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> {
        problems.add(node, path, "expected true or false; got '" + text + "'");
        yield null;
      }
    };
  }

  static @Nullable Integer wholeNumber(Problems problems, YamlPath path, Node node) {
    String text = text(problems, path, node, "a whole number");
    if (text == null) {
      return null;
    }
    try {
      return Integer.parseInt(text.strip());
    } catch (NumberFormatException e) {
      problems.add(node, path, "expected a whole number; got '" + text + "'");
      return null;
    }
  }

  /** A finite decimal number such as {@code 2}, {@code 0.2} or {@code 1e3}. */
  static @Nullable Double number(Problems problems, YamlPath path, Node node) {
    String text = text(problems, path, node, "a number");
    if (text == null) {
      return null;
    }
    if (DECIMAL.matcher(text.strip()).matches()) {
      double value = Double.parseDouble(text.strip());
      if (Double.isFinite(value)) {
        return value;
      }
    }
    problems.add(node, path, "expected a number; got '" + text + "'");
    return null;
  }

  /**
   * One of {@code values}, matched by {@code label} ignoring case; the error lists the labels.
   */
  static <E> @Nullable E choice(Problems problems, YamlPath path, Node node, List<E> values,
      Function<E, String> label) {
    String expected = "one of " + String.join(", ", values.stream().map(label).toList());
    String text = text(problems, path, node, expected);
    if (text == null) {
      return null;
    }
    for (E value : values) {
      if (label.apply(value).equalsIgnoreCase(text.strip())) {
        return value;
      }
    }
    problems.add(node, path, "expected " + expected + "; got '" + text + "'");
    return null;
  }

  private static String text(Node node) {
    return node instanceof ScalarNode s ? s.getValue() : "";
  }
}
