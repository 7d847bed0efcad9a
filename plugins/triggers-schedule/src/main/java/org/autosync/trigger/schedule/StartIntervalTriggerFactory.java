package org.autosync.trigger.schedule;

import org.autosync.api.trigger.RunTarget;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.autosync.api.trigger.ConfigProblem;
import org.autosync.api.trigger.ParameterDescriptor;
import org.autosync.api.trigger.ParameterType;
import org.autosync.api.trigger.Trigger;
import org.autosync.api.trigger.TriggerConfig;
import org.pf4j.Extension;

/**
 * The {@code start-interval} trigger type (the reference product's "start time + interval"): fires
 * at {@code startTime + k × interval} on the wall clock in a time zone, the next one after now.
 *
 * <p>A configuration block:
 *
 * <pre>{@code
 * startTime: 2026-01-01T02:00  # a local date-time, or a time of day such as 02:00
 * interval: 1d                 # default 1d, at least 1s; a time of day needs one that divides a day
 * timeZone: Europe/Berlin      # default: the JVM's zone
 * catchUp: true                # fire once at start if a fire time passed while AutoSync was down
 * profileType: FullImport      # or profile: "Full import"; partition, exclusive, front
 * }</pre>
 *
 * <p>The interval is added on the wall clock, so {@code 1d} keeps the local time across
 * daylight-saving changes (the reference product drifted by an hour). A start date in the future
 * means no fire before it. Daylight-saving changes, clock corrections and downtime are handled as
 * for {@code cron}: see {@link org.autosync.trigger.schedule}.
 *
 * <p>Stateless and thread-safe; pf4j creates it.
 */
@Extension
public final class StartIntervalTriggerFactory extends ScheduleFactory {

  /** The type's id. */
  public static final String TYPE = "start-interval";

  static final String START_TIME = "startTime";

  public StartIntervalTriggerFactory() {
    super(TYPE, "Start time and interval",
        "Runs a profile at a start time and every interval after it, on the wall clock of a"
            + " time zone",
        List.of(
            ParameterDescriptor.required(START_TIME, ParameterType.STRING,
                "The first fire time on the wall clock, such as 2026-01-01T02:00, or a time of day"
                    + " such as 02:00"),
            ParameterDescriptor.optional(Settings.INTERVAL, ParameterType.DURATION, "1d",
                "The time between fires on the wall clock, such as 6h or 7d; at least 1s"),
            Settings.timeZoneParameter(),
            Settings.catchUpParameter()));
  }

  @Override
  void checkOwn(Map<String, String> values, List<ConfigProblem> problems) {
    Settings.checkAtLeast(values, Settings.INTERVAL, Settings.MIN_INTERVAL, problems);
    String startTime = values.get(START_TIME);
    if (startTime != null && !Settings.hasProblem(problems, Settings.INTERVAL)) {
      try {
        StartIntervalSchedule.of(startTime, Settings.duration(values, Settings.INTERVAL, problems)
            .orElse(Duration.ofDays(1)));
      } catch (IllegalArgumentException e) {
        problems.add(new ConfigProblem(START_TIME, e.getMessage()));
      }
    }
    Settings.checkZone(values, problems);
  }

  @Override
  public Trigger create(TriggerConfig config) {
    WallClockSchedule schedule = new WallClockSchedule(
        StartIntervalSchedule.of(config.string(START_TIME), config.duration(Settings.INTERVAL)),
        Settings.zone(config));
    return new WallClockTrigger(RunTarget.from(config), schedule, Settings.catchUp(config));
  }
}
