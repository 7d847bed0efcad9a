package org.autosync.trigger.schedule;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;

/**
 * The wall-clock times {@code start + k × interval}: from a start date-time, for k = 0, 1, 2, …; or,
 * for a start given as a time of day only, on every day, which needs an interval that divides a day
 * (so that the times do not depend on which day one starts counting from).
 *
 * <p>The interval is added on the wall clock: with {@code 1d} the trigger fires at the same local
 * time every day, also across daylight-saving changes.
 *
 * <p>Immutable and thread-safe.
 */
final class StartIntervalSchedule implements LocalSchedule {

  private static final LocalDate TIME_OF_DAY_ANCHOR = LocalDate.of(2000, 1, 1);
  private static final Duration DAY = Duration.ofDays(1);

  private final String startText;
  private final LocalDateTime start;
  private final boolean timeOfDay;
  private final Duration interval;

  private StartIntervalSchedule(String startText, LocalDateTime start, boolean timeOfDay,
      Duration interval) {
    this.startText = startText;
    this.start = start;
    this.timeOfDay = timeOfDay;
    this.interval = interval;
  }

  /**
   * A schedule from {@code startTime}, a local date-time such as {@code 2026-01-01T02:00} or a time
   * of day such as {@code 02:00}.
   *
   * @throws IllegalArgumentException saying what is wrong and what was expected
   */
  static StartIntervalSchedule of(String startTime, Duration interval) {
    Objects.requireNonNull(startTime, "startTime");
    Objects.requireNonNull(interval, "interval");
    if (interval.compareTo(Settings.MIN_INTERVAL) < 0) {
      throw new IllegalArgumentException("the interval must be at least 1s, got " + interval);
    }
    String text = startTime.strip();
    try {
      return new StartIntervalSchedule(text, LocalDateTime.parse(text.replace(' ', 'T')), false,
          interval);
    } catch (DateTimeParseException notDateTime) {
      LocalTime time;
      try {
        time = LocalTime.parse(text);
      } catch (DateTimeParseException notTime) {
        throw new IllegalArgumentException("expected a local date-time such as 2026-01-01T02:00"
            + " or a time of day such as 02:00, got '" + startTime + "'");
      }
      if (interval.compareTo(DAY) > 0 || DAY.toNanos() % interval.toNanos() != 0) {
        throw new IllegalArgumentException("a start given as a time of day ('" + startTime
            + "') needs an interval that divides a day, such as 1h, 6h or 1d; got "
            + Settings.format(interval) + ". Give a start date, such as "
            + TIME_OF_DAY_ANCHOR.withYear(2026) + "T" + time + ", to count from that day");
      }
      return new StartIntervalSchedule(text, TIME_OF_DAY_ANCHOR.atTime(time), true, interval);
    }
  }

  @Override
  public Optional<LocalDateTime> nextAfter(LocalDateTime time) {
    if (!timeOfDay && time.isBefore(start)) {
      return Optional.of(start);
    }
    Duration since = Duration.between(start, time);
    long periods = since.dividedBy(interval); // rounds towards zero
    if (since.isNegative() && !interval.multipliedBy(periods).equals(since)) {
      periods--; // round down instead
    }
    return Optional.of(start.plus(interval.multipliedBy(periods + 1)));
  }

  @Override
  public String describe() {
    return "every " + Settings.format(interval) + " from " + startText;
  }

  @Override
  public String toString() {
    return describe();
  }
}
