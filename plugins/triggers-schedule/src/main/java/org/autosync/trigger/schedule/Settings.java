package org.autosync.trigger.schedule;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.autosync.api.trigger.ConfigProblem;
import org.autosync.api.trigger.ParameterDescriptor;
import org.autosync.api.trigger.ParameterType;
import org.autosync.api.trigger.ParameterValues;
import org.autosync.api.trigger.TriggerConfig;

/**
 * Parameters and checks that several schedule trigger types share: durations with a minimum, time
 * zones, and durations written back the way operators write them.
 *
 * <p>Stateless and thread-safe.
 */
final class Settings {

  static final String INTERVAL = "interval";
  static final String TIME_ZONE = "timeZone";
  static final String CATCH_UP = "catchUp";

  /** The shortest interval a schedule accepts. */
  static final Duration MIN_INTERVAL = Duration.ofSeconds(1);

  private Settings() {}

  /** {@code timeZone}, defaulting to the JVM's zone. */
  static ParameterDescriptor timeZoneParameter() {
    return ParameterDescriptor.optional(TIME_ZONE, ParameterType.STRING,
        ZoneId.systemDefault().getId(),
        "The time zone the schedule's wall-clock times are in, such as Europe/Berlin or UTC;"
            + " default the JVM's");
  }

  /** {@code catchUp}, on by default. */
  static ParameterDescriptor catchUpParameter() {
    return ParameterDescriptor.optional(CATCH_UP, ParameterType.BOOLEAN, "true",
        "Fire once at start when a fire time passed while AutoSync was stopped");
  }

  /**
   * The duration set for {@code name}, if it is set and passed the declared checks (a value that did
   * not parse has a problem already, so it gets no second one).
   */
  static Optional<Duration> duration(Map<String, String> values, String name,
      List<ConfigProblem> problems) {
    String text = values.get(name);
    if (text == null || hasProblem(problems, name)) {
      return Optional.empty();
    }
    try {
      return Optional.of(ParameterValues.parseDuration(text));
    } catch (IllegalArgumentException e) {
      problems.add(new ConfigProblem(name, e.getMessage()));
      return Optional.empty();
    }
  }

  /** Adds a problem when the duration set for {@code name} is shorter than {@code minimum}. */
  static void checkAtLeast(Map<String, String> values, String name, Duration minimum,
      List<ConfigProblem> problems) {
    duration(values, name, problems).ifPresent(d -> {
      if (d.compareTo(minimum) < 0) {
        problems.add(new ConfigProblem(name, "must be at least " + format(minimum) + ", got '"
            + values.get(name) + "'"));
      }
    });
  }

  /** Adds a problem when {@code timeZone} is set to something that is not a zone id. */
  static void checkZone(Map<String, String> values, List<ConfigProblem> problems) {
    String text = values.get(TIME_ZONE);
    if (text == null) {
      return;
    }
    try {
      ZoneId.of(text.strip());
    } catch (DateTimeException e) {
      problems.add(new ConfigProblem(TIME_ZONE, "is not a time zone: '" + text
          + "'; expected a region such as Europe/Berlin or America/New_York, UTC, or an offset"
          + " such as +01:00"));
    }
  }

  /** The configured zone, or the JVM's when the block has none. */
  static ZoneId zone(TriggerConfig config) {
    return config.value(TIME_ZONE).map(String::strip).map(ZoneId::of)
        .orElseGet(ZoneId::systemDefault);
  }

  /** The configured {@code catchUp}, on when unset. */
  static boolean catchUp(TriggerConfig config) {
    return config.value(CATCH_UP).map(ParameterValues::parseBoolean).orElse(true);
  }

  static boolean hasProblem(List<ConfigProblem> problems, String field) {
    return problems.stream().anyMatch(p -> p.field().equals(field));
  }

  /** A duration the way configuration writes it: {@code 5m}, {@code 1h30m}, {@code 2d}, {@code 250ms}. */
  static String format(Duration d) {
    if (d.isZero()) {
      return "0s";
    }
    if (d.isNegative()) {
      return "-" + format(d.negated());
    }
    StringBuilder text = new StringBuilder();
    append(text, d.toDaysPart(), "d");
    append(text, d.toHoursPart(), "h");
    append(text, d.toMinutesPart(), "m");
    append(text, d.toSecondsPart(), "s");
    int nanos = d.toNanosPart();
    if (nanos % 1_000_000 == 0) {
      append(text, nanos / 1_000_000, "ms");
    } else {
      append(text, nanos, "ns");
    }
    return text.toString();
  }

  private static void append(StringBuilder text, long amount, String unit) {
    if (amount != 0) {
      text.append(amount).append(unit);
    }
  }
}
