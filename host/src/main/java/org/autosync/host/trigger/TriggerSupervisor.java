package org.autosync.host.trigger;

import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;
import java.util.function.Function;
import org.autosync.api.ExecutionRequest;
import org.autosync.api.engine.ManagementAgent;
import org.autosync.api.trigger.Scheduler;
import org.autosync.api.trigger.TriggerContext;
import org.autosync.api.trigger.TriggerHealth;
import org.jspecify.annotations.Nullable;

/**
 * Runs trigger instances and keeps them running (DESIGN §4): a trigger that fails is marked
 * failed with its reason, stopped, and replaced by a new instance after an exponential backoff;
 * the host never goes down because of a trigger.
 *
 * <pre>{@code
 * TriggerSupervisor triggers = TriggerSupervisor.builder()
 *     .managementAgents(engine::describe)
 *     .sink(controller::submit)
 *     .clock(clock)
 *     .scheduler(scheduler)
 *     .stateDirectory(dataDir.resolve("trigger-state"))
 *     .listener(controllerEvents)
 *     .build();
 * triggers.startAll(specs);
 * ...
 * triggers.stopAll();
 * }</pre>
 *
 * <h2>What a trigger gets</h2>
 *
 * Each instance gets its own {@link TriggerContext}: {@code fire} hands requests to the sink with
 * the trigger as their source and refuses requests for other MAs (reported, not thrown); {@code
 * log()} is the SLF4J logger {@code autosync.trigger.<id>}; {@code scheduler()} wraps the shared
 * scheduler and cancels the instance's tasks when it stops; {@code state()} is the JSON file
 * {@code <stateDirectory>/<id>.json}, shared by all instances of that id; {@code resolveSecret}
 * uses the {@link SecretResolver}. The MDC keys {@code ma} and {@code trigger} are set around every
 * call into trigger code made by the supervisor ({@code start}, {@code stop}, scheduled tasks).
 * After an instance stops, its {@code fire} and {@code reportHealth} are ignored.
 *
 * <h2>Failures and restarts</h2>
 *
 * A trigger fails when its factory or {@code start} throws, when its MA cannot be described, or
 * when it reports {@link TriggerHealth.State#FAILED}. The supervisor then calls the instance's
 * {@code stop} (ignoring what it throws), shows the trigger as FAILED with the reason and the
 * restart delay, reports {@link TriggerEventListener#failed}, and after the {@link RestartPolicy}
 * delay starts a new instance from the factory. A {@code HEALTHY} report from the trigger resets
 * the backoff. A trigger that reports nothing while starting is shown {@code HEALTHY} once its
 * {@code start} returns. Out-of-memory and other virtual-machine errors are not contained.
 *
 * <h2>Threading</h2>
 *
 * Thread-safe. {@link #start} and {@link #startAll} call {@code Trigger.start} on the caller's
 * thread; restarts run on the scheduler's thread. {@code Trigger.stop} runs on the thread that
 * stops or fails the instance: the caller of a {@code stop} method, the caller of {@code start}
 * after a failed start, or the scheduler thread after a FAILED report or a failed restart. Per
 * trigger id, {@code start} and {@code stop} are never called concurrently. No lock the trigger's
 * context needs is held while trigger code runs, so a trigger may fire and report from {@code
 * start}, {@code stop} and any thread of its own. {@code start} and {@code stop} must not block
 * (the trigger contract): a blocking restart holds up the shared scheduler thread, and a blocking
 * {@code stop} holds up {@link #stopAll}.
 */
public final class TriggerSupervisor {

  private final Services services;
  private final Path stateDirectory;

  private final ReentrantLock lock = new ReentrantLock();
  private final LinkedHashMap<String, SupervisedTrigger> running = new LinkedHashMap<>(); // lock
  private final Map<String, FileStateStore> stores = new HashMap<>(); // guarded by lock

