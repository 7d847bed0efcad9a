package org.autosync.engine.embedded.config;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * A flow expression: a direct attribute copy, a constant, or a template.
 *
 * <ul>
 *   <li>{@code givenName}: every value of the attribute;
 *   <li>{@code 'Example Corp'}: that text; a list of strings: those values;
 *   <li>{@code ${givenName} ${sn}}: text with placeholders {@code ${attr}}, {@code ${lower(attr)}},
 *       {@code ${upper(attr)}}, {@code ${trim(attr)}}; each placeholder takes the attribute's first
 *       value, and the template yields nothing when any of them has no value.
 * </ul>
 *
 * <p>Immutable and thread-safe. Attribute names are compared ignoring case.
 */
public final class Expression {

  private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_;-]*");
  private static final Set<String> FUNCTIONS = Set.of("lower", "upper", "trim");

  private enum Kind { DIRECT, CONSTANT, TEMPLATE }

  /** A piece of a template: literal text, or a placeholder with an optional function. */
  private record Part(String text, String attribute, String function) {}

  private final Kind kind;
  private final String source;
  private final List<String> constants;
  private final List<Part> parts;
  private final Set<String> attributes;

  private Expression(Kind kind, String source, List<String> constants, List<Part> parts) {
    this.kind = kind;
    this.source = source;
    this.constants = List.copyOf(constants);
    this.parts = List.copyOf(parts);
    Set<String> names = new LinkedHashSet<>();
    for (Part p : parts) {
      if (p.attribute() != null) {
        names.add(p.attribute());
      }
    }
    this.attributes = Set.copyOf(names);
  }

  /**
   * Parses an expression given as a string or a list of strings (constants).
   *
   * @throws IllegalArgumentException saying what is wrong and what was expected
   */
  public static Expression parse(Object spec) {
    if (spec instanceof List<?> list) {
      List<String> values = new ArrayList<>();
      for (Object o : list) {
        if (!(o instanceof String || o instanceof Number || o instanceof Boolean)) {
          throw new IllegalArgumentException("a list of constants holds plain values, got " + o);
        }
        values.add(String.valueOf(o));
      }
      return new Expression(Kind.CONSTANT, String.valueOf(list), values, List.of());
    }
    if (!(spec instanceof String text) || text.isBlank()) {
      throw new IllegalArgumentException("expected an attribute name, 'constant', a template"
          + " with ${attribute}, or a list of constants; got " + spec);
    }
    String t = text.strip();
    if (t.length() >= 2 && t.startsWith("'") && t.endsWith("'")) {
      return new Expression(Kind.CONSTANT, t, List.of(t.substring(1, t.length() - 1)), List.of());
    }
    if (!t.contains("${")) {
      if (!NAME.matcher(t).matches()) {
        throw new IllegalArgumentException("'" + t + "' is not an attribute name; quote a"
            + " constant as 'text' or use ${attribute} in a template");
      }
      return new Expression(Kind.DIRECT, t,
          List.of(), List.of(new Part(null, t.toLowerCase(Locale.ROOT), null)));
    }
    return new Expression(Kind.TEMPLATE, t, List.of(), parseTemplate(t));
  }

  private static List<Part> parseTemplate(String t) {
    List<Part> parts = new ArrayList<>();
    int i = 0;
    while (i < t.length()) {
      int open = t.indexOf("${", i);
      if (open < 0) {
        parts.add(new Part(t.substring(i), null, null));
        break;
      }
      if (open > i) {
        parts.add(new Part(t.substring(i, open), null, null));
      }
      int close = t.indexOf('}', open);
      if (close < 0) {
        throw new IllegalArgumentException("unclosed '${' at position " + (open + 1) + " of '"
            + t + "'");
      }
      String inner = t.substring(open + 2, close).strip();
      String function = null;
      String name = inner;
      int paren = inner.indexOf('(');
      if (paren >= 0) {
        if (!inner.endsWith(")")) {
          throw new IllegalArgumentException("expected ${function(attribute)} in '" + t + "'");
        }
        function = inner.substring(0, paren).strip();
        name = inner.substring(paren + 1, inner.length() - 1).strip();
        if (!FUNCTIONS.contains(function)) {
          throw new IllegalArgumentException("unknown function '" + function + "' in '" + t
              + "'; known: lower, upper, trim");
        }
      }
      if (!NAME.matcher(name).matches()) {
        throw new IllegalArgumentException("'" + name + "' is not an attribute name in '" + t
            + "'");
      }
      parts.add(new Part(null, name.toLowerCase(Locale.ROOT), function));
      i = close + 1;
    }
    return parts;
  }

  /** The attributes the expression reads, lower-case. */
  public Set<String> attributes() {
    return attributes;
  }

  /** Whether this is a plain copy of one attribute. */
  public boolean isDirect() {
    return kind == Kind.DIRECT;
  }

  /**
   * Evaluates the expression.
   *
   * @param values an attribute's values by lower-case name (empty when absent)
   * @return the resulting values; empty when a template lacks a value
   */
  public List<String> evaluate(Function<String, List<String>> values) {
    return switch (kind) {
      case CONSTANT -> constants;
      case DIRECT -> values.apply(parts.getFirst().attribute());
      case TEMPLATE -> {
        StringBuilder sb = new StringBuilder();
        for (Part p : parts) {
          if (p.text() != null) {
            sb.append(p.text());
            continue;
          }
          List<String> v = values.apply(p.attribute());
          if (v.isEmpty() || v.getFirst().isEmpty()) {
            yield List.of();
          }
          String s = v.getFirst();
          sb.append(p.function() == null ? s : switch (p.function()) {
            case "lower" -> s.toLowerCase(Locale.ROOT);
            case "upper" -> s.toUpperCase(Locale.ROOT);
            default -> s.strip();
          });
        }
        yield List.of(sb.toString());
      }
    };
  }

  @Override
  public String toString() {
    return source;
  }
}
