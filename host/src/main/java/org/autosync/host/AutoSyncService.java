package org.autosync.host;

import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.autosync.api.ExecutionRequest;
import org.autosync.api.engine.ManagementAgent;
import org.autosync.api.engine.SyncEngine;
import org.autosync.api.trigger.Scheduler;
import org.autosync.api.trigger.TriggerConfig;
import org.autosync.api.trigger.TriggerHealth;
import org.autosync.host.controller.ControllerEvent.Severity;
import org.autosync.host.controller.ControllerEvent.Type;
import org.autosync.host.controller.ControllerSettings;
import org.autosync.host.controller.ControllerStateStore;
import org.autosync.host.controller.EventJournal;
import org.autosync.host.controller.EventLogger;
import org.autosync.host.controller.ExecutionController;
import org.autosync.host.controller.JournalFile;
import org.autosync.host.controller.StopMode;
import org.autosync.host.time.SystemScheduler;
import org.autosync.host.trigger.SecretResolver;
import org.autosync.host.trigger.TriggerEventListener;
import org.autosync.host.trigger.TriggerSpec;
import org.autosync.host.trigger.TriggerSupervisor;
import org.autosync.scripts.ControllerScriptType;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * AutoSync as one object: the execution controller, the triggers that feed it, and the state both
 * keep, started and stopped in the order of DESIGN §3.7.
 *
 * <p><b>Start:</b> the engine's MAs are read and the controller starts (restoring halted and paused
 * MAs, reconciling every enabled MA's pending work), then the triggers start. <b>Stop:</b> the
 * triggers stop first (nothing new arrives), then the controller drains or cancels its runs and
 * discards its queues, then the scheduler, the journal and the engine are closed.
 *
 * <p>The state directory holds {@code controller-state.json} (halted and paused MAs), the decision
 * journal ({@code journal/journal.jsonl}) and one state file per trigger ({@code triggers/}).
 *
 * <pre>{@code
 * try (AutoSyncService service = AutoSyncService.builder(engine, settings, stateDir)
 *     .triggers(specs).build()) {
 *   service.start();
 *   ...
 * }   // close(): stop with DRAIN
 * }</pre>
 *
 * <p><b>Threading:</b> {@code start} and {@code stop} are called from one thread (the service's
 * main thread or a shutdown hook); the accessors are thread-safe.
 */
