package org.autosync.testkit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.autosync.api.engine.ManagementAgent;
import org.autosync.api.trigger.ConfigProblem;
import org.autosync.api.trigger.ParameterDescriptor;
import org.autosync.api.trigger.StateStore;
import org.autosync.api.trigger.Trigger;
import org.autosync.api.trigger.TriggerConfig;
import org.autosync.api.trigger.TriggerFactory;
import org.autosync.api.trigger.TriggerType;
import org.jspecify.annotations.Nullable;

/**
 * Starts a trigger plugin in a unit test the way the host does: validates the configuration with
 * the factory, fills in the descriptors' defaults, creates the trigger and starts it on a {@link
 * RecordingTriggerContext} with a {@link ManualClock} and {@link ManualScheduler}.
 *
 * <pre>{@code
 * ManagementAgent hr = FakeEngine.builder().ma("HR").build().managementAgents().getFirst();
 * try (RunningTrigger running = TriggerTestKit.start(new IntervalFactory(), Map.of("every", "5m"), hr)) {
 *   running.scheduler().advance(Duration.ofMinutes(10));
 *   assertEquals(2, running.context().fired().size());
 * }
 *
 * // with secrets, a chosen trigger id, clock or state:
 * RunningTrigger running = TriggerTestKit.forFactory(new LdapFactory())
 *     .triggerId("hr-ldap")
 *     .withSecret("${env:LDAP_PASSWORD}", "s3cret")
 *     .start(Map.of("password", "${env:LDAP_PASSWORD}"), hr);
 * }</pre>
 *
 * <p>The trigger id defaults to the trigger type's id. Tasks the trigger scheduled are cancelled
 * when the {@link RunningTrigger} stops.
 *
 * <p><b>Threading:</b> the options are not thread-safe (set them on one thread); each {@code start}
 * returns an independent {@link RunningTrigger}.
 */
public final class TriggerTestKit {
  private final TriggerFactory factory;
  private @Nullable String triggerId;
  private @Nullable ManualClock clock;
  private StateStore state = new InMemoryStateStore();
  private final Map<String, String> secrets = new LinkedHashMap<>();

  private TriggerTestKit(TriggerFactory factory) {
    this.factory = Objects.requireNonNull(factory, "factory");
  }

  /**
   * Validates {@code values}, creates a trigger with {@code factory} for {@code ma} and starts it.
   *
   * @throws IllegalArgumentException listing every configuration problem the factory found
   * @throws IllegalStateException when the trigger's {@code start} throws (after stopping it)
   */
  public static RunningTrigger start(TriggerFactory factory, Map<String, String> values,
      ManagementAgent ma) {
    return forFactory(factory).start(values, ma);
  }

  /** Options for starting triggers of {@code factory}. */
  public static TriggerTestKit forFactory(TriggerFactory factory) {
    return new TriggerTestKit(factory);
  }

  /** The trigger's id in its config and request sources; default: the type's id. */
  public TriggerTestKit triggerId(String id) {
    this.triggerId = Objects.requireNonNull(id, "id");
    return this;
  }

  /** The clock to start on; default: a new one at {@link ManualClock#DEFAULT_START}. */
  public TriggerTestKit clock(ManualClock value) {
    this.clock = Objects.requireNonNull(value, "clock");
    return this;
  }

  /** The trigger's state; default: a new empty {@link InMemoryStateStore}. */
  public TriggerTestKit stateStore(StateStore value) {
    this.state = Objects.requireNonNull(value, "state");
    return this;
  }

  /** See {@link RecordingTriggerContext#withSecret}. */
  public TriggerTestKit withSecret(String reference, String value) {
    secrets.put(Objects.requireNonNull(reference, "reference"),
        Objects.requireNonNull(value, "value"));
    return this;
  }

  /**
   * Validates {@code values}, creates the trigger for {@code ma} and starts it.
   *
   * @throws IllegalArgumentException listing every configuration problem the factory found
   * @throws IllegalStateException when the trigger's {@code start} throws (after stopping it)
   */
  public RunningTrigger start(Map<String, String> values, ManagementAgent ma) {
    Objects.requireNonNull(values, "values");
    Objects.requireNonNull(ma, "ma");
    TriggerType type = factory.type();
    String id = triggerId == null ? type.id() : triggerId;
    List<ConfigProblem> problems = factory.validate(values);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("Trigger '" + id + "' of type '" + type.id()
          + "' has an invalid configuration: "
          + problems.stream().map(ConfigProblem::toString).collect(Collectors.joining("; ")));
    }
    Map<String, String> filled = new LinkedHashMap<>(values);
    for (ParameterDescriptor p : type.parameters()) {
      if (p.defaultValue() != null) {
        filled.putIfAbsent(p.name(), p.defaultValue());
      }
    }
    TriggerConfig config = new TriggerConfig(id, type.id(), ma.name(), filled);
    ManualClock c = clock == null ? new ManualClock(ManualClock.DEFAULT_START) : clock;
    RecordingTriggerContext context =
        new RecordingTriggerContext(config, ma, new ManualScheduler(c), state);
    secrets.forEach(context::withSecret);
    Trigger trigger = factory.create(config);
    RunningTrigger running = new RunningTrigger(trigger, context);
    try {
      trigger.start(context);
    } catch (Exception e) {
      try {
        running.stop();
      } catch (RuntimeException stopFailure) {
        e.addSuppressed(stopFailure);
      }
      throw new IllegalStateException("Trigger '" + id + "' failed to start: " + e, e);
    }
    return running;
  }
}
