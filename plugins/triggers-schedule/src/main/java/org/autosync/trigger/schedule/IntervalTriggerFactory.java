package org.autosync.trigger.schedule;

import org.autosync.api.trigger.RunTarget;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.autosync.api.trigger.ConfigProblem;
import org.autosync.api.trigger.ParameterDescriptor;
import org.autosync.api.trigger.ParameterType;
import org.autosync.api.trigger.ParameterValues;
import org.autosync.api.trigger.Trigger;
import org.autosync.api.trigger.TriggerConfig;
import org.pf4j.Extension;

/**
 * The {@code interval} trigger type: fires every {@code interval} of elapsed time.
 *
 * <p>A configuration block:
 *
 * <pre>{@code
 * interval: 15m              # required, at least 1s
 * firstFire: atStart         # or afterInterval (the default)
 * onlyIfNoImportFor: 10m     # skip a fire when the MA finished an import less than 10m ago
 * profileType: DeltaImport   # or profile: "Delta import"; partition, exclusive, front
 * }</pre>
 *
 * <p>The interval counts elapsed time, so clock corrections do not move it. With {@code
 * onlyIfNoImportFor}, each fire first asks the host when the MA last finished an import ({@link
 * org.autosync.api.trigger.TriggerContext#lastImport()}); when the host does not know, it fires.
 * A skipped fire is logged at DEBUG with its reason and waits for the next interval.
 *
 * <p>Stateless and thread-safe; pf4j creates it.
 */
@Extension
public final class IntervalTriggerFactory extends ScheduleFactory {

  /** The type's id. */
  public static final String TYPE = "interval";

  static final String FIRST_FIRE = "firstFire";
  static final String ONLY_IF_NO_IMPORT_FOR = "onlyIfNoImportFor";

  public IntervalTriggerFactory() {
    super(TYPE, "Repeating interval",
        "Runs a profile every interval of elapsed time, optionally only when the MA has not"
            + " imported for a while",
        List.of(
            ParameterDescriptor.required(Settings.INTERVAL, ParameterType.DURATION,
                "How often to fire, such as 15m; at least 1s"),
            ParameterDescriptor.oneOf(FIRST_FIRE, IntervalTrigger.FirstFire.AFTER_INTERVAL.label(),
                "atStart fires when the trigger starts; afterInterval one interval later",
                Arrays.stream(IntervalTrigger.FirstFire.values())
                    .map(IntervalTrigger.FirstFire::label).toList()),
            ParameterDescriptor.optional(ONLY_IF_NO_IMPORT_FOR, ParameterType.DURATION, null,
                "Skip a fire when the MA finished an import less than this long ago")));
  }

  @Override
  void checkOwn(Map<String, String> values, List<ConfigProblem> problems) {
    Settings.checkAtLeast(values, Settings.INTERVAL, Settings.MIN_INTERVAL, problems);
    Settings.checkAtLeast(values, ONLY_IF_NO_IMPORT_FOR, Settings.MIN_INTERVAL, problems);
  }

  @Override
  public Trigger create(TriggerConfig config) {
    Duration onlyIfNoImportFor = config.value(ONLY_IF_NO_IMPORT_FOR)
        .map(ParameterValues::parseDuration).orElse(null);
    IntervalTrigger.FirstFire firstFire = config.value(FIRST_FIRE)
        .map(IntervalTrigger.FirstFire::parse).orElse(IntervalTrigger.FirstFire.AFTER_INTERVAL);
    return new IntervalTrigger(RunTarget.from(config), config.duration(Settings.INTERVAL),
        firstFire, onlyIfNoImportFor);
  }
}
