package org.autosync.testkit;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiFunction;
import java.util.function.Predicate;
import org.autosync.api.engine.EngineException;
import org.autosync.api.engine.EngineMaStatus;
import org.autosync.api.engine.ManagementAgent;
import org.autosync.api.engine.PendingWork;
import org.autosync.api.engine.ProfileStep;
import org.autosync.api.engine.ResultCodes;
import org.autosync.api.engine.RunDetails;
import org.autosync.api.engine.RunEventSource;
import org.autosync.api.engine.RunListener;
import org.autosync.api.engine.RunProfile;
import org.autosync.api.engine.RunResult;
import org.autosync.api.engine.StepDetails;
import org.autosync.api.engine.SyncEngine;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A fake sync engine with a small, realistic model of pending work, the engine's concurrency rules,
 * run history, and per-run scripting, so that a controller's follow-up planning runs naturally.
 *
 * <pre>{@code
 * FakeEngine engine = FakeEngine.builder()
 *     .ma("HR", ma -> ma.category("LDAP").standardProfiles())
 *     .ma("AD", ma -> ma.category("AD").partitions("DC=corp", "DC=res").standardProfiles())
 *     .flow("HR", "AD")                       // HR's synced changes become AD exports
 *     .build();
 * engine.changeInConnectedSystem("HR", "default", 3);
 * engine.run("HR", "DI");                     // stages 3 updates
 * engine.run("HR", "DS");                     // outbound connector-flow 3 for AD
 * engine.run("AD", "E:DC=corp");              // exports 3, now unconfirmed
 * engine.run("AD", "DI:DC=corp");             // stages the 3 echoes
 * engine.run("AD", "DS:DC=corp");             // connector-no-flow 3, nothing outbound
 * assertTrue(engine.isQuiet());
 * }</pre>
 *
 * <h2>Model</h2>
 *
 * Per MA and partition the engine counts changes waiting in the connected system, staged imports
 * (and how many of them are echoes of our own exports), pending exports and unconfirmed exports.
 * A run does its work when it ends, step by step:
 *
 * <ul>
 *   <li><b>import</b> (full or delta, or the import part of a combined step): stages the system's
 *       waiting changes plus every unconfirmed export (as echoes) as updates, clearing both;
 *       staging counters {@code update} = what it staged, {@code noChange} = the rest of the
 *       connector space for a full import, 0 for a delta import;
 *   <li><b>sync</b> (delta or full): processes the partition's staged imports; the {@code n} that
 *       are not echoes flow to every {@link FakeEngineBuilder#flow flow} target {@code T}
 *       (outbound {@code connectorFlow = n} for {@code T}, {@code T}'s pending exports += n);
 *       inbound {@code connectorFlow = n}, {@code connectorNoFlow} = echoes;
 *   <li><b>export</b>: writes every pending export ({@code update} = how many) and makes them
 *       unconfirmed.
 * </ul>
 *
 * <h2>Results and scripting</h2>
 *
 * Every run takes its result and duration from the next {@link #onRun script} queued for its MA and
 * profile, else from {@link #defaultResult} ({@code success}) and {@link #defaultDuration} (zero:
 * no waiting at all). {@code success} and {@code completed-*} apply the model; {@code no-start-*}
 * results end the run without effect and without a run number; any other result is recorded
 * without effect, with its first step carrying the result. {@link #stop} ends a run in progress
 * with {@link ResultCodes#STOPPED_USER_TERMINATION}, recorded, without effect.
 *
 * <h2>Engine rules</h2>
 *
 * Checked atomically when a run asks to start, as a real engine does: a second run on a running MA
 * gets {@link ResultCodes#NO_START_MA_ALREADY_RUNNING}; a profile with a sync step while another
 * run with a sync step is in progress gets {@link ResultCodes#NO_START_SYNC_ALREADY_RUNNING}; an
 * unknown MA or profile gets {@link ResultCodes#NO_START_UNKNOWN_PROFILE_NAME}. These refusals
 * return {@code RunResult.notRecorded}, leave queued scripts untouched and are kept in {@link
 * #refusals()}, so a test can prove that its controller never caused one. Every admitted run is
 * kept in {@link #runs()} when it ends, with engine-wide sequence numbers for overlap checks.
 *
 * <h2>Listeners</h2>
 *
 * {@link RunListener}s hear {@code runStarted} once a run is admitted and {@code runEnded} once it
 * is in the history, on the run's thread and never while the engine holds its lock; runs that end
 * unrecorded ({@code no-start-*}) are not reported. Runs started with {@link #startOutside} are
 * reported like any other.
 *
 * <p><b>Threading:</b> thread-safe. {@link #run} blocks for the run's duration (or gate) on the
 * caller's thread; any number of MAs may run at once on their own threads while other threads call
 * every other method, none of which blocks except the {@code await*} methods. One lock guards the
 * model; it is never held while a run waits, while listeners are told, or while a test waits.
 */
public final class FakeEngine implements SyncEngine, RunEventSource {

  private static final Logger LOG = LoggerFactory.getLogger(FakeEngine.class);

  private final FakeModel model;
  private final List<ManagementAgent> agents;
  private final InstantSource clock;
  private final ReentrantLock lock = new ReentrantLock();
  private final Map<String, ActiveRun> active = new HashMap<>();
  private final Map<String, ArrayDeque<RunScript>> scripts = new HashMap<>();
  private final RunJournal journal = new RunJournal();
  private final Listeners listeners = new Listeners();
  private final AtomicInteger outsideThreads = new AtomicInteger();
  private volatile BiFunction<String, String, Duration> defaultDuration;
  private volatile BiFunction<String, String, String> defaultResult;

  FakeEngine(FakeModel model, InstantSource clock,
      BiFunction<String, String, Duration> defaultDuration,
      BiFunction<String, String, String> defaultResult) {
    this.model = model;
    this.agents = model.mas.values().stream().map(m -> m.agent).toList();
    this.clock = clock;
    this.defaultDuration = defaultDuration;
    this.defaultResult = defaultResult;
  }

  /** Starts describing a fake engine. */
  public static FakeEngineBuilder builder() {
    return new FakeEngineBuilder();
  }

  // ---- SyncEngine ----

  @Override
  public String name() {
    return "fake";
  }

  @Override
  public List<ManagementAgent> managementAgents() {
    return agents;
  }

  @Override
  public EngineMaStatus status(String ma) {
    lock.lock();
    try {
      MaState m = engineMa(ma);
      ActiveRun run = active.get(ma);
      if (run != null) {
        return EngineMaStatus.running(run.profile.name(), m.lastRunNumber());
      }
      RunDetails last = m.lastRun();
      return last == null
          ? EngineMaStatus.idle(null, null, 0)
          : EngineMaStatus.idle(last.profile(), last.result(), last.runNumber());
    } finally {
      lock.unlock();
    }
  }

  @Override
  public RunResult run(String ma, String profile) {
    return execute(ma, profile, false);
  }

  @Override
  public void stop(String ma) {
    lock.lock();
    try {
      engineMa(ma);
      ActiveRun run = active.get(ma);
      if (run != null) {
        LOG.debug("Stopping '{}' on '{}'", run.profile.name(), ma);
        run.requestStop();
      }
    } finally {
      lock.unlock();
    }
  }

  @Override
  public Optional<RunDetails> runDetails(String ma, long runNumber) {
    lock.lock();
    try {
      return engineMa(ma).run(runNumber);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public PendingWork pendingWork(String ma) {
    lock.lock();
    try {
      return engineMa(ma).pendingWork();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public OptionalLong connectorSpaceSize(String ma, String partition) {
    lock.lock();
    try {
      PartitionState p = engineMa(ma).partition(partition);
      return p == null ? OptionalLong.empty() : OptionalLong.of(p.connectorSpaceSize);
    } finally {
      lock.unlock();
    }
  }

  /** Stops every run in progress, so that no test thread stays blocked; idempotent. */
  @Override
  public void close() {
    lock.lock();
    try {
      active.values().forEach(ActiveRun::requestStop);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public AutoCloseable subscribe(RunListener listener) {
    return listeners.add(Objects.requireNonNull(listener, "listener"));
  }

  // ---- scripting ----

  /**
   * Scripts the next run of {@code profile} on {@code ma} that the engine admits. Scripts queue per
   * MA and profile and are used in order; runs without a script use the defaults.
   *
   * @throws IllegalArgumentException when the MA or profile does not exist
   */
  public RunScript onRun(String ma, String profile) {
    lock.lock();
    try {
      MaState m = model.requireMa(ma);
      RunProfile p = m.profile(profile).orElseThrow(() -> new IllegalArgumentException(
          "Management agent '" + ma + "' has no run profile '" + profile + "'; known: "
              + m.agent.runProfiles().stream().map(RunProfile::name).toList()));
      RunScript script = new RunScript(ma, p, model.mas.keySet());
      scripts.computeIfAbsent(key(ma, profile), k -> new ArrayDeque<>()).add(script);
      return script;
    } finally {
      lock.unlock();
    }
  }

  /**
   * How long unscripted runs take, by MA and profile (for randomized tests); called while the
   * engine holds its lock, so it must be quick. The default is zero: no waiting at all.
   */
  public FakeEngine defaultDuration(BiFunction<String, String, Duration> durationByMaAndProfile) {
    this.defaultDuration = Objects.requireNonNull(durationByMaAndProfile, "durationByMaAndProfile");
    return this;
  }

  /**
   * The result of unscripted runs, by MA and profile; called while the engine holds its lock, so it
   * must be quick. The default is {@code success}.
   */
  public FakeEngine defaultResult(BiFunction<String, String, String> resultByMaAndProfile) {
    this.defaultResult = Objects.requireNonNull(resultByMaAndProfile, "resultByMaAndProfile");
    return this;
  }

  /**
   * Runs {@code profile} on {@code ma} on a new thread, as if someone started it outside AutoSync.
   * Scripts, rules and listeners apply as to any run; its record is flagged {@code outside}.
   *
   * @return completes with the run's result when the run ends
   */
  public CompletableFuture<RunResult> startOutside(String ma, String profile) {
    CompletableFuture<RunResult> future = new CompletableFuture<>();
    Thread.ofPlatform()
        .name("fake-engine-outside-" + ma + "-" + outsideThreads.incrementAndGet())
        .daemon()
        .start(() -> {
          try {
            future.complete(execute(ma, profile, true));
          } catch (Throwable t) {
            future.completeExceptionally(t);
          }
        });
    return future;
  }

  // ---- test hooks ----

  /** Adds {@code n} changes waiting in the partition's connected system, for the next import. */
  public void changeInConnectedSystem(String ma, String partition, long n) {
    requireNonNegative(n);
    withPartition(ma, partition, p -> p.changesInSystem += n);
  }

  /** Sets the partition's connector-space size (the default is 100). */
  public void setConnectorSpaceSize(String ma, String partition, long n) {
    requireNonNegative(n);
    withPartition(ma, partition, p -> p.connectorSpaceSize = n);
  }

  /** Changes waiting in the partition's connected system. */
  public long changesWaiting(String ma, String partition) {
    return readPartition(ma, partition, p -> p.changesInSystem);
  }

  /** Staged imports of the partition, echoes included. */
  public long staged(String ma, String partition) {
    return readPartition(ma, partition, p -> p.staged);
  }

  /** Pending (unexported) exports of the partition. */
  public long pendingExports(String ma, String partition) {
    return readPartition(ma, partition, p -> p.pendingExports);
  }

  /** Exported changes of the partition that no import has confirmed yet. */
  public long unconfirmed(String ma, String partition) {
    return readPartition(ma, partition, p -> p.unconfirmed);
  }

  /**
   * Whether nothing is left to do anywhere: no change waiting in a connected system and nothing
   * staged, pending or unconfirmed. Says nothing about runs in progress (see {@link #isIdle}).
   */
  public boolean isQuiet() {
    lock.lock();
    try {
      return model.isQuiet();
    } finally {
      lock.unlock();
    }
  }

  /** Whether no run is in progress on any MA. */
  public boolean isIdle() {
    lock.lock();
    try {
      return active.isEmpty();
    } finally {
      lock.unlock();
    }
  }

  /** The model's counts, one line per MA and partition, for assertion messages. */
  public String describeModel() {
    lock.lock();
    try {
      return model.describe();
    } finally {
      lock.unlock();
    }
  }

  // ---- records ----

  /** Every admitted run that has ended, in the order they ended. */
  public List<RunRecord> runs() {
    return journal.runs();
  }

  /** Every run the engine refused by its own rules, oldest first. */
  public List<Refusal> refusals() {
    return journal.refusals();
  }

  /**
   * Blocks until at least {@code count} runs have ended (the calling thread waits on a condition;
   * nothing polls).
   *
   * @return the runs that have ended
   * @throws AssertionError listing the runs that did end when the time is up
   */
  public List<RunRecord> awaitRuns(int count, Duration timeout) {
    return journal.awaitRuns(count, timeout, this::runningNow);
  }

  /**
   * Blocks until a run that matches {@code condition} has ended.
   *
   * @return the first such run
   * @throws AssertionError listing the runs that did end when the time is up
   */
  public RunRecord awaitRun(Predicate<RunRecord> condition, Duration timeout) {
    return journal.awaitRun(condition, timeout, this::runningNow);
  }

  // ---- running ----

  private RunResult execute(String ma, String profile, boolean outside) {
    Objects.requireNonNull(ma, "ma");
    Objects.requireNonNull(profile, "profile");
    ActiveRun run;
    lock.lock();
    try {
      String refusal = admissionRefusal(ma, profile);
      if (refusal != null) {
        Map<String, String> running = runningProfiles();
        journal.refused(
            new Refusal(ma, profile, refusal, running, outside, journal.nextSeq()));
        LOG.info("Refused '{}' on '{}': {} (running: {})", profile, ma, refusal, running);
        return RunResult.notRecorded(refusal);
      }
      run = admit(model.requireMa(ma), profile, outside);
    } finally {
      lock.unlock();
    }
    boolean interrupted = false;
    RunRecord record;
    try {
      if (!run.isNoStart()) {
        listeners.started(ma, profile);
      }
      RunGate gate = run.script.gate();
      if (gate != null) {
        gate.markStarted();
      }
      interrupted = !run.awaitGateAndDuration();
      if (interrupted) {
        run.requestStop();
      }
    } finally {
      record = finish(run);
    }
    Long runNumber = record.runNumber();
    if (runNumber != null) {
      listeners.ended(ma, runNumber, record.result());
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    return runNumber == null
        ? RunResult.notRecorded(record.result())
        : RunResult.of(record.result(), runNumber);
  }

  /** The engine's refusal of a run, or null when it may start. Called under the lock. */
  private @Nullable String admissionRefusal(String ma, String profile) {
    MaState m = model.ma(ma);
    RunProfile p = m == null ? null : m.profile(profile).orElse(null);
    if (m == null || p == null) {
      return ResultCodes.NO_START_UNKNOWN_PROFILE_NAME;
    }
    if (active.containsKey(ma)) {
      return ResultCodes.NO_START_MA_ALREADY_RUNNING;
    }
    if (p.hasSync() && active.values().stream().anyMatch(r -> r.profile.hasSync())) {
      return ResultCodes.NO_START_SYNC_ALREADY_RUNNING;
    }
    return null;
  }

  /** Takes the run's script and marks it running. Called under the lock. */
  private ActiveRun admit(MaState m, String profile, boolean outside) {
    RunProfile p = m.profile(profile).orElseThrow();
    ArrayDeque<RunScript> queue = scripts.get(key(m.name(), profile));
    RunScript next = queue == null ? null : queue.poll();
    ScriptedRun script = next == null ? ScriptedRun.NONE : next.freeze();
    String result = script.result() != null
        ? script.result()
        : Objects.requireNonNull(defaultResult.apply(m.name(), profile), "default result");
    Duration duration = script.duration() != null
        ? script.duration()
        : Objects.requireNonNull(defaultDuration.apply(m.name(), profile), "default duration");
    ActiveRun run = new ActiveRun(m, p, outside, script, result, duration, journal.nextSeq(),
        System.nanoTime(), clock.instant());
    active.put(m.name(), run);
    LOG.debug("Started '{}' on '{}'{}", profile, m.name(), outside ? " (outside)" : "");
    return run;
  }

  /** Ends the run: applies its work, records it, frees the MA. Takes the lock. */
  private RunRecord finish(ActiveRun run) {
    lock.lock();
    try {
      MaState m = run.ma;
      active.remove(m.name());
      boolean stopped = run.stopRequested();
      String result = stopped ? ResultCodes.STOPPED_USER_TERMINATION : run.result;
      Long runNumber = null;
      if (stopped || !run.isNoStart()) {
        Instant end = clock.instant();
        List<StepDetails> steps = !stopped && run.appliesModel()
            ? model.applyRun(m, run.profile, run.script, result, run.start, end)
            : FakeModel.unappliedRun(m, run.profile, result, run.start, end);
        runNumber = m.nextRunNumber();
        m.record(new RunDetails(runNumber, m.name(), run.profile.name(), result, run.start, end,
            steps));
      }
      RunRecord record = new RunRecord(m.name(), run.profile.name(), runNumber, result,
          run.startSeq, journal.nextSeq(), run.startNanos, System.nanoTime(), run.outside,
          run.profile.hasSync(), run.profile.steps().stream().map(ProfileStep::kind).toList());
      journal.ended(record);
      LOG.debug("Ended {}", record);
      return record;
    } finally {
      lock.unlock();
    }
  }

  // ---- helpers ----

  private Object runningNow() {
    lock.lock();
    try {
      return runningProfiles();
    } finally {
      lock.unlock();
    }
  }

  /** Profile by MA of the runs in progress. Called under the lock. */
  private Map<String, String> runningProfiles() {
    Map<String, String> running = new LinkedHashMap<>();
    active.forEach((ma, run) -> running.put(ma, run.profile.name()));
    return running;
  }

  private MaState engineMa(String ma) {
    MaState m = model.ma(ma);
    if (m == null) {
      throw new EngineException(
          "The fake engine has no management agent '" + ma + "'; known: " + model.mas.keySet());
    }
    return m;
  }

  private void withPartition(String ma, String partition,
      java.util.function.Consumer<PartitionState> change) {
    lock.lock();
    try {
      change.accept(model.requireMa(ma).requirePartition(partition));
    } finally {
      lock.unlock();
    }
  }

  private long readPartition(String ma, String partition,
      java.util.function.ToLongFunction<PartitionState> read) {
    lock.lock();
    try {
      return read.applyAsLong(model.requireMa(ma).requirePartition(partition));
    } finally {
      lock.unlock();
    }
  }

  private static String key(String ma, String profile) {
    return ma + '\u0000' + profile;
  }

  private static void requireNonNegative(long n) {
    if (n < 0) {
      throw new IllegalArgumentException("Expected a count of zero or more, got " + n);
    }
  }

  @Override
  public String toString() {
    return "FakeEngine" + model.mas.keySet();
  }
}
