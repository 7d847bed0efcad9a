package org.autosync.scripts;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.autosync.api.trigger.ConfigProblem;
import org.autosync.api.trigger.ParameterDescriptor;
import org.autosync.api.trigger.ParameterValues;
import org.autosync.api.trigger.RunTarget;
import org.autosync.api.trigger.Trigger;
import org.autosync.api.trigger.TriggerConfig;
import org.autosync.api.trigger.TriggerFactory;
import org.autosync.api.trigger.TriggerType;

/**
 * The trigger type of one installed script, {@code script.<id>}: the manifest's parameters, then
 * the common ones ({@code interval}, {@code timeout}, {@code onError}, the run target) and the
 * grants of the capabilities the manifest asks for. The host validates configuration blocks
 * against it like any plugin's type, so errors carry file, line and column.
 *
 * <p>Immutable and thread-safe.
 */
final class ScriptTriggerFactory implements TriggerFactory {

  private final ScriptDefinition definition;
  private final ScriptServices services;
  private final TriggerType type;

  ScriptTriggerFactory(ScriptDefinition definition, ScriptServices services) {
    this.definition = definition;
    this.services = services;
    ScriptManifest m = definition.manifest();
    List<ParameterDescriptor> parameters = new ArrayList<>(m.parameters());
    parameters.addAll(CommonParameters.forCapabilities(m.capabilities(), true));
    this.type = new TriggerType(m.triggerTypeId(), m.name(),
        m.description() + " (" + m.language() + " script '" + m.id() + "' " + m.version()
            + (m.capabilities().isEmpty() ? "" : ", needs " + m.capabilities()) + ")",
        parameters);
  }

  @Override
  public TriggerType type() {
    return type;
  }

  ScriptManifest manifest() {
    return definition.manifest();
  }

  @Override
  public List<ConfigProblem> validate(Map<String, String> values) {
    List<ConfigProblem> problems = new ArrayList<>(TriggerFactory.validateDeclared(type, values));
    RunTarget.check(values, problems);
    atLeast(values, CommonParameters.INTERVAL, CommonParameters.MIN_INTERVAL, problems);
    atLeast(values, CommonParameters.TIMEOUT, CommonParameters.MIN_TIMEOUT, problems);
    for (ConfigProblem p : Grants.check(values)) {
      if (problems.stream().noneMatch(q -> q.field().equals(p.field()))) {
        problems.add(p);
      }
    }
    return problems;
  }

  private static void atLeast(Map<String, String> values, String name, Duration minimum,
      List<ConfigProblem> problems) {
    String text = values.get(name);
    if (text == null || problems.stream().anyMatch(p -> p.field().equals(name))) {
      return;
    }
    if (ParameterValues.parseDuration(text).compareTo(minimum) < 0) {
      problems.add(new ConfigProblem(name, "must be at least " + Durations.format(minimum)
          + ", got '" + text + "'"));
    }
  }

  @Override
  public Trigger create(TriggerConfig config) {
    return new ScriptTrigger(definition, config, services);
  }

  @Override
  public String toString() {
    return "ScriptTriggerFactory[" + type.id() + "]";
  }
}
