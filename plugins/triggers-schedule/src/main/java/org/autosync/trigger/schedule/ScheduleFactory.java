package org.autosync.trigger.schedule;

import org.autosync.api.trigger.RunTarget;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.autosync.api.trigger.ConfigProblem;
import org.autosync.api.trigger.ParameterDescriptor;
import org.autosync.api.trigger.TriggerFactory;
import org.autosync.api.trigger.TriggerType;

/**
 * What the schedule trigger factories share: a type made of the factory's own parameters followed
 * by the common {@link RunTarget} parameters, and validation in three steps (the declared checks,
 * the common cross-field checks, then the factory's own).
 *
 * <p>Immutable and thread-safe; subclasses must be too.
 */
abstract class ScheduleFactory implements TriggerFactory {
  private final TriggerType type;

  ScheduleFactory(String id, String label, String description, List<ParameterDescriptor> own) {
    List<ParameterDescriptor> parameters = new ArrayList<>(own);
    parameters.addAll(RunTarget.PARAMETERS);
    this.type = new TriggerType(id, label, description, parameters);
  }

  @Override
  public final TriggerType type() {
    return type;
  }

  @Override
  public final List<ConfigProblem> validate(Map<String, String> values) {
    List<ConfigProblem> problems = new ArrayList<>(TriggerFactory.validateDeclared(type, values));
    RunTarget.check(values, problems);
    checkOwn(values, problems);
    return List.copyOf(problems);
  }

  /**
   * Adds the problems across this type's own parameters to {@code problems}, which already holds
   * those of the declared checks: a value with a problem there needs no second one.
   *
   * @param values the configuration block as written, before defaults are filled in
   */
  abstract void checkOwn(Map<String, String> values, List<ConfigProblem> problems);
}
