package org.autosync.trigger.schedule;

import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;

/**
 * A cron expression evaluated on the wall clock, with cron-utils: five fields as in Unix cron
 * ({@code minute hour day-of-month month day-of-week}, such as {@code 0 2 * * *}), or six or seven
 * as in Quartz ({@code second minute hour day-of-month month day-of-week [year]}, such as {@code 0 0
 * 2 ? * MON-FRI}).
 *
 * <p>The expression is evaluated in a zone without daylight saving time, so that cron-utils sees
 * every wall-clock time exactly once; {@link WallClockSchedule} maps the results into the configured
 * zone. (Left to itself, cron-utils 9.2 skips times in the spring-forward gap and, depending on
 * where it starts counting, fires some times of the repeated fall-back hour twice.)
 *
 * <p>Immutable and thread-safe.
 */
final class CronSchedule implements LocalSchedule {
  private final String expression;
  private final ExecutionTime executionTime;

  private CronSchedule(String expression, ExecutionTime executionTime) {
    this.expression = expression;
    this.executionTime = executionTime;
  }

  /**
   * Parses {@code expression}.
   *
   * @throws IllegalArgumentException saying what is wrong and what was expected
   */
  static CronSchedule parse(String expression) {
    Objects.requireNonNull(expression, "expression");
    String text = expression.strip().replaceAll("\\s+", " ");
    int fields = text.isEmpty() ? 0 : text.split(" ").length;
    CronType type = switch (fields) {
      case 5 -> CronType.UNIX;
      case 6, 7 -> CronType.QUARTZ;
      default -> throw new IllegalArgumentException("'" + expression + "' has " + fields
          + " fields; expected 5 as in Unix cron (minute hour day-of-month month day-of-week,"
          + " such as '0 2 * * *') or 6 to 7 as in Quartz (second minute hour day-of-month"
          + " month day-of-week [year], such as '0 0 2 ? * MON-FRI')");
    };
    try {
      Cron cron = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(type)).parse(text);
      cron.validate();
      return new CronSchedule(text, ExecutionTime.forCron(cron));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("'" + expression + "' is not a valid "
          + (type == CronType.UNIX ? "Unix" : "Quartz") + " cron expression: " + e.getMessage(),
          e);
    }
  }

  @Override
  public Optional<LocalDateTime> nextAfter(LocalDateTime time) {
    // Cron fires on whole seconds; cron-utils keeps a fraction it is given, so drop it first.
    ZonedDateTime from = time.truncatedTo(ChronoUnit.SECONDS).atZone(ZoneOffset.UTC);
    return executionTime.nextExecution(from).map(ZonedDateTime::toLocalDateTime);
  }

  @Override
  public String describe() {
    return "cron " + expression;
  }

  @Override
  public String toString() {
    return describe();
  }
}
