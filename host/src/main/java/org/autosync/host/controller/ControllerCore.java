package org.autosync.host.controller;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.random.RandomGenerator;
import org.autosync.api.ExecutionRequest;
import org.autosync.api.RequestSource;
import org.autosync.api.engine.ManagementAgent;
import org.autosync.api.engine.ResultClass;
import org.autosync.api.engine.ResultCodes;
import org.autosync.api.engine.RunDetails;
import org.autosync.api.engine.RunProfile;
import org.autosync.api.engine.RunResult;
import org.autosync.api.engine.SyncEngine;
import org.autosync.api.trigger.Scheduler;
import org.autosync.host.controller.ControllerEvent.Severity;
import org.autosync.host.controller.ControllerEvent.Type;
import org.autosync.host.controller.MaRuntime.ActiveRun;
import org.autosync.scripts.ControllerDecision;
import org.jspecify.annotations.Nullable;

/**
 * The controller's state and decisions. Every method runs on the controller thread (see {@link
 * Loop}); engine calls happen on run threads and short-lived worker threads whose results are
 * posted back, so the controller thread never blocks on the engine. Watching the engine (runs
 * started outside AutoSync, their history, reconciliation of pending work) is {@link
 * EngineWatch}'s part.
 */
final class ControllerCore {

  /** The seams the core needs from its owner: the controller thread and worker threads. */
  interface Loop {
    /** Runs {@code task} later on the controller thread. */
    void post(Runnable task);

    /** Runs {@code task} on a new named thread (runs and engine queries). */
    void spawn(String threadName, Runnable task);
  }

  private final SyncEngine engine;
  private final ControllerSettings settings;
  private final InstantSource clock;
  private final Scheduler scheduler;
  private final EventJournal journal;
  private final RandomGenerator random;
  private final Loop loop;
  private final ControllerStateStore stateStore;
  private Admission admission;
  private final Map<String, MaRuntime> mas = new LinkedHashMap<>();
  private final List<org.autosync.api.trigger.Cancellable> periodic = new ArrayList<>();

  private long nextOrderKey = 1;
  private @Nullable Instant lastStart;
  private @Nullable Instant wakeupAt;
  private boolean started;
  private boolean stopping;
  private boolean globallyPaused;
  /** Why a controller script halted the whole service; null when it is not halted. */
  private @Nullable String serviceHalt;
  private Guards guards = new Guards();
  private int workers;
  private final CompletableFuture<Void> drained = new CompletableFuture<>();
  private final EngineWatch watch;

  ControllerCore(SyncEngine engine, ControllerSettings settings, InstantSource clock,
      Scheduler scheduler, EventJournal journal, RandomGenerator random, Loop loop,
      ControllerStateStore stateStore) {
    this.engine = engine;
    this.stateStore = stateStore;
    this.settings = settings;
    this.clock = clock;
    this.scheduler = scheduler;
    this.journal = journal;
    this.random = random;
    this.loop = loop;
    Map<String, java.util.Set<String>> lockWith = new LinkedHashMap<>();
    settings.mas().forEach((name, ma) -> lockWith.put(name, ma.lockWith()));
    this.admission = new Admission(settings.runMode(), settings.fimExportTakesSyncSlot(), lockWith);
    this.watch = new EngineWatch(engine, clock, journal, mas, new EngineWatch.Controller() {
      @Override
      public boolean stopping() {
        return stopping;
      }

      @Override
      public Admission admission() {
        return admission;
      }

      @Override
      public List<RunGuard> guardsOf(String ma) {
        return guards.of(ma);
      }

      @Override
      public List<String> acceptingMas() {
        return ControllerCore.this.acceptingMas();
      }

      @Override
      public void spawnWorker(String threadName, java.util.function.Supplier<Runnable> query) {
        ControllerCore.this.spawnWorker(threadName, query);
      }

      @Override
      public void applyReview(MaRuntime m, RunDetails run, GuardCalls.Answer answer) {
        ControllerCore.this.applyReview(m, run, answer);
      }

      @Override
      public void applyOutcome(MaRuntime m, RunOutcome outcome, @Nullable Long orderKey) {
        ControllerCore.this.applyOutcome(m, outcome, orderKey);
      }

      @Override
      public void submit(ExecutionRequest request) {
        ControllerCore.this.submit(request);
      }

      @Override
      public void dispatch() {
        ControllerCore.this.dispatch();
      }
    });
  }

  // ---------------------------------------------------------------- lifecycle

