package org.autosync.host.controller;

import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.autosync.api.ExecutionRequest;
import org.autosync.api.engine.EngineMaStatus;
import org.autosync.api.engine.PendingWork;
import org.autosync.api.engine.ResultCodes;
import org.autosync.api.engine.RunDetails;
import org.autosync.api.engine.RunResult;
import org.autosync.api.engine.SyncEngine;
import org.autosync.host.controller.ControllerEvent.Severity;
import org.autosync.host.controller.ControllerEvent.Type;
import org.autosync.host.controller.MaRuntime.OutsideRun;
import org.jspecify.annotations.Nullable;

/**
 * The controller's watch on the engine: notices runs started outside AutoSync from the engine's
 * status, reads their history and follows up on them like on AutoSync's own, and reconciles the
 * engine's pending work into queued requests.
 *
 * <p>Threading: part of {@link ControllerCore} and confined, like it, to the controller thread.
 * Every method here except {@link #collect} runs on the controller thread and only decides; the
 * blocking engine calls (status, run history, pending work) run on worker threads started through
 * {@link Controller#spawnWorker}, whose results come back as a {@link Runnable} applied on the
 * controller thread. {@link #collect} is called on those threads (and on run threads) and touches
 * only the engine. The {@link MaRuntime}s it reads and updates are the core's own, not copies.
 */
final class EngineWatch {

  /** What the watch needs from the rest of the controller; all called on the controller thread. */
  interface Controller {
    /** Whether the controller is stopping (no new engine queries then). */
    boolean stopping();

    /** The admission rules in force (replaced when an MA is reconfigured). */
    Admission admission();

    /** The controller scripts to tell about runs of {@code ma}, in order. */
    List<RunGuard> guardsOf(String ma);

    /** The MAs that accept requests, in configuration order. */
    List<String> acceptingMas();

    /** Runs {@code query} on a worker thread; the task it returns runs on the controller thread. */
    void spawnWorker(String threadName, Supplier<Runnable> query);

    /** Applies the controller scripts' verdict on an ended run. */
    void applyReview(MaRuntime m, RunDetails run, GuardCalls.Answer answer);

    /** Applies a run's follow-ups, thresholds and notes. */
    void applyOutcome(MaRuntime m, RunOutcome outcome, @Nullable Long orderKey);

    /** Resolves and queues a request. */
    void submit(ExecutionRequest request);

    /** Starts every queued run that admission allows now. */
    void dispatch();
  }

  private final SyncEngine engine;
  private final InstantSource clock;
  private final EventJournal journal;
  private final Map<String, MaRuntime> mas;
  private final Controller controller;

  /** @param mas the core's MAs, shared with it (both use them on the controller thread only) */
  EngineWatch(SyncEngine engine, InstantSource clock, EventJournal journal,
      Map<String, MaRuntime> mas, Controller controller) {
    this.engine = engine;
    this.clock = clock;
    this.journal = journal;
    this.mas = mas;
    this.controller = controller;
  }

  /** Reads the engine's status of {@code names} to notice runs started outside AutoSync. */
  void checkEngine(Collection<String> names) {
    Map<String, Long> launchesAtRequest = new LinkedHashMap<>();
    for (String name : names) {
      MaRuntime m = mas.get(name);
      if (m != null && m.current == null) {
        launchesAtRequest.put(name, m.launches);
      }
    }
    if (launchesAtRequest.isEmpty() || controller.stopping()) {
      return;
    }
    controller.spawnWorker("autosync-engine-status", () -> {
      Map<String, EngineMaStatus> statuses = new LinkedHashMap<>();
      List<String> errors = new ArrayList<>();
      for (String name : launchesAtRequest.keySet()) {
        try {
          statuses.put(name, engine.status(name));
        } catch (RuntimeException e) {
          errors.add("could not read the status of '" + name + "': " + e.getMessage());
        }
      }
      return () -> onEngineStatus(launchesAtRequest, statuses, errors);
    });
  }

