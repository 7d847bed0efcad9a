package org.autosync.host.trigger;

import java.util.Objects;
import org.autosync.api.trigger.TriggerConfig;
import org.autosync.api.trigger.TriggerFactory;

/**
 * What the supervisor needs to run a trigger: the factory of its type and its validated
 * configuration. The supervisor asks the factory for a new trigger on every (re)start.
 *
 * <p>Immutable and thread-safe.
 *
 * @param factory the factory of type {@code config.type()}
 * @param config the trigger's validated configuration
 */
public record TriggerSpec(TriggerFactory factory, TriggerConfig config) {

  public TriggerSpec {
    Objects.requireNonNull(factory, "factory");
    Objects.requireNonNull(config, "config");
    String factoryType = factory.type().id();
    if (!factoryType.equals(config.type())) {
      throw new IllegalArgumentException("Trigger '" + config.id() + "' has type '" + config.type()
          + "', but its factory creates type '" + factoryType + "'");
    }
  }

  /** The trigger's id. */
  public String id() {
    return config.id();
  }
}