  /**
   * Takes the engine's MAs and their last run numbers (read by the caller, off this thread), starts
   * every enabled MA, reconciles, and starts the periodic checks.
   */
  void start(List<ManagementAgent> agents, Map<String, Long> lastRunNumbers,
      ControllerStateStore.Saved saved, Guards opened) {
    List<String> known = agents.stream().map(ManagementAgent::name).toList();
    settings.mas().forEach((configured, ma) -> {
      if (!known.contains(configured)) {
        throw new IllegalArgumentException("Configured MA '" + configured
            + "' does not exist in engine '" + engine.name() + "'; it has " + known);
      }
      for (String other : ma.lockWith()) {
        if (!known.contains(other)) {
          throw new IllegalArgumentException("MA '" + configured + "' has lockWith '" + other
              + "', which does not exist in engine '" + engine.name() + "'; it has " + known);
        }
      }
    });
    for (ManagementAgent agent : agents) {
      MaSettings ms = settings.mas().getOrDefault(agent.name(),
          MaSettings.enabled(agent.name()).withEnabled(false));
      MaRuntime m = new MaRuntime(agent, ms);
      m.lastSeenRun = lastRunNumbers.getOrDefault(agent.name(), 0L);
      m.stopped = !ms.enabled();
      mas.put(agent.name(), m);
    }
    restore(saved);
    guards = opened;
    started = true;
    long enabled = mas.values().stream().filter(MaRuntime::accepting).count();
    event(Type.CONTROLLER_STARTED, Severity.INFO, null, null, null,
        "started on engine '" + engine.name() + "' with " + mas.size() + " MA(s), " + enabled
            + " enabled; run mode " + settings.runMode());
    watch.checkEngine(mas.keySet());
    watch.reconcile(acceptingMas(), "reconciliation at start-up");
    periodic.add(scheduler.scheduleAtFixedRate(settings.engineCheckInterval(),
        settings.engineCheckInterval(),
        () -> loop.post(() -> watch.checkEngine(mas.keySet()))));
    periodic.add(scheduler.scheduleAtFixedRate(settings.reconcileInterval(),
        settings.reconcileInterval(),
        () -> loop.post(() -> watch.reconcile(acceptingMas(), "periodic reconciliation"))));
  }

  private void restore(ControllerStateStore.Saved saved) {
    globallyPaused = saved.allPaused();
    serviceHalt = saved.serviceHalted();
    if (serviceHalt != null) {
      event(Type.SERVICE_HALTED, Severity.ALERT, null, null, null,
          "still halted from before the restart: " + serviceHalt);
    }
    saved.halted().forEach((name, reason) -> {
      MaRuntime m = mas.get(name);
      if (m == null) {
        event(Type.MA_HALTED, Severity.WARNING, name, null, null,
            "was halted before the restart but the engine no longer has it; forgotten");
      } else {
        m.haltReason = reason;
        event(Type.MA_HALTED, Severity.ALERT, name, null, null,
            "still halted from before the restart: " + reason);
      }
    });
    for (String name : saved.paused()) {
      MaRuntime m = mas.get(name);
      if (m != null) {
        m.paused = true;
        event(Type.MA_PAUSED, Severity.INFO, name, null, null, "still paused from before the"
            + " restart");
      }
    }
  }

  /** Saves halted and paused states; a failure is an alert, not a crash. */
  private void persist() {
    Map<String, String> halted = new LinkedHashMap<>();
    java.util.Set<String> paused = new java.util.HashSet<>();
    for (MaRuntime m : mas.values()) {
      if (m.haltReason != null) {
        halted.put(m.name, m.haltReason);
      }
      if (m.paused) {
        paused.add(m.name);
      }
    }
    try {
      stateStore.save(new ControllerStateStore.Saved(halted, paused, globallyPaused,
          serviceHalt));
    } catch (RuntimeException e) {
      event(Type.STATE_SAVE_FAILED, Severity.ALERT, null, null, null,
          "halted and paused states were not saved and will be lost at restart: "
              + e.getMessage());
    }
  }

  /** Stops admitting; with {@code cancel}, stops runs in progress. Completes when all ended. */
  CompletableFuture<Void> beginStop(StopMode mode) {
    if (!stopping) {
      stopping = true;
      periodic.forEach(org.autosync.api.trigger.Cancellable::cancel);
      periodic.clear();
      long running = mas.values().stream().filter(m -> m.current != null).count();
      event(Type.CONTROLLER_STOPPING, Severity.INFO, null, null, null,
          "stopping (" + mode + "); " + running + " run(s) in progress");
      if (mode == StopMode.CANCEL) {
        mas.values().stream().filter(m -> m.current != null).forEach(m -> stopInEngine(m.name));
      }
    }
    maybeDrained();
    return drained;
  }

  /** Discards the queues (they are rebuilt from the engine at the next start). */
  void finishStop() {
    for (MaRuntime m : mas.values()) {
      List<QueuedRun> dropped = new ArrayList<>(m.queue.clear());
      dropped.addAll(clearSetAside(m));
      if (!dropped.isEmpty()) {
        event(Type.REQUEST_DROPPED, Severity.INFO, m.name, null, null, dropped.size()
            + " queued run(s) discarded at stop; the engine's pending work is reconciled at the"
            + " next start");
      }
    }
    event(Type.CONTROLLER_STOPPED, Severity.INFO, null, null, null, "stopped");
  }

  private void maybeDrained() {
    if (stopping && workers == 0 && mas.values().stream().allMatch(m -> m.current == null)) {
      drained.complete(null);
    }
  }

  // ---------------------------------------------------------------- requests

  void submit(ExecutionRequest request) {
    submit(request, null);
  }

  /**
   * Resolves and queues a request.
   *
   * @param inheritedKey for follow-ups, the place in line of the run that caused them
   */
  private void submit(ExecutionRequest request, @Nullable Long inheritedKey) {
    MaRuntime m = mas.get(request.ma());
    String refusal = null;
    if (!started) {
      refusal = "the controller has not started";
    } else if (stopping) {
      refusal = "the controller is stopping";
    } else if (m == null) {
      refusal = "unknown MA '" + request.ma() + "'; the engine has " + mas.keySet();
    } else if (!m.settings.enabled()) {
      refusal = "MA '" + m.name + "' is disabled in configuration";
    } else if (m.stopped) {
      refusal = "MA '" + m.name + "' is stopped";
    }
    if (refusal != null) {
      drop(request, refusal);
      return;
    }
    List<RunProfile> profiles = resolve(m, request);
    for (RunProfile profile : profiles) {
      long key = inheritedKey != null ? inheritedKey : nextOrderKey++;
      QueuedRun run = new QueuedRun(m.name, profile, request.exclusive(), request.source(), key);
      QueuedRun carrier = m.queue.offer(run, request.front());
      if (carrier == run) {
        event(Type.REQUEST_QUEUED, Severity.INFO, m.name, profile.name(), null,
            "queued '" + profile.name() + "'" + (request.front() ? " at the front" : "")
                + (request.exclusive() ? " exclusive" : "") + " (" + request.source() + "); "
                + m.queue.size() + " in queue");
      } else {
        event(Type.REQUEST_COALESCED, Severity.DEBUG, m.name, profile.name(), null,
            "coalesced '" + profile.name() + "' with the one already queued ("
                + request.source() + ")" + (request.front() ? "; moved to the front" : ""));
      }
    }
    dispatch();
  }