  private void onEngineStatus(Map<String, Long> launchesAtRequest,
      Map<String, EngineMaStatus> statuses, List<String> errors) {
    errors.forEach(e -> event(Type.ENGINE_ERROR, Severity.WARNING, null, null, null, e));
    Instant now = clock.instant();
    statuses.forEach((name, status) -> {
      MaRuntime m = mas.get(name);
      if (m.current != null || m.launches != launchesAtRequest.get(name)) {
        return; // AutoSync ran something meanwhile; this snapshot may show our own run
      }
      if (status.running() && m.outside == null) {
        String profile = status.profile() == null ? "?" : status.profile();
        RunShape shape = controller.admission().shapeOfOutside(m.agent, profile,
            m.agent.profile(profile).orElse(null));
        m.outside = new OutsideRun(profile, shape, now);
        event(Type.OUTSIDE_RUN_STARTED, Severity.WARNING, name, profile, null,
            "'" + profile + "' was started outside AutoSync; holding '" + name + "'"
                + (shape.syncSlot() != null ? " and the sync slot" : "") + " until it ends");
      } else if (!status.running() && m.outside != null) {
        event(Type.OUTSIDE_RUN_ENDED, Severity.INFO, name, m.outside.profile(), null,
            "'" + m.outside.profile() + "' started outside AutoSync is no longer running");
        m.outside = null;
      }
      if (status.lastRunNumber() > m.lastSeenRun) {
        fetchHistory(m, m.lastSeenRun + 1, status.lastRunNumber());
        m.lastSeenRun = status.lastRunNumber();
      }
    });
    controller.dispatch();
  }

  /** Reads runs AutoSync did not start and follows up on them like on its own. */
  void fetchHistory(MaRuntime m, long from, long to) {
    List<StagingThreshold> thresholds = m.settings.thresholds();
    List<RunGuard> told = controller.guardsOf(m.name);
    if (!told.isEmpty()) {
      m.reviews++; // this MA waits for the scripts' verdict on those runs, as for its own
    }
    controller.spawnWorker("autosync-engine-history", () -> {
      List<RunOutcome> outcomes = new ArrayList<>();
      List<GuardCalls.@Nullable Answer> reviews = new ArrayList<>();
      try {
        for (long n = from; n <= to; n++) {
          RunOutcome outcome = collect(m.name, RunResult.of("?", n), thresholds, null);
          outcomes.add(outcome);
          reviews.add(told.isEmpty() || outcome.details() == null ? null
              : GuardCalls.executionComplete(told, outcome.details()));
        }
      } catch (RuntimeException e) {
        String message = "reading runs " + from + " to " + to + " of '" + m.name + "' failed: "
            + e;
        return () -> {
          event(Type.ENGINE_ERROR, Severity.WARNING, m.name, null, null, message);
          onOutsideRunsEnded(m, outcomes, reviews, !told.isEmpty());
        };
      }
      return () -> onOutsideRunsEnded(m, outcomes, reviews, !told.isEmpty());
    });
  }

  private void onOutsideRunsEnded(MaRuntime m, List<RunOutcome> outcomes,
      List<GuardCalls.@Nullable Answer> reviews, boolean reviewed) {
    if (reviewed) {
      m.reviews--;
    }
    for (int i = 0; i < outcomes.size(); i++) {
      RunOutcome outcome = outcomes.get(i);
      RunDetails d = outcome.details();
      if (d != null) {
        event(Type.RUN_ENDED, ControllerCore.severityOf(ResultCodes.classify(d.result())),
            m.name, d.profile(), d.runNumber(), "run " + d.runNumber() + " '" + d.profile()
                + "' (started outside AutoSync) ended " + d.result() + ControllerCore.summary(d));
        GuardCalls.Answer review = reviews.get(i);
        if (review != null) {
          controller.applyReview(m, d, review);
        }
      }
      controller.applyOutcome(m, outcome, null);
    }
    reconcile(controller.acceptingMas(),
        "after runs started outside AutoSync on '" + m.name + "'");
    controller.dispatch();
  }

