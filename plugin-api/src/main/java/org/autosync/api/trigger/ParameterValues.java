package org.autosync.api.trigger;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Parses and checks parameter values given as configuration text. Each parse method throws an
 * {@link IllegalArgumentException} saying what was expected.
 *
 * <p>Stateless and thread-safe.
 */
public final class ParameterValues {

  private static final Pattern SIMPLE_DURATION =
      Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)", Pattern.CASE_INSENSITIVE);

  private ParameterValues() {}

  public static long parseInteger(String text) {
    try {
      return Long.parseLong(text.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("expected a whole number, got '" + text + "'");
    }
  }

  public static boolean parseBoolean(String text) {
    return switch (text.strip().toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new IllegalArgumentException("expected true or false, got '" + text + "'");
    };
  }

  /** {@code 250ms}, {@code 30s}, {@code 5m}, {@code 2h}, {@code 1d}, or ISO-8601 such as {@code PT5M}. */
  public static Duration parseDuration(String text) {
    String t = text.strip();
    Matcher m = SIMPLE_DURATION.matcher(t);
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      return switch (m.group(2).toLowerCase(Locale.ROOT)) {
        case "ms" -> Duration.ofMillis(n);
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        case "h" -> Duration.ofHours(n);
        default -> Duration.ofDays(n);
      };
    }
    try {
      return Duration.parse(t);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "expected a duration such as 30s, 5m, 2h, 1d or PT5M, got '" + text + "'");
    }
  }

  public static List<String> parseList(String text) {
    if (text.isBlank()) {
      return List.of();
    }
    return new ArrayList<>(Arrays.stream(text.split(",")).map(String::strip).toList());
  }

  /**
   * Checks {@code value} against a parameter's type.
   *
   * @return a problem naming the field, or null when the value is acceptable
   */
  public static @Nullable ConfigProblem check(ParameterDescriptor p, String value) {
    try {
      switch (p.type()) {
        case INTEGER -> parseInteger(value);
        case BOOLEAN -> parseBoolean(value);
        case DURATION -> parseDuration(value);
        case ENUM -> {
          if (!p.allowedValues().contains(value)) {
            return new ConfigProblem(p.name(),
                "expected one of " + p.allowedValues() + ", got '" + value + "'");
          }
        }
        case STRING, LIST, SECRET -> { }
      }
      return null;
    } catch (IllegalArgumentException e) {
      return new ConfigProblem(p.name(), e.getMessage());
    }
  }
}