  /** The profiles a request means; drops it with the reason when there are none. */
  private List<RunProfile> resolve(MaRuntime m, ExecutionRequest request) {
    if (request.profileName() != null) {
      Optional<RunProfile> profile = m.agent.profile(request.profileName());
      if (profile.isEmpty()) {
        drop(request, "MA '" + m.name + "' has no run profile '" + request.profileName()
            + "'; it has " + m.agent.runProfiles().stream().map(RunProfile::name).toList());
        return List.of();
      }
      return List.of(profile.get());
    }
    List<String> partitions = new ArrayList<>();
    if (request.partition() != null) {
      Optional<org.autosync.api.engine.Partition> p = m.agent.partition(request.partition());
      if (p.isEmpty()) {
        drop(request, "MA '" + m.name + "' has no partition '" + request.partition() + "'");
        return List.of();
      }
      partitions.add(p.get().name());
    } else {
      m.agent.partitions().stream()
          .filter(p -> m.mappings.profileFor(p.name(), request.profileType()).isPresent())
          .forEach(p -> partitions.add(p.name()));
      if (partitions.isEmpty()) {
        drop(request, "no partition of '" + m.name + "' maps a " + request.profileType()
            + " profile");
        return List.of();
      }
    }
    List<RunProfile> profiles = new ArrayList<>();
    for (String partition : partitions) {
      Optional<String> name = m.mappings.profileFor(partition, request.profileType());
      if (name.isEmpty()) {
        drop(request, "no " + request.profileType() + " profile is mapped for partition '"
            + partition + "' of '" + m.name + "'");
        continue;
      }
      Optional<RunProfile> profile = m.agent.profile(name.get());
      if (profile.isEmpty()) {
        drop(request, request.profileType() + " of partition '" + partition + "' maps to '"
            + name.get() + "', which MA '" + m.name + "' does not have");
        continue;
      }
      profiles.add(profile.get());
    }
    return profiles;
  }

  private void drop(ExecutionRequest request, String reason) {
    event(Type.REQUEST_DROPPED, Severity.WARNING, request.ma(), request.profileName(), null,
        "dropped " + request.describeTarget() + " (" + request.source() + "): " + reason);
  }

  // ---------------------------------------------------------------- admission

  /** Starts every queued run that admission allows now, in line order. */
  void dispatch() {
    if (!started || stopping || globallyPaused || serviceHalt != null) {
      return;
    }
    Instant now = clock.instant();
    List<RunShape> running = new ArrayList<>();
    for (MaRuntime m : mas.values()) {
      if (m.current != null) {
        running.add(m.current.shape);
      } else if (m.outside != null) {
        running.add(m.outside.shape());
      }
    }
    List<MaRuntime> candidates = mas.values().stream()
        .filter(m -> !m.queue.isEmpty() && m.accepting() && !m.paused && m.haltReason == null)
        .sorted(Comparator.comparingLong(m -> m.queue.peek().orderKey))
        .toList();
    List<RunShape> ahead = new ArrayList<>();
    for (MaRuntime m : candidates) {
      QueuedRun head = m.queue.peek();
      if (m.reviews > 0) {
        noteWait(m, head, "controller script reviewing the last run of '" + m.name + "'");
        continue;
      }
      if (head.notBefore != null && now.isBefore(head.notBefore)) {
        noteWait(m, head, "retry not before " + head.notBefore);
        wakeUpAt(head.notBefore);
        continue;
      }
      RunShape shape = admission.shapeOf(m.agent, head.profile, head.exclusive);
      Admission.Decision decision = admission.decide(shape, running, ahead);
      if (decision.admitted() && lastStart != null && !settings.stagger().isZero()) {
        Instant allowed = lastStart.plus(settings.stagger());
        if (now.isBefore(allowed)) {
          decision = Admission.Decision.waitFor("stagger: next start at " + allowed);
          wakeUpAt(allowed);
        }
      }
      List<RunGuard> asked = decision.admitted() && !head.approved ? guards.of(m.name) : List.of();
      if (!asked.isEmpty()) {
        // Ask only now that it could start; keep its claim (as a waiting run would) meanwhile.
        ask(m, head, asked);
        noteWait(m, head, "asking " + String.join(" and ",
            asked.stream().map(RunGuard::name).toList()) + " whether it may run");
        ahead.add(shape);
      } else if (decision.admitted()) {
        m.queue.poll();
        head.approved = false;
        startRun(m, head, shape, now);
        running.add(shape);
      } else {
        noteWait(m, head, decision.reason());
        boolean blockedByItsOwnMa = m.current != null || m.outside != null;
        if (!blockedByItsOwnMa) {
          ahead.add(shape);
        }
      }
    }
  }

