package org.autosync.host.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.autosync.api.trigger.ConfigProblem;
import org.autosync.api.trigger.ParameterDescriptor;
import org.autosync.api.trigger.ParameterType;
import org.autosync.api.trigger.Trigger;
import org.autosync.api.trigger.TriggerConfig;
import org.autosync.api.trigger.TriggerContext;
import org.autosync.api.trigger.TriggerFactory;
import org.autosync.api.trigger.TriggerType;

/** Tiny trigger types for configuration tests, and a loader call with them. */
final class TestTriggers {

  static final String FILE = "autosync.yaml";

  /** {@code every}: a required DURATION {@code interval} and an optional BOOLEAN {@code front}. */
  static final TriggerFactory EVERY = new Factory(new TriggerType("every", "Every",
      "Fires at a fixed interval", List.of(
          ParameterDescriptor.required("interval", ParameterType.DURATION, "How often to fire"),
          ParameterDescriptor.optional("front", ParameterType.BOOLEAN, "false",
              "Whether requests go to the front of the queue"))));

  /**
   * {@code watch}: a required STRING {@code host}, a LIST {@code bases} each of which must contain
   * '=' (checked across items, reported as {@code bases[i]}), a SECRET {@code bindPassword}, an
   * INTEGER {@code pageSize} defaulting to 500.
   */
  static final TriggerFactory WATCH = new Factory(new TriggerType("watch", "Watch",
      "Watches a directory", List.of(
          ParameterDescriptor.required("host", ParameterType.STRING, "Server"),
          ParameterDescriptor.optional("bases", ParameterType.LIST, null, "Search bases"),
          ParameterDescriptor.optional("bindPassword", ParameterType.SECRET, null, "Password"),
          ParameterDescriptor.optional("pageSize", ParameterType.INTEGER, "500", "Page size")))) {
    @Override
    public List<ConfigProblem> validate(Map<String, String> values) {
      List<ConfigProblem> problems =
          new ArrayList<>(TriggerFactory.validateDeclared(type(), values));
      if (values.containsKey("bases")) {
        List<String> bases = List.of(values.get("bases").split(","));
        for (int i = 0; i < bases.size(); i++) {
          if (!bases.get(i).contains("=")) {
            problems.add(new ConfigProblem("bases[" + i + "]",
                "expected a DN such as ou=people,o=hr; got '" + bases.get(i) + "'"));
          }
        }
      }
      return problems;
    }
  };

  static final Map<String, TriggerFactory> TYPES = Map.of("every", EVERY, "watch", WATCH);
  static final Set<String> ENGINES = Set.of("embedded", "mim");

  private TestTriggers() {}

  static AutoSyncConfig load(String yaml) {
    return ConfigLoader.load(yaml, FILE, TYPES, ENGINES);
  }

  static class Factory implements TriggerFactory {
    private final TriggerType type;

    Factory(TriggerType type) {
      this.type = type;
    }

    @Override
    public TriggerType type() {
      return type;
    }

    @Override
    public Trigger create(TriggerConfig config) {
      return new Trigger() {
        @Override
        public void start(TriggerContext context) {}

        @Override
        public void stop() {}
      };
    }
  }
}
