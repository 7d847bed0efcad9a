package org.autosync.api.trigger;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.pf4j.ExtensionPoint;

/**
 * Contributes a trigger type: describes it as data, validates configuration blocks, and creates
 * triggers. Plugins annotate implementations with pf4j's {@code @Extension}.
 *
 * <p><b>Threading:</b> instances are created by pf4j (public no-argument constructor) and shared;
 * all methods may be called from any thread and must be thread-safe and quick.
 */
public interface TriggerFactory extends ExtensionPoint {

  /** The type this factory creates, with its parameters. */
  TriggerType type();

  /**
   * Checks a configuration block before anything is created. The default checks required
   * parameters, unknown parameters and each value against its declared type; override to add
   * checks across parameters, and call {@link #validateDeclared} first.
   *
   * @param values parameter values as configuration text, keyed by parameter name
   * @return every problem found; empty when the block is valid
   */
  default List<ConfigProblem> validate(Map<String, String> values) {
    return validateDeclared(type(), values);
  }

  /**
   * Creates a trigger for a validated configuration. Must not start anything: the host calls
   * {@link Trigger#start} later.
   */
  Trigger create(TriggerConfig config);

  /** The checks every trigger type gets: required, unknown and badly typed parameters. */
  static List<ConfigProblem> validateDeclared(TriggerType type, Map<String, String> values) {
    List<ConfigProblem> problems = new ArrayList<>();
    for (ParameterDescriptor p : type.parameters()) {
      String v = values.get(p.name());
      if (v == null) {
        if (p.required()) {
          problems.add(new ConfigProblem(p.name(), "is required (" + p.description() + ")"));
        }
        continue;
      }
      ConfigProblem problem = ParameterValues.check(p, v);
      if (problem != null) {
        problems.add(problem);
      }
    }
    for (String key : values.keySet()) {
      if (type.parameter(key).isEmpty()) {
        problems.add(new ConfigProblem(key, "is not a parameter of trigger type '" + type.id()
            + "'; known: " + type.parameters().stream().map(ParameterDescriptor::name).toList()));
      }
    }
    return problems;
  }
}