  private void noteWait(MaRuntime m, QueuedRun head, String reason) {
    if (!reason.equals(head.waitReason)) {
      head.waitReason = reason;
      event(Type.WAITING, Severity.DEBUG, m.name, head.profile.name(), null,
          "'" + head.profile.name() + "' waiting: " + reason);
    }
  }

  private void wakeUpAt(Instant time) {
    if (wakeupAt != null && !wakeupAt.isAfter(time) && wakeupAt.isAfter(clock.instant())) {
      return;
    }
    wakeupAt = time;
    scheduler.scheduleAt(time, () -> loop.post(() -> {
      if (time.equals(wakeupAt)) {
        wakeupAt = null;
      }
      dispatch();
    }));
  }

  // ---------------------------------------------------------------- controller scripts

  /** Asks the MA's guards, on a worker thread, whether {@code head} may run. */
  private void ask(MaRuntime m, QueuedRun head, List<RunGuard> asked) {
    if (head.asking) {
      return;
    }
    head.asking = true;
    ManagementAgent agent = m.agent;
    RunProfile profile = head.profile;
    spawnWorker("autosync-script-" + m.name, () -> {
      GuardCalls.Answer answer = GuardCalls.shouldExecute(asked, agent, profile);
      return () -> onAnswer(m, head, answer);
    });
  }

  /**
   * A proceed holds for the admission right after it: if the run cannot start then (another took
   * the slot meanwhile), the scripts are asked again when it can. A veto sets the run aside.
   */
  private void onAnswer(MaRuntime m, QueuedRun run, GuardCalls.Answer answer) {
    run.asking = false;
    reportLoadErrors(answer.loadErrors());
    ControllerDecision decision = answer.decision();
    if (!stopping && m.queue.contains(run)) {
      if (decision.proceeds()) {
        run.approved = true;
        dispatch();
        run.approved = false;
        return;
      }
      m.queue.remove(run);
      setAside(m, run, decision);
    }
    dispatch();
  }

  /**
   * Keeps a vetoed run out of the queue (so that the MA's other requests go on) and queues it
   * again after {@code vetoRetryInterval} to ask once more: a veto for a maintenance window must
   * not lose the import a trigger asked for, nor the sync its changes need.
   */
  private void setAside(MaRuntime m, QueuedRun run, ControllerDecision decision) {
    run.waitReason = null;
    boolean repeated = decision.reason().equals(run.vetoReason);
    run.vetoReason = decision.reason();
    QueuedRun carrier = run;
    for (QueuedRun other : m.setAside) {
      if (other.sameWorkAs(run)) {
        repeated |= decision.reason().equals(other.vetoReason);
        other.absorb(run);
        other.vetoReason = decision.reason();
        carrier = other;
        break;
      }
    }
    if (carrier == run) {
      m.setAside.add(run);
    }
    if (m.askAgain == null) {
      m.askAgainAt = clock.instant().plus(settings.vetoRetryInterval());
      m.askAgain = scheduler.schedule(settings.vetoRetryInterval(),
          () -> loop.post(() -> askAgain(m)));
    }
    Severity severity = repeated ? Severity.DEBUG
        : decision.failed() ? Severity.ALERT : Severity.WARNING;
    event(Type.RUN_VETOED, severity, m.name, run.profile.name(), null,
        "'" + run.profile.name() + "' vetoed (" + carrier.reasons() + "): " + decision.reason()
            + "; set aside, the script is asked again at " + m.askAgainAt);
  }

  /** Queues the set-aside runs again, in veto order; each is asked about when it could start. */
  private void askAgain(MaRuntime m) {
    m.askAgain = null;
    m.askAgainAt = null;
    if (m.setAside.isEmpty() || stopping || !m.accepting()) {
      return;
    }
    List<QueuedRun> runs = List.copyOf(m.setAside);
    m.setAside.clear();
    for (QueuedRun run : runs) {
      QueuedRun carrier = m.queue.offer(run, false);
      if (carrier != run && carrier.vetoReason == null) {
        carrier.vetoReason = run.vetoReason;
      }
    }
    event(Type.REQUEST_QUEUED, Severity.DEBUG, m.name, null, null, "queued again after a veto: "
        + runs.stream().map(r -> "'" + r.profile.name() + "'").toList()
        + "; the controller script is asked again when each could start");
    dispatch();
  }

  private List<QueuedRun> clearSetAside(MaRuntime m) {
    if (m.askAgain != null) {
      m.askAgain.cancel();
      m.askAgain = null;
    }
    m.askAgainAt = null;
    List<QueuedRun> dropped = List.copyOf(m.setAside);
    m.setAside.clear();
    return dropped;
  }

  /** Tells the MA's guards, on a worker thread, how a run went; {@code then} applies the rest. */
  private void review(MaRuntime m, List<RunGuard> told, RunDetails details, Runnable then) {
    m.reviews++;
    spawnWorker("autosync-script-" + m.name, () -> {
      GuardCalls.Answer answer = GuardCalls.executionComplete(told, details);
      return () -> {
        m.reviews--;
        applyReview(m, details, answer);
        then.run();
      };
    });
  }