public final class AutoSyncService implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(AutoSyncService.class);

  private final SyncEngine engine;
  private final List<TriggerSpec> triggers;
  private final Scheduler scheduler;
  private final @Nullable SystemScheduler ownScheduler;
  private final JournalFile journalFile;
  private final EventJournal journal;
  private final InstantSource clock;
  private final ExecutionController controller;
  private final TriggerSupervisor supervisor;
  private final Map<String, ManagementAgent> agents = new java.util.concurrent.ConcurrentHashMap<>();
  private final Map<String, java.time.Instant> lastImports =
      new java.util.concurrent.ConcurrentHashMap<>();
  private boolean started;
  private boolean stopped;

  private AutoSyncService(Builder b) {
    this.engine = b.engine;
    this.triggers = List.copyOf(b.triggers);
    this.clock = b.clock;
    this.ownScheduler = b.scheduler == null ? new SystemScheduler(b.clock) : null;
    this.scheduler = b.scheduler != null ? b.scheduler : ownScheduler;
    this.journal = b.journal;
    this.journalFile = new JournalFile(b.stateDirectory.resolve("journal"));
    journal.subscribe(journalFile);
    journal.subscribe(new EventLogger());
    this.controller = ExecutionController.builder(engine, b.settings)
        .clock(clock)
        .scheduler(scheduler)
        .journal(journal)
        .stateStore(ControllerStateStore.jsonFile(
            b.stateDirectory.resolve("controller-state.json")))
        .guards(new ScriptGuards(b.controllerScripts, b.secrets))
        .build();
    this.supervisor = TriggerSupervisor.builder()
        .managementAgents(this::agent)
        .sink(controller::submit)
        .scheduler(scheduler)
        .clock(clock)
        .stateDirectory(b.stateDirectory.resolve("triggers"))
        .secrets(b.secrets)
        .listener(new TriggerEvents())
        .lastImport(ma -> java.util.Optional.ofNullable(lastImports.get(ma)))
        .build();
    journal.subscribe(this::noteImports);
  }

  /** Remembers when each MA last ended a run with an import step, for triggers. */
  private void noteImports(org.autosync.host.controller.ControllerEvent e) {
    if (e.type() == Type.RUN_ENDED && e.severity() == Severity.INFO && e.ma() != null
        && e.profile() != null && e.runNumber() != null) {
      ManagementAgent agent = agents.get(e.ma());
      if (agent != null && agent.profile(e.profile())
          .map(org.autosync.api.engine.RunProfile::hasImport).orElse(false)) {
        lastImports.put(e.ma(), e.time());
      }
    }
  }

  /** Starts building a service on {@code engine}, keeping its state in {@code stateDirectory}. */
  public static Builder builder(SyncEngine engine, ControllerSettings settings,
      Path stateDirectory) {
    return new Builder(engine, settings, stateDirectory);
  }

  /**
   * Starts the controller, then the triggers.
   *
   * @throws IllegalArgumentException when the settings do not match the engine's MAs; nothing is
   *     left running then
   */
  public void start() {
    if (started) {
      throw new IllegalStateException("The service was already started");
    }
    started = true;
    for (ManagementAgent agent : engine.managementAgents()) {
      agents.put(agent.name(), agent);
    }
    try {
      controller.start();
    } catch (RuntimeException e) {
      stop(StopMode.CANCEL, Duration.ZERO);
      throw e;
    }
    supervisor.startAll(triggers);
  }

  /**
   * Applies a reloaded configuration: every MA whose settings or triggers changed has its triggers
   * stopped, its controller settings replaced (queue rebuilt from the engine; its controller
   * script reloaded if its block changed) and its triggers started again; other MAs keep running
   * untouched. The global controller script is replaced in place. Engine and other
   * controller-wide settings cannot change while running; a change there is reported and waits
   * for a restart.
   *
   * @param before the configuration in force
   * @param after the new one, already validated
   * @return the MAs that were reconfigured
   */
  public List<String> reconfigure(org.autosync.host.config.AutoSyncConfig before,
      org.autosync.host.config.AutoSyncConfig after) {
    if (!before.engineType().equals(after.engineType())
        || !before.engineSettings().equals(after.engineSettings())
        || !withoutMas(before).equals(withoutMas(after))) {
      journal.publish(clock.instant(), Type.CONFIG_RELOADED, Severity.WARNING, null, null, null,
          "engine or controller-wide settings changed in '" + after.source()
              + "'; they take effect at the next restart");
    }
    controller.replaceControllerScript(after.controller().script());
    List<String> changed = new ArrayList<>();
    for (var entry : after.controller().mas().entrySet()) {
      String ma = entry.getKey();
      var old = before.controller().mas().get(ma);
      boolean triggersChanged = !configs(before, ma).equals(configs(after, ma));
      if (entry.getValue().equals(old) && !triggersChanged) {
        continue;
      }
      supervisor.stopForMa(ma);
      controller.reconfigureMa(entry.getValue());
      if (entry.getValue().enabled()) {
        after.triggers().stream().filter(t -> t.config().ma().equals(ma))
            .forEach(supervisor::start);
      }
      changed.add(ma);
    }
    journal.publish(clock.instant(), Type.CONFIG_RELOADED, Severity.INFO, null, null, null,
        "reloaded '" + after.source() + "': " + (changed.isEmpty() ? "no MA changed"
            : "reconfigured " + changed + "; the other MAs ran on untouched"));
    return changed;
  }

  private static ControllerSettings withoutMas(org.autosync.host.config.AutoSyncConfig c) {
    ControllerSettings s = c.controller();
    return new ControllerSettings(s.runMode(), s.retry(), s.busyRetry(), s.defaultTimeLimit(),
        s.stagger(), s.fimExportTakesSyncSlot(), s.engineCheckInterval(), s.reconcileInterval(),
        s.vetoRetryInterval(), null, Map.of());
  }

  private static List<org.autosync.api.trigger.TriggerConfig> configs(
      org.autosync.host.config.AutoSyncConfig c, String ma) {
    return c.triggers().stream().map(TriggerSpec::config).filter(t -> t.ma().equals(ma))
        .toList();
  }

  /** The execution controller: submit requests, read status and events. */
  public ExecutionController controller() {
    return controller;
  }

  /** The scheduler the service runs on. */
  public Scheduler scheduler() {
    return scheduler;
  }

  /** The trigger supervisor: trigger status, per-MA stop. */
  public TriggerSupervisor triggers() {
    return supervisor;
  }

  /** Hands a request to the controller, as an operator would. */
  public void submit(ExecutionRequest request) {
    controller.submit(request);
  }

  /**
   * Stops the triggers, then the controller (draining or cancelling runs for up to {@code
   * timeout}), then closes the scheduler, the journal and the engine. Idempotent.
   */
  public void stop(StopMode mode, Duration timeout) {
    if (stopped) {
      return;
    }
    stopped = true;
    List<String> stoppedTriggers = supervisor.stopAll();
    LOG.info("Stopped {} trigger(s); stopping the controller ({})", stoppedTriggers.size(), mode);
    controller.stop(mode, timeout);
    if (ownScheduler != null) {
      ownScheduler.close();
    }
    journalFile.close();
    try {
      engine.close();
    } catch (RuntimeException e) {
      LOG.warn("Engine '{}' did not close cleanly", engine.name(), e);
    }
  }

  /** {@link #stop} with {@link StopMode#DRAIN} and the controller's default timeout. */
  @Override
  public void close() {
    stop(StopMode.DRAIN, ExecutionController.DEFAULT_STOP_TIMEOUT);
  }

  private ManagementAgent agent(String name) {
    ManagementAgent agent = agents.get(name);
    if (agent == null) {
      throw new IllegalArgumentException("Engine '" + engine.name() + "' has no MA '" + name
          + "'; it has " + agents.keySet());
    }
    return agent;
  }

  /** Turns what the supervisor reports into controller events. */
  private final class TriggerEvents implements TriggerEventListener {
    private void publish(Type type, Severity severity, TriggerConfig t, String message) {
      journal.publish(clock.instant(), type, severity, t.ma(), null, null,
          "trigger '" + t.id() + "' (" + t.type() + ") " + message);
    }

    @Override
    public void started(TriggerConfig trigger) {
      publish(Type.TRIGGER_STARTED, Severity.INFO, trigger, "started");
    }

    @Override
    public void fired(TriggerConfig trigger, ExecutionRequest request) {
      publish(Type.TRIGGER_FIRED, Severity.DEBUG, trigger, "fired " + request.describeTarget());
    }

    @Override
    public void requestRefused(TriggerConfig trigger, ExecutionRequest request, String reason) {
      publish(Type.REQUEST_DROPPED, Severity.WARNING, trigger,
          "fired " + request.describeTarget() + ", refused: " + reason);
    }

    @Override
    public void failed(TriggerConfig trigger, String reason, int failures, Duration retryIn) {
      publish(Type.TRIGGER_FAILED, Severity.ALERT, trigger, "failed (" + failures
          + " in a row): " + reason + "; restarting in " + retryIn);
    }

    @Override
    public void restarted(TriggerConfig trigger, int restarts) {
      publish(Type.TRIGGER_STARTED, Severity.INFO, trigger, "restarted (" + restarts + ")");
    }

    @Override
    public void stopped(TriggerConfig trigger) {
      publish(Type.TRIGGER_STOPPED, Severity.INFO, trigger, "stopped");
    }

    @Override
    public void healthChanged(TriggerConfig trigger, TriggerHealth health) {
      publish(Type.TRIGGER_HEALTH, Severity.DEBUG, trigger, "health " + health.state() + ": "
          + health.message());
    }
  }

  /** Builds an {@link AutoSyncService}; not thread-safe. */
  public static final class Builder {
    private final SyncEngine engine;
    private final ControllerSettings settings;
    private final Path stateDirectory;
    private final List<TriggerSpec> triggers = new ArrayList<>();
    private InstantSource clock = InstantSource.system();
    private @Nullable Scheduler scheduler;
    private EventJournal journal = new EventJournal();
    private SecretResolver secrets = new SecretResolver();
    private Supplier<Map<String, ControllerScriptType>> controllerScripts = Map::of;

    private Builder(SyncEngine engine, ControllerSettings settings, Path stateDirectory) {
      this.engine = Objects.requireNonNull(engine, "engine");
      this.settings = Objects.requireNonNull(settings, "settings");
      this.stateDirectory = Objects.requireNonNull(stateDirectory, "stateDirectory");
    }

    /** Triggers to run; each must serve an MA the engine has. */
    public Builder triggers(List<TriggerSpec> value) {
      triggers.addAll(value);
      return this;
    }

    /** The time source; default the system clock. */
    public Builder clock(InstantSource value) {
      clock = Objects.requireNonNull(value);
      return this;
    }

    /** The scheduler; default a {@link SystemScheduler} the service owns and closes. */
    public Builder scheduler(Scheduler value) {
      scheduler = Objects.requireNonNull(value);
      return this;
    }

    /** The event journal to publish into; default a new one. */
    public Builder journal(EventJournal value) {
      journal = Objects.requireNonNull(value);
      return this;
    }

    /** Resolves secret references in trigger configuration; default the process environment. */
    public Builder secrets(SecretResolver value) {
      secrets = Objects.requireNonNull(value);
      return this;
    }

    /**
     * The controller scripts installed in the scripts folder, by id, read when a configured
     * script is loaded (see {@code PluginHost#controllerScriptTypes}); default none, so that a
     * configured controller script vetoes every run, saying it is not installed.
     */
    public Builder controllerScripts(Supplier<Map<String, ControllerScriptType>> value) {
      controllerScripts = Objects.requireNonNull(value);
      return this;
    }

    public AutoSyncService build() {
      return new AutoSyncService(this);
    }
  }
}