  private TriggerSupervisor(Services services, Path stateDirectory) {
    this.services = services;
    this.stateDirectory = stateDirectory;
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Starts a trigger: creates an instance and calls its {@code start} on this thread. A failure to
   * start is not thrown: the trigger is shown FAILED and restarted with backoff.
   *
   * @throws IllegalArgumentException if a trigger with that id is running, or the id cannot name a
   *     state file
   */
  public void start(TriggerSpec spec) {
    Objects.requireNonNull(spec, "spec");
    start(List.of(spec));
  }

  /**
   * Starts triggers in order, after checking all of them: when one is refused, none is started.
   *
   * @throws IllegalArgumentException naming the first id that is already running, repeated, or
   *     cannot name a state file
   */
  public void startAll(List<TriggerSpec> specs) {
    start(List.copyOf(specs));
  }

  /**
   * Stops the trigger with this id: cancels its tasks and any pending restart, calls its {@code
   * stop}. Its state file is kept.
   *
   * @return false if no trigger with this id was running
   */
  public boolean stop(String triggerId) {
    Objects.requireNonNull(triggerId, "triggerId");
    SupervisedTrigger trigger;
    lock.lock();
    try {
      trigger = running.remove(triggerId);
    } finally {
      lock.unlock();
    }
    if (trigger == null) {
      return false;
    }
    trigger.stop();
    return true;
  }

  /**
   * Stops every trigger of one MA, in reverse start order.
   *
   * @return the ids of the triggers stopped, in the order they were stopped
   */
  public List<String> stopForMa(String ma) {
    Objects.requireNonNull(ma, "ma");
    return stopWhere(t -> t.config().ma().equals(ma));
  }

  /**
   * Stops every trigger, in reverse start order. Idempotent.
   *
   * @return the ids of the triggers stopped, in the order they were stopped
   */
  public List<String> stopAll() {
    return stopWhere(t -> true);
  }

  /** The status of every running trigger, in start order. */
  public List<TriggerStatus> status() {
    return snapshot().stream().map(SupervisedTrigger::status).toList();
  }

  /** The status of the trigger with this id, if it is running. */
  public Optional<TriggerStatus> status(String triggerId) {
    lock.lock();
    try {
      return Optional.ofNullable(running.get(triggerId)).map(SupervisedTrigger::status);
    } finally {
      lock.unlock();
    }
  }

  private void start(List<TriggerSpec> specs) {
    List<SupervisedTrigger> added = new ArrayList<>();
    lock.lock();
    try {
      Set<String> ids = new HashSet<>();
      for (TriggerSpec spec : specs) {
        String id = FileStateStore.checkTriggerId(spec.id());
        if (running.containsKey(id) || !ids.add(id)) {
          throw new IllegalArgumentException(
              "Cannot start trigger '" + id + "': a trigger with that id is already running");
        }
      }
      for (TriggerSpec spec : specs) {
        FileStateStore store =
            stores.computeIfAbsent(spec.id(), id -> new FileStateStore(stateDirectory, id));
        SupervisedTrigger trigger = new SupervisedTrigger(spec, services, store);
        running.put(spec.id(), trigger);
        added.add(trigger);
      }
    } finally {
      lock.unlock();
    }
    for (SupervisedTrigger trigger : added) {
      trigger.start(); // outside the lock: this runs trigger code
    }
  }

  private List<String> stopWhere(java.util.function.Predicate<SupervisedTrigger> which) {
    List<SupervisedTrigger> toStop = new ArrayList<>();
    lock.lock();
    try {
      for (SupervisedTrigger trigger : running.values()) {
        if (which.test(trigger)) {
          toStop.add(0, trigger);
        }
      }
      for (SupervisedTrigger trigger : toStop) {
        running.remove(trigger.config().id());
      }
    } finally {
      lock.unlock();
    }
    List<String> stopped = new ArrayList<>();
    for (SupervisedTrigger trigger : toStop) {
      trigger.stop();
      stopped.add(trigger.config().id());
    }
    return stopped;
  }

  private List<SupervisedTrigger> snapshot() {
    lock.lock();
    try {
      return List.copyOf(running.values());
    } finally {
      lock.unlock();
    }
  }

  /**
   * Builds a {@link TriggerSupervisor}. Required: {@link #managementAgents}, {@link #sink}, {@link
   * #scheduler} and {@link #stateDirectory}. Not thread-safe; use it on one thread.
   */
  public static final class Builder {
    private @Nullable Function<String, ManagementAgent> managementAgents;
    private @Nullable Consumer<ExecutionRequest> sink;
    private @Nullable Scheduler scheduler;
    private @Nullable Path stateDirectory;
    private InstantSource clock = InstantSource.system();
    private SecretResolver secrets = new SecretResolver();
    private TriggerEventListener listener = TriggerEventListener.NONE;
    private RestartPolicy restartPolicy = RestartPolicy.defaults();
    private DoubleSupplier random = () -> ThreadLocalRandom.current().nextDouble();
    private Function<String, java.util.Optional<java.time.Instant>> lastImport =
        ma -> java.util.Optional.empty();

    private Builder() {}

    /**
     * How to describe an MA by name; called on every (re)start. May throw, for example while the
     * engine is unreachable: the trigger then fails and is restarted with backoff.
     */
    public Builder managementAgents(Function<String, ManagementAgent> value) {
      this.managementAgents = Objects.requireNonNull(value, "managementAgents");
      return this;
    }

    /** Where fired requests go: the controller's submit. Must be thread-safe and quick. */
    public Builder sink(Consumer<ExecutionRequest> value) {
      this.sink = Objects.requireNonNull(value, "sink");
      return this;
    }

    /** The shared scheduler, for triggers' tasks and restarts. */
    public Builder scheduler(Scheduler value) {
      this.scheduler = Objects.requireNonNull(value, "scheduler");
      return this;
    }

    /** The directory of triggers' state files; created on the first write. */
    public Builder stateDirectory(Path value) {
      this.stateDirectory = Objects.requireNonNull(value, "stateDirectory");
      return this;
    }

    /** The time source triggers see; default the system clock. */
    public Builder clock(InstantSource value) {
      this.clock = Objects.requireNonNull(value, "clock");
      return this;
    }

    /** Resolves triggers' secret references; default reads the process environment. */
    public Builder secrets(SecretResolver value) {
      this.secrets = Objects.requireNonNull(value, "secrets");
      return this;
    }

    /** Told about starts, fires, failures and stops; default none. */
    public Builder listener(TriggerEventListener value) {
      this.listener = Objects.requireNonNull(value, "listener");
      return this;
    }

    /** The backoff between restarts; default {@link RestartPolicy#defaults()}. */
    public Builder restartPolicy(RestartPolicy value) {
      this.restartPolicy = Objects.requireNonNull(value, "restartPolicy");
      return this;
    }

    /**
     * When an MA last finished a run with an import step, for {@link
     * org.autosync.api.trigger.TriggerContext#lastImport()}; default unknown. Thread-safe, quick.
     */
    public Builder lastImport(Function<String, java.util.Optional<java.time.Instant>> value) {
      this.lastImport = Objects.requireNonNull(value, "lastImport");
      return this;
    }

    /** The source of jitter; for tests. */
    Builder random(DoubleSupplier value) {
      this.random = Objects.requireNonNull(value, "random");
      return this;
    }

    /**
     * @throws IllegalStateException naming a required setting that is missing
     */
    public TriggerSupervisor build() {
      Services services = new Services(
          required(managementAgents, "managementAgents"),
          required(sink, "sink"),
          clock,
          required(scheduler, "scheduler"),
          secrets,
          new SafeListener(listener),
          restartPolicy,
          random,
          lastImport);
      return new TriggerSupervisor(services, required(stateDirectory, "stateDirectory"));
    }

    private static <T> T required(@Nullable T value, String name) {
      if (value == null) {
        throw new IllegalStateException(
            "Cannot build a TriggerSupervisor: " + name + "(...) was not set");
      }
      return value;
    }
  }
}