  private void applyReview(MaRuntime m, RunDetails run, GuardCalls.Answer answer) {
    reportLoadErrors(answer.loadErrors());
    String which = "run " + run.runNumber() + " '" + run.profile() + "' of '" + m.name + "'";
    for (ControllerDecision d : answer.decisions()) {
      if (d.failed()) {
        event(Type.CONTROLLER_SCRIPT_FAILED, Severity.ALERT, m.name, run.profile(),
            run.runNumber(), "executionComplete of " + which + " failed: " + d.error()
                + "; the controller carries on");
      }
      switch (d.action()) {
        case HALT_MA -> halt(m, d.reason() + ", after " + which);
        case HALT_SERVICE -> haltService(d.reason() + ", after " + which);
        case PROCEED, VETO -> { }
      }
    }
  }

  private void reportLoadErrors(Map<String, @Nullable String> seen) {
    guards.newLoadErrors(seen).forEach((guard, error) -> {
      if (error != null) {
        event(Type.CONTROLLER_SCRIPT_FAILED, Severity.ALERT, null, null, null, error);
      } else {
        event(Type.CONTROLLER_SCRIPT_RECOVERED, Severity.INFO, null, null, null,
            guard + " loads again; its latest version answers");
      }
    });
  }

  /** Halts every MA at once: nothing starts until an operator resumes the service. */
  private void haltService(String reason) {
    if (serviceHalt != null) {
      event(Type.SERVICE_HALTED, Severity.WARNING, null, null, null,
          "already halted (" + serviceHalt + "); also asked: " + reason);
      return;
    }
    serviceHalt = reason;
    persist();
    long running = mas.values().stream().filter(r -> r.current != null).count();
    event(Type.SERVICE_HALTED, Severity.ALERT, null, null, null, "service halted: " + reason
        + "; no run starts on any MA until an operator resumes the service"
        + (running > 0 ? "; " + running + " run(s) in progress finish" : ""));
  }

  void resumeService() {
    if (serviceHalt != null) {
      serviceHalt = null;
      persist();
      event(Type.SERVICE_RESUMED, Severity.INFO, null, null, null,
          "service resumed; MAs halted on their own stay halted");
    }
    dispatch();
  }

  @Nullable String serviceHalt() {
    return serviceHalt;
  }

  /** Whether {@code value} needs the MA's guard opened anew (or closed). */
  boolean guardChanges(MaSettings value) {
    return guards.changes(value);
  }

  /** Whether {@code value} needs the global guard opened anew (or closed). */
  boolean globalGuardChanges(@Nullable ControllerScriptSettings value) {
    return guards.changesGlobal(value);
  }

  /** Replaces the global controller script (a configuration reload). */
  void replaceGlobalGuard(@Nullable ControllerScriptSettings value, @Nullable RunGuard guard) {
    closeLater(guards.replaceGlobal(value, guard));
    event(Type.CONFIG_RELOADED, Severity.INFO, null, null, null, value == null
        ? "no global controller script any more"
        : "global controller script is now '" + value.script() + "'");
    dispatch();
  }

  /** Removes every guard, for the owner to close once the controller thread has stopped. */
  List<RunGuard> takeGuards() {
    return guards.takeAll();
  }

  /** Closes a replaced guard off the controller thread (it may wait for a call in progress). */
  private void closeLater(@Nullable RunGuard guard) {
    if (guard != null) {
      loop.spawn("autosync-script-close", guard::close);
    }
  }

  // ---------------------------------------------------------------- runs

  private void startRun(MaRuntime m, QueuedRun request, RunShape shape, Instant now) {
    ActiveRun run = new ActiveRun(request, shape, now);
    m.current = run;
    m.launches++;
    m.countStepStarts(request.profile);
    lastStart = now;
    Duration limit =
        m.settings.timeLimits().getOrDefault(request.profile.name(), settings.defaultTimeLimit());
    run.timeLimit = scheduler.schedule(limit, () -> loop.post(() -> onTimeLimit(m, run, limit)));
    event(Type.RUN_STARTED, Severity.INFO, m.name, request.profile.name(), null,
        "started '" + request.profile.name() + "'" + (request.exclusive ? " exclusive" : "")
            + " (" + request.reasons() + ")"
            + (request.retryAttempts + request.busyAttempts > 0
                ? "; attempt " + (1 + request.retryAttempts + request.busyAttempts) : ""));
    String ma = m.name;
    String profile = request.profile.name();
    List<StagingThreshold> thresholds = m.settings.thresholds();
    loop.spawn("autosync-ma-" + ma, () -> {
      RunResult result;
      String error = null;
      try {
        result = engine.run(ma, profile);
      } catch (RuntimeException e) {
        error = "engine failed to run '" + profile + "': " + e;
        result = RunResult.notRecorded(ResultCodes.CONNECTION_FAILURE);
      }
      RunOutcome outcome = watch.collect(ma, result, thresholds, error);
      loop.post(() -> onRunEnded(m, run, outcome));
    });
  }

