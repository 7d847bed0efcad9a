package org.example.autosync.filetouch;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.autosync.api.trigger.ConfigProblem;
import org.autosync.api.trigger.ParameterDescriptor;
import org.autosync.api.trigger.ParameterType;
import org.autosync.api.trigger.ParameterValues;
import org.autosync.api.trigger.Trigger;
import org.autosync.api.trigger.TriggerConfig;
import org.autosync.api.trigger.TriggerFactory;
import org.autosync.api.trigger.TriggerType;
import org.pf4j.Extension;

/**
 * The {@code file-touch} trigger type: fires a delta import when a file's modification time
 * changes, for sources that drop a new export file now and then.
 *
 * <pre>{@code
 * triggers:
 *   - id: badges-file
 *     type: file-touch
 *     path: /srv/exports/badges.csv   # required
 *     interval: 30s                   # how often to look; default 30s, at least 1s
 * }</pre>
 *
 * <p>The factory describes the type as data (the host shows and checks the parameters from it),
 * validates a block before anything is created, and creates triggers; it starts nothing.
 *
 * <p>Stateless and thread-safe; pf4j creates it through the public no-argument constructor, and
 * finds it through the {@code @Extension} annotation (indexed at compile time).
 */
@Extension
public final class FileTouchTriggerFactory implements TriggerFactory {

  /** The type's id, as written in {@code type:}. */
  public static final String TYPE = "file-touch";

  static final String PATH = "path";
  static final String INTERVAL = "interval";

  /** How often the file is looked at unless configured. */
  static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(30);

  /** The shortest interval accepted. */
  static final Duration MIN_INTERVAL = Duration.ofSeconds(1);

  private static final TriggerType DESCRIPTOR = new TriggerType(TYPE, "File touched",
      "Runs a delta import when a file's modification time changes",
      List.of(
          ParameterDescriptor.required(PATH, ParameterType.STRING, "The file to watch"),
          ParameterDescriptor.optional(INTERVAL, ParameterType.DURATION, "30s",
              "How often to look at the file, such as 30s; at least 1s")));

  @Override
  public TriggerType type() {
    return DESCRIPTOR;
  }

  @Override
  public List<ConfigProblem> validate(Map<String, String> values) {
    List<ConfigProblem> problems = new ArrayList<>(TriggerFactory.validateDeclared(DESCRIPTOR,
        values));
    String path = values.get(PATH);
    if (path != null && path.isBlank()) {
      problems.add(new ConfigProblem(PATH, "expected a file path; got an empty text"));
    }
    String interval = values.get(INTERVAL);
    boolean reported = problems.stream().anyMatch(p -> p.field().equals(INTERVAL));
    if (interval != null && !reported
        && ParameterValues.parseDuration(interval).compareTo(MIN_INTERVAL) < 0) {
      problems.add(new ConfigProblem(INTERVAL, "must be at least 1s, got '" + interval + "'"));
    }
    return problems;
  }

  @Override
  public Trigger create(TriggerConfig config) {
    return new FileTouchTrigger(config.value(PATH).orElseThrow().strip(),
        config.value(INTERVAL).map(ParameterValues::parseDuration).orElse(DEFAULT_INTERVAL));
  }
}
