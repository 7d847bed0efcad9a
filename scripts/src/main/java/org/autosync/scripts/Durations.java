package org.autosync.scripts;

import java.time.Duration;

/** Durations the way configuration writes them: {@code 500ms}, {@code 30s}, {@code 1m30s}. */
final class Durations {

  private Durations() {}

  static String format(Duration d) {
    if (d.isZero()) {
      return "0s";
    }
    StringBuilder text = new StringBuilder();
    append(text, d.toDaysPart(), "d");
    append(text, d.toHoursPart(), "h");
    append(text, d.toMinutesPart(), "m");
    append(text, d.toSecondsPart(), "s");
    append(text, d.toMillisPart(), "ms");
    return text.isEmpty() ? d.toString() : text.toString();
  }

  private static void append(StringBuilder text, long amount, String unit) {
    if (amount != 0) {
      text.append(amount).append(unit);
    }
  }
}