  private void onRunEnded(MaRuntime m, ActiveRun run, RunOutcome outcome) {
    m.current = null;
    if (run.timeLimit != null) {
      run.timeLimit.cancel();
    }
    QueuedRun request = run.request;
    String result = outcome.result().result();
    ResultClass cls = ResultCodes.classify(result);
    Long runNumber = outcome.result().runNumber().isPresent()
        ? outcome.result().runNumber().getAsLong() : null;
    if (runNumber != null) {
      if (runNumber > m.lastSeenRun + 1) {
        watch.fetchHistory(m, m.lastSeenRun + 1, runNumber - 1);
      }
      m.lastSeenRun = Math.max(m.lastSeenRun, runNumber);
    }
    Duration took = Duration.between(run.started, clock.instant());
    m.message = (runNumber == null ? "" : "run " + runNumber + " ") + "'"
        + request.profile.name() + "' ended " + result;
    event(Type.RUN_ENDED, severityOf(cls), m.name, request.profile.name(), runNumber,
        m.message + " (" + cls + ") after " + took.toMillis() + " ms"
            + summary(outcome.details()));
    if (outcome.error() != null) {
      event(Type.ENGINE_ERROR, Severity.ALERT, m.name, request.profile.name(), runNumber,
          outcome.error());
    }
    Runnable rest = () -> {
      applyOutcome(m, outcome, request.orderKey);
      if (!stopping) {
        handleResult(m, request, cls, result, outcome, run.timeLimitHit);
      }
      maybeDrained();
      dispatch();
    };
    List<RunGuard> told = guards.of(m.name);
    if (told.isEmpty() || outcome.details() == null) {
      rest.run();
      return;
    }
    // The run's slots are free for other MAs while the scripts review it; its follow-ups (and
    // anything else of this MA) wait for their verdict, so that a halt comes before the sync.
    review(m, told, outcome.details(), rest);
    dispatch();
  }

  /** Follow-ups, thresholds and notes of a run ended, ours or someone else's. */
  private void applyOutcome(MaRuntime m, RunOutcome outcome, @Nullable Long orderKey) {
    Long runNumber = outcome.details() == null ? null : outcome.details().runNumber();
    for (String note : outcome.notes()) {
      event(Type.FOLLOW_UP_PLANNED, Severity.DEBUG, m.name, null, runNumber, note);
    }
    if (outcome.details() == null && outcome.result().runNumber().isPresent()) {
      watch.reconcile(acceptingMas(), "run details of '" + m.name + "' unavailable");
    }
    if (!outcome.breaches().isEmpty()) {
      String reason = String.join("; ", outcome.breaches());
      event(Type.THRESHOLD_BREACHED, Severity.ALERT, m.name, null, runNumber,
          "staging threshold breached: " + reason);
      halt(m, "staging threshold breached: " + reason);
    }
    if (stopping) {
      return;
    }
    List<FollowUpPlanner.Planned> front = new ArrayList<>();
    List<FollowUpPlanner.Planned> back = new ArrayList<>();
    for (FollowUpPlanner.Planned p : outcome.followUps()) {
      (p.request().front() ? front : back).add(p);
    }
    // Front follow-ups go to the head one by one, so queue the last first to keep their order.
    for (int i = front.size() - 1; i >= 0; i--) {
      submit(front.get(i).request(), orderKey);
    }
    for (FollowUpPlanner.Planned p : back) {
      submit(p.request(), orderKey);
    }
  }

  private void handleResult(MaRuntime m, QueuedRun request, ResultClass cls, String result,
      RunOutcome outcome, boolean timeLimitHit) {
    switch (cls) {
      case TRANSIENT -> {
        request.retryAttempts++;
        retryOrGiveUp(m, request, settings.retry(), request.retryAttempts, result);
      }
      case BUSY -> {
        request.busyAttempts++;
        retryOrGiveUp(m, request, settings.busyRetry(), request.busyAttempts, result);
        watch.checkEngine(ResultCodes.NO_START_MA_ALREADY_RUNNING.equals(result)
            ? List.of(m.name) : mas.keySet());
      }
      case NEEDS_FULL_IMPORT -> fullImportInstead(m, request, result, outcome);
      case LIMITS, FATAL -> event(Type.RUN_ENDED, Severity.ALERT, m.name,
          request.profile.name(), null, "'" + request.profile.name() + "' failed with '" + result
              + "' (" + cls + "): not retried; needs an operator");
      case STOPPED_BY_USER -> {
        if (!timeLimitHit) {
          event(Type.RUN_ENDED, Severity.WARNING, m.name, request.profile.name(), null,
              "'" + request.profile.name() + "' was stopped by someone; not retried");
        }
      }
      case SUCCESS, COMPLETED_WITH_ERRORS, DISCOVERY_ERRORS -> { }
    }
  }

  private void retryOrGiveUp(MaRuntime m, QueuedRun request, RetryPolicy policy, int attempt,
      String result) {
    if (!policy.allows(attempt)) {
      event(Type.RETRIES_EXHAUSTED, Severity.ALERT, m.name, request.profile.name(), null,
          "'" + request.profile.name() + "' ended '" + result + "' " + attempt
              + " time(s); giving up after " + policy.maxAttempts() + " retries");
      return;
    }
    Duration delay = policy.delay(attempt, random);
    request.notBefore = clock.instant().plus(delay);
    request.waitReason = null;
    m.queue.requeueFront(request);
    wakeUpAt(request.notBefore);
    event(Type.RETRY_SCHEDULED, Severity.WARNING, m.name, request.profile.name(), null,
        "'" + request.profile.name() + "' ended '" + result + "'; retry " + attempt + " of "
            + policy.maxAttempts() + " in " + delay.toMillis() + " ms");
  }

  private void fullImportInstead(MaRuntime m, QueuedRun request, String result,
      RunOutcome outcome) {
    String partition = outcome.details() != null && !outcome.details().steps().isEmpty()
        ? outcome.details().steps().getLast().partition()
        : request.profile.steps().stream().filter(s -> s.kind().isImport()).findFirst()
            .orElse(request.profile.steps().getFirst()).partition();
    if (m.mappings.profileFor(partition, org.autosync.api.ProfileType.FULL_IMPORT).isEmpty()) {
      event(Type.RUN_ENDED, Severity.ALERT, m.name, request.profile.name(), null,
          "'" + request.profile.name() + "' ended '" + result + "' and partition '" + partition
              + "' has no FullImport profile mapped; run a full import by hand");
      return;
    }
    submit(ExecutionRequest.ofType(m.name, org.autosync.api.ProfileType.FULL_IMPORT, partition)
        .withFront(true)
        .withSource(RequestSource.followUp(m.name, outcome.details() == null ? 0
            : outcome.details().runNumber(), "'" + request.profile.name() + "' ended '" + result
            + "', so a full import of '" + partition + "' is needed")), request.orderKey);
  }

