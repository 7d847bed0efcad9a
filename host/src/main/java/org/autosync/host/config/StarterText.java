package org.autosync.host.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Writes a YAML document line by line, with comments, for {@link StarterConfig}. Scalars are
 * quoted whenever they would not read back as the same text. Used by one thread for one document.
 */
final class StarterText {

  /** Text that reads back as itself when written plain, in a block or a flow mapping. */
  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_]([A-Za-z0-9_ ./-]*[A-Za-z0-9_./-])?");

  /** Plain text that YAML readers could take for a number. */
  private static final Pattern NUMBERLIKE =
      Pattern.compile("(?i)[0-9._-]*|0x[0-9a-f]+|0o[0-7]+|[0-9.]+e[-+]?[0-9]+|\\.inf|\\.nan");

  /** Plain words YAML 1.1 or 1.2 readers could take for something other than text. */
  private static final List<String> RESERVED = List.of("true", "false", "yes", "no", "on", "off",
      "y", "n", "null", "~");

  /** The width comments are wrapped to. */
  static final int WIDTH = 100;

  private final StringBuilder text = new StringBuilder();

  /**
   * Comment lines at {@code indent}: one per line of {@code comment}, long lines wrapped at spaces
   * to fit {@value #WIDTH} characters.
   */
  StarterText comment(int indent, String comment) {
    int room = Math.max(40, WIDTH - indent - 2);
    for (String line : comment.split("\n", -1)) {
      String rest = line;
      while (rest.length() > room && rest.lastIndexOf(' ', room) > 0) {
        int cut = rest.lastIndexOf(' ', room);
        commentLine(indent, rest.substring(0, cut));
        rest = rest.substring(cut + 1);
      }
      commentLine(indent, rest);
    }
    return this;
  }

  private void commentLine(int indent, String line) {
    text.append(" ".repeat(indent)).append(line.isEmpty() ? "#" : "# " + line).append('\n');
  }

  /** A line as given, at {@code indent}. */
  StarterText line(int indent, String line) {
    text.append(" ".repeat(indent)).append(line).append('\n');
    return this;
  }

  StarterText blank() {
    text.append('\n');
    return this;
  }

  /** A block-style dump of {@code value}, every line at {@code indent}. */
  StarterText dump(int indent, Object value) {
    DumperOptions options = new DumperOptions();
    options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    options.setIndent(2);
    options.setIndicatorIndent(2);
    options.setIndentWithIndicator(true);
    options.setWidth(WIDTH);
    for (String line : new Yaml(options).dump(value).split("\n")) {
      if (!line.isEmpty()) {
        line(indent, line);
      }
    }
    return this;
  }

  @Override
  public String toString() {
    return text.toString();
  }

  /** {@code text} as a YAML scalar: plain when that is safe, else double-quoted. */
  static String scalar(String text) {
    if (PLAIN.matcher(text).matches() && !NUMBERLIKE.matcher(text).matches()
        && !RESERVED.contains(text.toLowerCase(Locale.ROOT))) {
      return text;
    }
    StringBuilder quoted = new StringBuilder("\"");
    for (char c : text.toCharArray()) {
      switch (c) {
        case '"' -> quoted.append("\\\"");
        case '\\' -> quoted.append("\\\\");
        case '\n' -> quoted.append("\\n");
        case '\t' -> quoted.append("\\t");
        case '\r' -> quoted.append("\\r");
        default -> {
          if (c < 0x20) {
            quoted.append(String.format("\\u%04x", (int) c));
          } else {
            quoted.append(c);
          }
        }
      }
    }
    return quoted.append('"').toString();
  }

  /** A one-line flow mapping of simple values, such as {@code {maxAttempts: 5, jitter: 0.2}}. */
  static String flow(Map<String, Object> values) {
    List<String> parts = new ArrayList<>();
    values.forEach((k, v) -> parts.add(k + ": " + (v instanceof String s ? scalar(s) : v)));
    return "{" + String.join(", ", parts) + "}";
  }
}