  /** Asks the engine for pending work of {@code names} and queues what it implies. */
  void reconcile(Collection<String> names, String why) {
    List<String> targets = List.copyOf(names);
    if (targets.isEmpty() || controller.stopping()) {
      return;
    }
    Map<String, Map<String, Long>> startsAtRequest = new LinkedHashMap<>();
    targets.forEach(t -> startsAtRequest.put(t, mas.get(t).stepStartsForRead()));
    controller.spawnWorker("autosync-engine-pending", () -> {
      List<PendingWork> works = new ArrayList<>();
      List<String> errors = new ArrayList<>();
      for (String name : targets) {
        try {
          works.add(engine.pendingWork(name));
        } catch (RuntimeException e) {
          errors.add("could not read the pending work of '" + name + "': " + e.getMessage());
        }
      }
      return () -> onPendingWork(works, errors, why, startsAtRequest);
    });
  }

  private void onPendingWork(List<PendingWork> works, List<String> errors, String why,
      Map<String, Map<String, Long>> startsAtRequest) {
    errors.forEach(e -> event(Type.ENGINE_ERROR, Severity.WARNING, null, null, null, e));
    for (PendingWork work : works) {
      MaRuntime m = mas.get(work.ma());
      if (m == null || !m.accepting()) {
        continue;
      }
      List<String> notes = new ArrayList<>();
      List<ExecutionRequest> requests = new ArrayList<>();
      for (ExecutionRequest r : Reconciler.plan(work, why, notes)) {
        String covered = m.coveredSince(startsAtRequest.get(m.name), r);
        if (covered == null) {
          requests.add(r);
        } else {
          notes.add("no " + r.describeTarget() + " needed: " + covered
              + " since its pending work was read");
        }
      }
      notes.forEach(n -> event(Type.RECONCILED, Severity.DEBUG, m.name, null, null, n));
      if (!requests.isEmpty()) {
        event(Type.RECONCILED, Severity.INFO, m.name, null, null,
            why + ": " + requests.size() + " run(s) implied by the engine's pending work");
      }
      requests.forEach(controller::submit);
    }
    controller.dispatch();
  }

  /**
   * Reads a run's details and plans from them. The one exception to the threading note: runs off
   * the controller thread (on a run thread or a history worker) and touches only the engine.
   */
  RunOutcome collect(String ma, RunResult result, List<StagingThreshold> thresholds,
      @Nullable String error) {
    List<String> notes = new ArrayList<>();
    RunDetails details = null;
    if (result.runNumber().isPresent()) {
      long n = result.runNumber().getAsLong();
      try {
        details = engine.runDetails(ma, n).orElse(null);
        if (details == null) {
          notes.add("run " + n + " of '" + ma + "' is not in the engine's history");
        }
      } catch (RuntimeException e) {
        notes.add("could not read run " + n + " of '" + ma + "': " + e.getMessage());
      }
    }
    List<FollowUpPlanner.Planned> followUps = List.of();
    List<String> breaches = List.of();
    if (details != null) {
      followUps = FollowUpPlanner.plan(details, engine::pendingWork, notes);
      breaches = ThresholdCheck.breaches(details, thresholds, p -> {
        try {
          return engine.connectorSpaceSize(ma, p);
        } catch (RuntimeException e) {
          return java.util.OptionalLong.empty();
        }
      }, notes);
    }
    return new RunOutcome(result, details, followUps, breaches, notes, error);
  }

  private void event(Type type, Severity severity, @Nullable String ma, @Nullable String profile,
      @Nullable Long runNumber, String message) {
    journal.publish(clock.instant(), type, severity, ma, profile, runNumber, message);
  }
}