  private void onTimeLimit(MaRuntime m, ActiveRun run, Duration limit) {
    if (m.current != run) {
      return;
    }
    run.timeLimitHit = true;
    event(Type.TIME_LIMIT_EXCEEDED, Severity.ALERT, m.name, run.request.profile.name(), null,
        "'" + run.request.profile.name() + "' exceeded its time limit of " + limit
            + "; stopping it in the engine");
    stopInEngine(m.name);
  }

  private void stopInEngine(String ma) {
    spawnWorker("autosync-stop-" + ma, () -> {
      String error = null;
      try {
        engine.stop(ma);
      } catch (RuntimeException e) {
        error = "could not stop the run on '" + ma + "': " + e.getMessage();
      }
      String failure = error;
      return () -> {
        if (failure != null) {
          event(Type.ENGINE_ERROR, Severity.ALERT, ma, null, null, failure);
        }
      };
    });
  }

  // ---------------------------------------------------------------- the engine's view

  /** Reads the engine's status of {@code names} to notice runs started outside AutoSync. */
  void checkEngine(Collection<String> names) {
    watch.checkEngine(names);
  }

  /**
   * Runs an engine query on a worker thread; its result is a task applied on the controller
   * thread. Counted so that stop and quiet know about queries in flight.
   */
  private void spawnWorker(String threadName, java.util.function.Supplier<Runnable> query) {
    workers++;
    loop.spawn(threadName, () -> {
      Runnable apply;
      try {
        apply = query.get();
      } catch (RuntimeException e) {
        String message = "engine query failed: " + e;
        apply = () -> event(Type.ENGINE_ERROR, Severity.WARNING, null, null, null, message);
      }
      Runnable then = apply;
      loop.post(() -> {
        workers--;
        then.run();
        maybeDrained();
      });
    });
  }

  // ---------------------------------------------------------------- operator

  void halt(String ma, String reason) {
    halt(require(ma), reason);
  }

  private void halt(MaRuntime m, String reason) {
    m.haltReason = reason;
    persist();
    event(Type.MA_HALTED, Severity.ALERT, m.name, null, null,
        "halted: " + reason + "; " + m.queue.size() + " queued run(s) wait for an operator to"
            + " resume");
  }

  void resume(String ma) {
    MaRuntime m = require(ma);
    if (m.haltReason != null || m.paused) {
      m.haltReason = null;
      m.paused = false;
      persist();
      event(Type.MA_RESUMED, Severity.INFO, m.name, null, null,
          "resumed; " + m.queue.size() + " queued run(s)");
    }
    dispatch();
  }

  void pause(String ma) {
    MaRuntime m = require(ma);
    m.paused = true;
    persist();
    event(Type.MA_PAUSED, Severity.INFO, m.name, null, null,
        "paused; requests keep queueing and run after resume");
  }

  void pauseAll(boolean paused) {
    globallyPaused = paused;
    persist();
    event(paused ? Type.MA_PAUSED : Type.MA_RESUMED, Severity.INFO, null, null, null,
        paused ? "all MAs paused; requests keep queueing" : "all MAs resumed");
    dispatch();
  }

  void stopMa(String ma, boolean cancelRun) {
    MaRuntime m = require(ma);
    m.stopped = true;
    List<QueuedRun> dropped = new ArrayList<>(m.queue.clear());
    dropped.addAll(clearSetAside(m));
    event(Type.MA_STOPPED, Severity.INFO, m.name, null, null, "stopped; " + dropped.size()
        + " queued run(s) discarded" + (m.current != null && cancelRun
            ? "; stopping the run in progress" : ""));
    if (cancelRun && m.current != null) {
      stopInEngine(m.name);
    }
  }

  /**
   * Replaces one MA's settings (a configuration reload): its queue is discarded (it was resolved
   * with the old mappings), admission takes the new lockWith, and the MA reconciles its pending
   * work. A run in progress finishes under the new settings' rules for what follows. Runs set
   * aside after a veto are discarded with the queue.
   *
   * @param replaceGuard whether the MA's controller script changed: {@code guard} (opened by the
   *     caller for the new settings; null for none) replaces the old one, closed off this thread
   */
  void reconfigureMa(MaSettings value, boolean replaceGuard, @Nullable RunGuard guard) {
    MaRuntime m = require(value.name());
    for (String other : value.lockWith()) {
      require(other);
    }
    if (replaceGuard) {
      closeLater(guards.replace(m.name, Guards.wanted(value), guard));
    } else if (guard != null) {
      closeLater(guard);
    }
    List<QueuedRun> dropped = new ArrayList<>(m.queue.clear());
    dropped.addAll(clearSetAside(m));
    m.reconfigure(value);
    m.stopped = !value.enabled();
    Map<String, java.util.Set<String>> lockWith = new LinkedHashMap<>();
    mas.values().forEach(r -> lockWith.put(r.name, r.settings.lockWith()));
    admission = new Admission(settings.runMode(), settings.fimExportTakesSyncSlot(), lockWith);
    event(value.enabled() ? Type.MA_STARTED : Type.MA_STOPPED, Severity.INFO, m.name, null, null,
        "reconfigured" + (value.enabled() ? "" : " (disabled)") + "; " + dropped.size()
            + " queued run(s) discarded and rebuilt from the engine's pending work");
    if (m.accepting()) {
      watch.reconcile(List.of(m.name), "reconciliation after reconfiguring '" + m.name + "'");
    }
    dispatch();
  }

