package org.autosync.trigger.schedule;

import org.autosync.api.trigger.RunTarget;

import java.util.List;
import java.util.Map;
import org.autosync.api.trigger.ConfigProblem;
import org.autosync.api.trigger.ParameterDescriptor;
import org.autosync.api.trigger.ParameterType;
import org.autosync.api.trigger.Trigger;
import org.autosync.api.trigger.TriggerConfig;
import org.pf4j.Extension;

/**
 * The {@code cron} trigger type: fires at the times of a cron expression in a time zone.
 *
 * <p>A configuration block:
 *
 * <pre>{@code
 * expression: 0 2 * * *       # required; Unix (5 fields) or Quartz (6 to 7 fields, seconds first)
 * timeZone: Europe/Berlin     # default: the JVM's zone
 * catchUp: true               # fire once at start if a fire time passed while AutoSync was down
 * profileType: FullImport     # or profile: "Full import"; partition, exclusive, front
 * }</pre>
 *
 * <p>Daylight-saving changes: each wall-clock time the expression names fires once. A time that
 * does not exist on the spring-forward day moves forward by the gap (02:30 fires at 03:30 summer
 * time); a time that occurs twice on the fall-back day fires at its first occurrence only. See
 * {@link org.autosync.trigger.schedule} for how clock corrections and downtime are handled.
 *
 * <p>Stateless and thread-safe; pf4j creates it.
 */
@Extension
public final class CronTriggerFactory extends ScheduleFactory {

  /** The type's id. */
  public static final String TYPE = "cron";

  static final String EXPRESSION = "expression";

  public CronTriggerFactory() {
    super(TYPE, "Cron schedule",
        "Runs a profile at the times of a cron expression in a time zone, once per wall-clock"
            + " time across daylight-saving changes, catching up once after downtime",
        List.of(
            ParameterDescriptor.required(EXPRESSION, ParameterType.STRING,
                "A cron expression: 5 fields as in Unix cron (0 2 * * *) or 6 to 7 as in Quartz"
                    + " (0 0 2 ? * MON-FRI)"),
            Settings.timeZoneParameter(),
            Settings.catchUpParameter()));
  }

  @Override
  void checkOwn(Map<String, String> values, List<ConfigProblem> problems) {
    String expression = values.get(EXPRESSION);
    if (expression != null) {
      try {
        CronSchedule.parse(expression);
      } catch (IllegalArgumentException e) {
        problems.add(new ConfigProblem(EXPRESSION, e.getMessage()));
      }
    }
    Settings.checkZone(values, problems);
  }

  @Override
  public Trigger create(TriggerConfig config) {
    WallClockSchedule schedule = new WallClockSchedule(
        CronSchedule.parse(config.string(EXPRESSION)), Settings.zone(config));
    return new WallClockTrigger(RunTarget.from(config), schedule, Settings.catchUp(config));
  }
}
