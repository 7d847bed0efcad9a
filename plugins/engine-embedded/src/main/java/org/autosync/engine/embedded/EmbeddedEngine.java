package org.autosync.engine.embedded;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.UnaryOperator;
import org.autosync.api.engine.EngineException;
import org.autosync.api.engine.EngineMaStatus;
import org.autosync.api.engine.ManagementAgent;
import org.autosync.api.engine.PartitionWork;
import org.autosync.api.engine.PendingWork;
import org.autosync.api.engine.ProfileStep;
import org.autosync.api.engine.ResultClass;
import org.autosync.api.engine.ResultCodes;
import org.autosync.api.engine.RunDetails;
import org.autosync.api.engine.RunEventSource;
import org.autosync.api.engine.RunListener;
import org.autosync.api.engine.RunProfile;
import org.autosync.api.engine.RunResult;
import org.autosync.api.engine.StepDetails;
import org.autosync.api.engine.SyncEngine;
import org.autosync.engine.embedded.config.EngineModel;
import org.autosync.engine.embedded.connector.Connector;
import org.autosync.engine.embedded.connector.ConnectorContext;
import org.autosync.engine.embedded.connector.ConnectorException;
import org.autosync.engine.embedded.connector.ConnectorFactory;
import org.autosync.engine.embedded.connector.ExportResult;
import org.autosync.engine.embedded.connector.ImportItem;
import org.autosync.engine.embedded.connector.PartialExportException;
import org.autosync.engine.embedded.model.EngineData;
import org.autosync.engine.embedded.model.EngineStore;
import org.autosync.engine.embedded.sync.Exporter;
import org.autosync.engine.embedded.sync.Importer;
import org.autosync.engine.embedded.sync.StepRecorder;
import org.autosync.engine.embedded.sync.Synchronizer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded sync engine: MIM's observable semantics (ENGINE.md) on our own connector spaces
 * and metaverse, with LDAP and CSV connectors and durable state.
 *
 * <p>Runs follow the engine rules of ENGINE.md §3: one run per MA ({@code
 * no-start-ma-already-running}) and one synchronization at a time ({@code
 * no-start-sync-already-running}); refusals are kept in {@link #refusals()}. Each step commits its
 * changes, with the run's history so far, in one transaction of the {@link EngineStore}: a process
 * killed at any moment restarts with every step either committed or not.
 *
 * <p><b>Threading:</b> thread-safe. {@link #run} blocks on the caller's thread; runs of different
 * MAs proceed in parallel. Connected systems are read and written without the engine's data lock;
 * staging, synchronizing and recording results take it, so they never interleave.
 */
public final class EmbeddedEngine implements SyncEngine, RunEventSource {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedEngine.class);

  /** A refusal to start a run, kept for tests and operators. */
  public record Refusal(Instant time, String ma, String profile, String result, String reason) {}

  private final EngineModel model;
  private final Map<String, ConnectorFactory> connectorFactories;
  private final EngineStore store;
  private final InstantSource clock;
  private final UnaryOperator<String> secrets;
  private final Path workDirectory;
  private final ReentrantLock dataLock = new ReentrantLock();
  private final ReentrantLock runLock = new ReentrantLock();
  private final Map<String, Active> running = new HashMap<>();
  private final Map<String, Connector> connectors = new HashMap<>();
  private final List<RunListener> listeners = new CopyOnWriteArrayList<>();
  private final List<Refusal> refusals = new CopyOnWriteArrayList<>();
  private EngineData data;

  /** A run in progress. */
  private static final class Active {
    final RunProfile profile;
    volatile boolean stopRequested;

    Active(RunProfile profile) {
      this.profile = profile;
    }
  }

  /**
   * @param model the validated model
   * @param connectorFactories connector factories by type
   * @param store where state is committed
   * @param clock time source for run history
   * @param secrets resolves secret references in connector options
   * @param workDirectory parent of each MA's connector work folder
   */
  public EmbeddedEngine(EngineModel model, Map<String, ConnectorFactory> connectorFactories,
      EngineStore store, InstantSource clock, UnaryOperator<String> secrets, Path workDirectory) {
    this.model = model;
    this.connectorFactories = Map.copyOf(connectorFactories);
    this.store = store;
    this.clock = clock;
    this.secrets = secrets;
    this.workDirectory = workDirectory;
    this.data = load();
    recoverInterruptedRuns();
  }

  /**
   * Opens an engine for a configuration: validates it (throwing {@link
   * org.autosync.engine.embedded.config.EngineConfigException} with every problem), opens its
   * store ({@code store} relative to the context's data folder; in memory when not set) and
   * restores its state.
   */
  public static EmbeddedEngine open(org.autosync.engine.embedded.config.EngineConfig config,
      Map<String, ConnectorFactory> connectors, org.autosync.api.engine.EngineContext context) {
    EngineModel model = org.autosync.engine.embedded.config.ConfigValidator.compile(config,
        connectors);
    Path data = context.dataDirectory();
    EngineStore store = model.store() == null ? EngineStore.inMemory()
        : new org.autosync.engine.embedded.model.H2Store(data.resolve(model.store()));
    return new EmbeddedEngine(model, connectors, store, context.clock(),
        context::resolveSecret, data.resolve("connectors"));
  }

  private EngineData load() {
    Set<String> joinAttributes = new HashSet<>();
    for (EngineModel.Ma ma : model.mas()) {
      for (EngineModel.Type type : ma.types().values()) {
        type.join().values().forEach(mv -> joinAttributes.add(type.mvType() + '|' + mv));
      }
    }
    EngineData loaded = new EngineData(joinAttributes);
    store.load(loaded);
    return loaded;
  }

  /** Runs cut short by a crash end as {@code stopped-server}, with the steps that committed. */
  private void recoverInterruptedRuns() {
    dataLock.lock();
    try {
      for (EngineModel.Ma ma : model.mas()) {
        for (RunDetails run : data.runs(ma.name())) {
          if (run.result().equals(ResultCodes.IN_PROGRESS)) {
            LOG.warn("Run {} of '{}' was cut short by a stop of the engine", run.runNumber(),
                ma.name());
            data.putRun(new RunDetails(run.runNumber(), run.ma(), run.profile(),
                "stopped-server", run.start(), clock.instant(), run.steps()));
          }
        }
      }
      store.commit(data.changes());
      data.committed();
    } finally {
      dataLock.unlock();
    }
  }

  @Override
  public String name() {
    return "embedded";
  }

  /** The validated model this engine runs. */
  public EngineModel model() {
    return model;
  }

  @Override
  public List<ManagementAgent> managementAgents() {
    return model.mas().stream().map(EngineModel.Ma::description).toList();
  }

  @Override
  public EngineMaStatus status(String ma) {
    requireMa(ma);
    runLock.lock();
    try {
      Active active = running.get(ma);
      long last = withData(d -> d.lastRunNumber(ma));
      if (active != null) {
        return EngineMaStatus.running(active.profile.name(), last);
      }
      RunDetails lastRun = last == 0 ? null : withData(d -> d.run(ma, last));
      return EngineMaStatus.idle(lastRun == null ? null : lastRun.profile(),
          lastRun == null ? null : lastRun.result(), last);
    } finally {
      runLock.unlock();
    }
  }

  @Override
  public RunResult run(String maName, String profileName) {
    EngineModel.Ma ma = requireMa(maName);
    RunProfile profile = ma.profiles().get(profileName);
    if (profile == null) {
      return refuse(maName, profileName, ResultCodes.NO_START_UNKNOWN_PROFILE_NAME,
          "MA '" + maName + "' has no run profile '" + profileName + "'");
    }
    Active active = new Active(profile);
    runLock.lock();
    try {
      if (running.containsKey(maName)) {
        return refuse(maName, profileName, ResultCodes.NO_START_MA_ALREADY_RUNNING,
            "'" + running.get(maName).profile.name() + "' is running on '" + maName + "'");
      }
      if (profile.hasSync()) {
        for (Map.Entry<String, Active> other : running.entrySet()) {
          if (other.getValue().profile.hasSync()) {
            return refuse(maName, profileName, ResultCodes.NO_START_SYNC_ALREADY_RUNNING,
                "another synchronization is running: '" + other.getValue().profile.name()
                    + "' on '" + other.getKey() + "'");
          }
        }
      }
      running.put(maName, active);
    } finally {
      runLock.unlock();
    }
    try {
      return execute(ma, profile, active);
    } finally {
      runLock.lock();
      try {
        running.remove(maName);
      } finally {
        runLock.unlock();
      }
    }
  }

  private RunResult refuse(String ma, String profile, String result, String reason) {
    refusals.add(new Refusal(clock.instant(), ma, profile, result, reason));
    LOG.info("Refused '{}' on '{}': {} ({})", profile, ma, result, reason);
    return RunResult.notRecorded(result);
  }

  private RunResult execute(EngineModel.Ma ma, RunProfile profile, Active active) {
    Instant start = clock.instant();
    long runNumber;
    dataLock.lock();
    try {
      runNumber = data.lastRunNumber(ma.name()) + 1;
      commit(new RunDetails(runNumber, ma.name(), profile.name(), ResultCodes.IN_PROGRESS, start,
          null, List.of()));
    } finally {
      dataLock.unlock();
    }
    listeners.forEach(l -> l.runStarted(ma.name(), profile.name()));
    List<StepDetails> steps = new ArrayList<>();
    String result = ResultCodes.SUCCESS;
    try {
      for (ProfileStep step : profile.steps()) {
        if (active.stopRequested) {
          result = ResultCodes.STOPPED_USER_TERMINATION;
          break;
        }
        StepDetails details = step(ma, step, steps.size() + 1, active,
            new RunDetails(runNumber, ma.name(), profile.name(), ResultCodes.IN_PROGRESS, start,
                null, steps));
        steps.add(details);
        result = details.result();
        if (!continues(result)) {
          break;
        }
      }
    } catch (RuntimeException e) {
      // The engine itself failed (its store, or a defect): the run ends recorded, never open.
      LOG.error("Run {} of '{}' on '{}' failed inside the engine", runNumber, profile.name(),
          ma.name(), e);
      result = "stopped-server";
    }
    RunDetails done = new RunDetails(runNumber, ma.name(), profile.name(), result, start,
        clock.instant(), steps);
    dataLock.lock();
    try {
      commit(done);
    } catch (RuntimeException e) {
      LOG.error("Run {} of '{}' could not be recorded; it shows as cut short after a restart",
          runNumber, ma.name(), e);
    } finally {
      dataLock.unlock();
    }
    String finalResult = result;
    listeners.forEach(l -> l.runEnded(ma.name(), runNumber, finalResult));
    return RunResult.of(result, runNumber);
  }

  /** Whether the next step of a profile runs after a step ended with {@code result}. */
  private static boolean continues(String result) {
    ResultClass c = ResultCodes.classify(result);
    return c == ResultClass.SUCCESS || c == ResultClass.COMPLETED_WITH_ERRORS;
  }

  private StepDetails step(EngineModel.Ma ma, ProfileStep step, int number, Active active,
      RunDetails runSoFar) {
    Instant start = clock.instant();
    StepRecorder rec = new StepRecorder();
    String partition = step.partition();
    String result = ResultCodes.SUCCESS;
    boolean committed = false;
    try {
      if (step.kind().isImport()) {
        result = importPart(ma, step, active, rec, runSoFar);
        committed = true;
      }
      if (step.kind().isSync() && continues(result) && !active.stopRequested) {
        dataLock.lock();
        try {
          String syncResult = new Synchronizer(data, model, ma, rec)
              .run(partition, step.kind().isFull());
          result = worse(result, syncResult);
          commit(runSoFar);
        } finally {
          dataLock.unlock();
        }
      }
      if (step.kind().isExport()) {
        result = exportPart(ma, partition, rec, runSoFar);
      }
      if (active.stopRequested && !step.kind().isExport()) {
        result = ResultCodes.STOPPED_USER_TERMINATION;
      }
    } catch (ConnectorException e) {
      result = e.resultCode();
      rec.error(org.autosync.api.engine.RunError.Phase.DISCOVERY, "connector-error", ma.name(),
          e.getMessage());
      LOG.warn("Step {} of '{}' on '{}' ended {}: {}", number, runSoFar.profile(), ma.name(),
          result, e.getMessage());
    }
    StepDetails details = rec.build(number, step.kind(), partition, result, start,
        clock.instant());
    List<StepDetails> steps = new ArrayList<>(runSoFar.steps());
    steps.add(details);
    dataLock.lock();
    try {
      if (!ResultCodes.STOPPED_USER_TERMINATION.equals(result) || committed) {
        commit(new RunDetails(runSoFar.runNumber(), ma.name(), runSoFar.profile(),
            ResultCodes.IN_PROGRESS, runSoFar.start(), null, steps));
      }
    } finally {
      dataLock.unlock();
    }
    return details;
  }

  /** The import half of a step: read without the lock, stage and commit with it. */
  private String importPart(EngineModel.Ma ma, ProfileStep step, Active active, StepRecorder rec,
      RunDetails runSoFar) throws ConnectorException {
    String partition = step.partition();
    Connector connector = connector(ma);
    Importer.Mode mode;
    String watermark = null;
    List<ImportItem> items = new ArrayList<>();
    if (step.kind().isFull() || connector.deltaSupport() == Connector.DeltaSupport.SNAPSHOT) {
      mode = step.kind().isFull() ? Importer.Mode.FULL : Importer.Mode.SNAPSHOT_DELTA;
      if (connector.deltaSupport() == Connector.DeltaSupport.WATERMARK) {
        watermark = connector.currentWatermark(partition);
      }
      connector.fullImport(partition, items::add);
    } else if (connector.deltaSupport() == Connector.DeltaSupport.NONE) {
      return "no-start-delta-step-type-not-configured";
    } else {
      mode = Importer.Mode.DELTA;
      String since = withData(d -> d.watermark(ma.name(), partition));
      if (since == null) {
        return ResultCodes.NO_START_FULL_IMPORT_REQUIRED;
      }
      watermark = connector.deltaImport(partition, since, items::add);
    }
    if (active.stopRequested) {
      return ResultCodes.STOPPED_USER_TERMINATION;
    }
    dataLock.lock();
    try {
      String result = new Importer(data, ma, partition, rec).stage(items, mode);
      if (watermark != null && !ResultCodes.COMPLETED_DISCOVERY_ERRORS.equals(result)) {
        data.setWatermark(ma.name(), partition, watermark);
      }
      commit(runSoFar); // what was staged and the watermark, together
      return result;
    } finally {
      dataLock.unlock();
    }
  }

  /** The export half of a step: prepare with the lock, write without it, record with it. */
  private String exportPart(EngineModel.Ma ma, String partition, StepRecorder rec,
      RunDetails runSoFar) throws ConnectorException {
    List<Exporter.Pending> pending = withData(d -> Exporter.prepare(d, ma.name(), partition));
    if (pending.isEmpty()) {
      return ResultCodes.SUCCESS;
    }
    Connector connector = connector(ma);
    String failure = null;
    for (int pass = 0; pass < 2 && !pending.isEmpty(); pass++) {
      List<ExportResult> results;
      try {
        results = connector.export(partition, pending.stream().map(Exporter.Pending::change)
            .toList());
      } catch (PartialExportException e) {
        results = e.results();
        failure = e.resultCode();
      }
      List<Exporter.Pending> written = pending;
      List<ExportResult> outcome = results;
      dataLock.lock();
      try {
        Exporter.apply(data, written, outcome, rec);
        commit(runSoFar); // what was written is known before anything else happens
      } finally {
        dataLock.unlock();
      }
      if (failure != null) {
        return failure;
      }
      pending = Exporter.retriesAsUpdates(written, outcome);
    }
    return Exporter.result(rec);
  }

  private static String worse(String a, String b) {
    return ResultCodes.SUCCESS.equals(a) || ResultCodes.COMPLETED_NO_OBJECTS.equals(a) ? b : a;
  }

  /** Commits the data's changes with {@code run}; on failure reloads the committed state. */
  private void commit(RunDetails run) {
    data.putRun(run);
    try {
      store.commit(data.changes());
      data.committed();
    } catch (EngineStore.StoreException e) {
      LOG.error("Could not commit; reloading the last committed state", e);
      data = load();
      throw new EngineException("The engine could not save its state: " + e.getMessage(), e);
    }
  }

  @Override
  public void stop(String ma) {
    runLock.lock();
    try {
      Active active = running.get(ma);
      if (active != null) {
        active.stopRequested = true;
      }
    } finally {
      runLock.unlock();
    }
  }

  @Override
  public Optional<RunDetails> runDetails(String ma, long runNumber) {
    return Optional.ofNullable(withData(d -> d.run(ma, runNumber)));
  }

  /** Every run of {@code ma} in the history, oldest first. */
  public List<RunDetails> history(String ma) {
    return withData(d -> d.runs(ma));
  }

  /**
   * The MA's run history as MIM's run-history XML ({@code reference/mim-engine.md} §2), so that
   * the same tools serve both engines. Runs still in progress are left out.
   */
  public String runHistoryXml(String ma) {
    requireMa(ma);
    List<RunDetails> runs = history(ma).stream()
        .filter(r -> !r.result().equals(ResultCodes.IN_PROGRESS) && !r.steps().isEmpty())
        .toList();
    String maId = java.util.UUID.nameUUIDFromBytes(
        ("autosync-embedded-ma:" + ma).getBytes(java.nio.charset.StandardCharsets.UTF_8))
        .toString();
    return org.autosync.engine.embedded.history.RunHistoryXml.write(runs, maId);
  }

  @Override
  public PendingWork pendingWork(String ma) {
    EngineModel.Ma m = requireMa(ma);
    return withData(d -> new PendingWork(ma, m.partitions().stream()
        .map(p -> PartitionWork.of(p, d.countPendingImports(ma, p), d.countPendingExports(ma, p),
            d.countUnconfirmed(ma, p)))
        .toList()));
  }

  @Override
  public OptionalLong connectorSpaceSize(String ma, String partition) {
    return OptionalLong.of(withData(d -> (long) d.countInPartition(ma, partition)));
  }

  /** Number of metaverse objects. */
  public int metaverseSize() {
    return withData(EngineData::mvCount);
  }

  /** Reads the state under the data lock; for tests and tools. */
  public <T> T withData(java.util.function.Function<EngineData, T> reader) {
    dataLock.lock();
    try {
      return reader.apply(data);
    } finally {
      dataLock.unlock();
    }
  }

  /** Refusals to start runs, oldest first. */
  public List<Refusal> refusals() {
    return List.copyOf(refusals);
  }

  @Override
  public AutoCloseable subscribe(RunListener listener) {
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  private EngineModel.Ma requireMa(String ma) {
    return model.ma(ma).orElseThrow(() -> new EngineException(
        "The embedded engine has no MA '" + ma + "'; it has "
            + model.mas().stream().map(EngineModel.Ma::name).toList()));
  }

  private Connector connector(EngineModel.Ma ma) {
    runLock.lock();
    try {
      return connectors.computeIfAbsent(ma.name(), name -> {
        Path work = workDirectory.resolve(name.replaceAll("[^A-Za-z0-9._-]", "_"));
        try {
          Files.createDirectories(work);
        } catch (java.io.IOException e) {
          throw new EngineException("Cannot create the work folder '" + work + "'", e);
        }
        return connectorFactories.get(ma.connectorType()).create(ma.connectorOptions(),
            new ConnectorContext(name, work, secrets));
      });
    } finally {
      runLock.unlock();
    }
  }

  @Override
  public void close() {
    runLock.lock();
    try {
      for (Connector c : connectors.values()) {
        try {
          c.close();
        } catch (RuntimeException e) {
          LOG.warn("Connector did not close cleanly", e);
        }
      }
      connectors.clear();
    } finally {
      runLock.unlock();
    }
    dataLock.lock();
    try {
      store.close();
    } finally {
      dataLock.unlock();
    }
  }

  /** For messages. */
  @Override
  public String toString() {
    return "EmbeddedEngine" + model.mas().stream().map(EngineModel.Ma::name).toList();
  }
}