  void startMa(String ma) {
    MaRuntime m = require(ma);
    if (!m.settings.enabled()) {
      throw new IllegalStateException("MA '" + ma + "' is disabled in configuration");
    }
    if (m.stopped) {
      m.stopped = false;
      event(Type.MA_STARTED, Severity.INFO, m.name, null, null, "started");
      watch.reconcile(List.of(m.name), "reconciliation at start of '" + m.name + "'");
    }
  }

  private MaRuntime require(String ma) {
    MaRuntime m = mas.get(ma);
    if (m == null) {
      throw new IllegalArgumentException("Unknown MA '" + ma + "'; known: " + mas.keySet());
    }
    return m;
  }

  // ---------------------------------------------------------------- status

  List<MaStatus> status() {
    return mas.values().stream().map(this::statusOf).toList();
  }

  MaStatus status(String ma) {
    return statusOf(require(ma));
  }

  private MaStatus statusOf(MaRuntime m) {
    MaState state;
    String detail;
    QueuedRun head = m.queue.peek();
    if (!m.settings.enabled()) {
      state = MaState.DISABLED;
      detail = "disabled in configuration";
    } else if (m.stopped) {
      state = MaState.STOPPED;
      detail = "stopped";
    } else if (m.haltReason != null) {
      state = MaState.HALTED;
      detail = m.haltReason;
    } else if (serviceHalt != null) {
      state = MaState.HALTED;
      detail = "service halted: " + serviceHalt;
    } else if (m.current != null) {
      state = MaState.RUNNING;
      detail = "running '" + m.current.request.profile.name() + "' ("
          + m.current.request.reasons() + ")";
    } else if (m.outside != null) {
      state = MaState.OUTSIDE_RUN;
      detail = "'" + m.outside.profile() + "' started outside AutoSync is running";
    } else if (m.paused || globallyPaused) {
      state = MaState.PAUSED;
      detail = m.paused ? "paused by an operator" : "all MAs paused";
    } else if (head != null) {
      state = MaState.WAITING;
      detail = head.waitReason == null ? "queued" : "waiting: " + head.waitReason;
    } else if (!m.setAside.isEmpty()) {
      QueuedRun first = m.setAside.getFirst();
      state = MaState.WAITING;
      detail = "'" + first.profile.name() + "' vetoed: " + first.vetoReason
          + "; the script is asked again at " + m.askAgainAt;
    } else {
      state = MaState.IDLE;
      detail = "idle";
    }
    MaStatus.CurrentRun current = null;
    if (m.current != null) {
      current = new MaStatus.CurrentRun(m.current.request.profile.name(), m.current.started,
          false, m.current.request.reasons());
    } else if (m.outside != null) {
      current = new MaStatus.CurrentRun(m.outside.profile(), m.outside.noticed(), true,
          "started outside AutoSync");
    }
    return new MaStatus(m.name, state, detail, m.message, current,
        m.queue.snapshot().stream().map(QueuedRun::view).toList(),
        m.setAside.stream().map(r -> r.setAsideView(m.askAgainAt)).toList());
  }

  /** Nothing running, held, queued or being read from the engine. */
  boolean isQuiet() {
    return workers == 0
        && mas.values().stream()
            .allMatch(m -> m.current == null && m.outside == null && m.queue.isEmpty());
  }

  // ---------------------------------------------------------------- helpers

  private List<String> acceptingMas() {
    return mas.values().stream().filter(MaRuntime::accepting).map(m -> m.name).toList();
  }

  static Severity severityOf(ResultClass cls) {
    return switch (cls) {
      case SUCCESS -> Severity.INFO;
      case COMPLETED_WITH_ERRORS, DISCOVERY_ERRORS, BUSY, TRANSIENT, STOPPED_BY_USER ->
          Severity.WARNING;
      case NEEDS_FULL_IMPORT, LIMITS, FATAL -> Severity.ALERT;
    };
  }

  static String summary(@Nullable RunDetails d) {
    if (d == null) {
      return "";
    }
    StringBuilder sb = new StringBuilder();
    d.steps().forEach(s -> {
      List<String> parts = new ArrayList<>();
      if (s.kind().isImport()) {
        parts.add("staged " + s.staging().changes());
      }
      s.outboundTargets().forEach(t -> parts.add(
          "outbound to '" + t + "' " + s.outbound().get(t).changes()));
      if (s.kind().isExport()) {
        var e = s.export();
        long written = e.add() + e.update() + e.rename() + e.delete() + e.deleteAdd();
        parts.add("exported " + written + (e.failure() > 0 ? ", " + e.failure() + " failed" : ""));
      }
      if (!s.errors().isEmpty()) {
        parts.add(s.errors().size() + " error(s)");
      }
      if (!parts.isEmpty()) {
        sb.append("; step ").append(s.stepNumber()).append(' ').append(String.join(", ", parts));
      }
    });
    return sb.toString();
  }

  private void event(Type type, Severity severity, @Nullable String ma, @Nullable String profile,
      @Nullable Long runNumber, String message) {
    journal.publish(clock.instant(), type, severity, ma, profile, runNumber, message);
  }
}
