package org.autosync.host.controller;

import java.time.Duration;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.random.RandomGenerator;
import org.autosync.api.ExecutionRequest;
import org.autosync.api.engine.ManagementAgent;
import org.autosync.api.engine.RunEventSource;
import org.autosync.api.engine.RunListener;
import org.autosync.api.engine.SyncEngine;
import org.autosync.api.trigger.Scheduler;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a sync engine's profiles in the right order and never in conflict: one queue per MA,
 * admission by the engine's concurrency rules, follow-ups planned from run history until nothing is
 * left to do, retries, time limits, staging thresholds, controller scripts ({@link RunGuard}: a
 * veto sets a run aside, a verdict after a run may halt the MA or the whole service), and an event
 * for every decision.
 *
 * <pre>{@code
 * var controller = new ExecutionController(engine, settings, InstantSource.system(), scheduler);
 * controller.events().subscribe(e -> log.info("{}", e));
 * controller.start();                      // reconciles pending work of every enabled MA
 * controller.submit(ExecutionRequest.ofType("HR", ProfileType.DELTA_IMPORT));
 * ...
 * controller.stop(StopMode.DRAIN, Duration.ofMinutes(5));
 * }</pre>
 *
 * <p><b>Threading:</b> thread-safe. All decisions are made on one thread, {@code
 * autosync-controller}, in the order events arrive: requests, ended runs, timers and engine
 * answers. Runs execute on one virtual thread each ({@code autosync-ma-<name>}), engine queries
 * on short-lived virtual threads and controller-script calls on {@code autosync-script-<name>}
 * virtual threads, so the controller thread never waits for the engine or a script; scripts are
 * loaded on the thread calling {@link #start}, {@link #reconfigureMa} or {@link
 * #replaceControllerScript}. {@link
 * #submit} returns at once; queries such as {@link #status()} wait for the controller thread to
 * answer. Nothing on the run path sleeps: admission is re-evaluated whenever something changes.
 */
public final class ExecutionController implements AutoCloseable {

  /** How long {@link #close()} lets runs in progress end. */
  public static final Duration DEFAULT_STOP_TIMEOUT = Duration.ofMinutes(5);

  private static final Logger LOG = LoggerFactory.getLogger(ExecutionController.class);
  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

  private final SyncEngine engine;
  private final ControllerSettings settings;
  private final RunGuard.Factory guards;
  private final EventJournal journal;
  private final ControllerStateStore stateStore;
  private final ExecutorService loop;
  private final ControllerCore core;
  private final AtomicBoolean started = new AtomicBoolean();
  private final AtomicBoolean stopped = new AtomicBoolean();
  private volatile @Nullable Thread loopThread;
  private @Nullable AutoCloseable engineSubscription;

  /** A controller on {@code clock} and {@code scheduler}; see {@link #builder} for more options. */
  public ExecutionController(SyncEngine engine, ControllerSettings settings, InstantSource clock,
      Scheduler scheduler) {
    this(builder(engine, settings).clock(clock).scheduler(scheduler));
  }

  private ExecutionController(Builder b) {
    this.engine = b.engine;
    this.settings = b.settings;
    this.guards = b.guards;
    this.journal = b.journal;
    this.stateStore = b.stateStore;
    this.loop = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "autosync-controller");
      t.setDaemon(true);
      loopThread = t;
      return t;
    });
    ControllerCore.Loop seams = new ControllerCore.Loop() {
      @Override
      public void post(Runnable task) {
        ExecutionController.this.post(task);
      }

      @Override
      public void spawn(String threadName, Runnable task) {
        Thread.ofVirtual().name(threadName).start(() -> {
          try {
            task.run();
          } catch (RuntimeException | Error e) {
            LOG.error("Thread '{}' failed", threadName, e);
            throw e;
          }
        });
      }
    };
    this.core = new ControllerCore(b.engine, b.settings, b.clock, b.scheduler, b.journal,
        b.random, seams, b.stateStore);
  }

  /** Starts building a controller for {@code engine} with {@code settings}. */
  public static Builder builder(SyncEngine engine, ControllerSettings settings) {
    return new Builder(engine, settings);
  }

  /**
   * Builds an {@link ExecutionController}. Only the scheduler is required; not thread-safe.
   */
  public static final class Builder {
    private final SyncEngine engine;
    private final ControllerSettings settings;
    private InstantSource clock = InstantSource.system();
    private @Nullable Scheduler scheduler;
    private EventJournal journal = new EventJournal();
    private RandomGenerator random = new SplittableRandom();
    private ControllerStateStore stateStore = ControllerStateStore.inMemory();
    private RunGuard.Factory guards = RunGuard.Factory.UNAVAILABLE;

    private Builder(SyncEngine engine, ControllerSettings settings) {
      this.engine = Objects.requireNonNull(engine, "engine");
      this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** The time source; default the system clock. */
    public Builder clock(InstantSource value) {
      clock = Objects.requireNonNull(value);
      return this;
    }

    /** Runs retries, time limits, stagger and periodic checks; required. */
    public Builder scheduler(Scheduler value) {
      scheduler = Objects.requireNonNull(value);
      return this;
    }

    /** Where events go; default a new journal. */
    public Builder journal(EventJournal value) {
      journal = Objects.requireNonNull(value);
      return this;
    }

    /** Jitter source for retries; default a new random generator. */
    public Builder random(RandomGenerator value) {
      random = Objects.requireNonNull(value);
      return this;
    }

    /** Where halted and paused states are kept across restarts; default in memory. */
    public Builder stateStore(ControllerStateStore value) {
      stateStore = Objects.requireNonNull(value);
      return this;
    }

    /**
     * Opens the controller scripts the settings name; default {@link
     * RunGuard.Factory#UNAVAILABLE}, whose guards veto every run (there is no script to ask).
     */
    public Builder guards(RunGuard.Factory value) {
      guards = Objects.requireNonNull(value);
      return this;
    }

    public ExecutionController build() {
      if (scheduler == null) {
        throw new IllegalStateException("An ExecutionController needs a scheduler");
      }
      return new ExecutionController(this);
    }
  }

  /** The event stream: subscribe to it, or read recent events. */
  public EventJournal events() {
    return journal;
  }

  /**
   * Reads the engine's MAs, starts every enabled one, reconciles their pending work and starts
   * watching the engine for runs started outside AutoSync.
   *
   * @throws IllegalArgumentException when the settings name an MA the engine does not have
   * @throws IllegalStateException when the saved state cannot be read
   * @throws IllegalStateException when called twice
   */
  public void start() {
    if (!started.compareAndSet(false, true)) {
      throw new IllegalStateException("The controller was already started");
    }
    List<ManagementAgent> agents = engine.managementAgents();
    Map<String, Long> lastRuns = new LinkedHashMap<>();
    for (ManagementAgent agent : agents) {
      lastRuns.put(agent.name(), engine.status(agent.name()).lastRunNumber());
    }
    ControllerStateStore.Saved saved = stateStore.load();
    // Scripts may take seconds to load, so they load here rather than on the controller thread.
    Guards opened = Guards.open(settings, guards);
    try {
      call(() -> {
        core.start(agents, lastRuns, saved, opened);
        return null;
      });
    } catch (RuntimeException e) {
      opened.takeAll().forEach(RunGuard::close);
      throw e;
    }
    if (engine instanceof RunEventSource source) {
      engineSubscription = source.subscribe(new RunListener() {
        @Override
        public void runStarted(String ma, String profile) {
          post(() -> core.checkEngine(List.of(ma)));
        }

        @Override
        public void runEnded(String ma, long runNumber, String result) {
          post(() -> core.checkEngine(List.of(ma)));
        }
      });
    }
  }

  /**
   * Hands a request to the controller, which resolves and queues (or coalesces) it. Returns at
   * once; a request that cannot be resolved is dropped with a {@code REQUEST_DROPPED} event.
   */
  public void submit(ExecutionRequest request) {
    post(() -> core.submit(request));
  }

  /** The status of every MA the engine has, in the engine's order. */
  public List<MaStatus> status() {
    return call(core::status);
  }

  /** The status of one MA. */
  public MaStatus status(String ma) {
    return call(() -> core.status(ma));
  }

  /** Halts an MA: nothing more runs on it until {@link #resume}; its requests keep queueing. */
  public void halt(String ma, String reason) {
    call(() -> {
      core.halt(ma, reason);
      return null;
    });
  }

  /** Resumes an MA that was halted or paused. */
  public void resume(String ma) {
    call(() -> {
      core.resume(ma);
      return null;
    });
  }

  /** Pauses an MA (for maintenance): its requests keep queueing and run after resume. */
  public void pause(String ma) {
    call(() -> {
      core.pause(ma);
      return null;
    });
  }

  /** Pauses or resumes every MA at once. */
  public void pauseAll(boolean paused) {
    call(() -> {
      core.pauseAll(paused);
      return null;
    });
  }

  /**
   * Stops one MA: its queue is discarded and new requests for it are dropped.
   *
   * @param cancelRun whether to stop its run in progress in the engine
   */
  public void stopMa(String ma, boolean cancelRun) {
    call(() -> {
      core.stopMa(ma, cancelRun);
      return null;
    });
  }

  /**
   * Replaces one MA's settings while running (a configuration reload): its queue is rebuilt from
   * the engine's pending work under the new settings.
   *
   * @throws IllegalArgumentException when the MA, or one it locks with, is unknown
   */
  public void reconfigureMa(MaSettings settings) {
    boolean replace = call(() -> core.guardChanges(settings));
    ControllerScriptSettings script = settings.enabled() ? settings.script() : null;
    RunGuard guard = replace && script != null
        ? guards.open(Guards.scope(settings.name()), script) : null;
    try {
      call(() -> {
        core.reconfigureMa(settings, replace, guard);
        return null;
      });
    } catch (RuntimeException e) {
      if (guard != null) {
        guard.close();
      }
      throw e;
    }
  }

  /**
   * Replaces the controller script asked about every MA's runs (a configuration reload); null
   * removes it. The script is loaded on the calling thread. Unchanged settings keep the loaded
   * script (edits of its file are picked up at its next call anyway).
   */
  public void replaceControllerScript(@Nullable ControllerScriptSettings script) {
    if (!call(() -> core.globalGuardChanges(script))) {
      return;
    }
    RunGuard guard = script == null ? null : guards.open(Guards.GLOBAL, script);
    try {
      call(() -> {
        core.replaceGlobalGuard(script, guard);
        return null;
      });
    } catch (RuntimeException e) {
      if (guard != null) {
        guard.close();
      }
      throw e;
    }
  }

  /**
   * Resumes the service after a controller script halted it: runs start again on every MA that
   * is not halted, paused or stopped on its own. Idempotent.
   */
  public void resumeService() {
    call(() -> {
      core.resumeService();
      return null;
    });
  }

  /** Why a controller script halted the whole service; empty when it is not halted. */
  public java.util.Optional<String> serviceHalt() {
    return java.util.Optional.ofNullable(call(core::serviceHalt));
  }

  /** Starts an MA that was stopped, reconciling its pending work. */
  public void startMa(String ma) {
    call(() -> {
      core.startMa(ma);
      return null;
    });
  }

  /** Reads the engine's status now to notice runs started outside AutoSync. */
  public void checkEngineNow() {
    post(() -> core.checkEngine(core.status().stream().map(MaStatus::ma).toList()));
  }

  /** Whether nothing is running, held, queued, or being read from the engine. */
  public boolean isQuiet() {
    return call(core::isQuiet);
  }

  /**
   * Stops the controller: no new runs; with {@link StopMode#CANCEL} runs in progress are stopped in
   * the engine; waits up to {@code timeout} for runs to end, then discards the queues. Idempotent.
   */
  public void stop(StopMode mode, Duration timeout) {
    if (!stopped.compareAndSet(false, true)) {
      return;
    }
    closeSubscription();
    if (started.get()) {
      CompletableFuture<Void> drained = call(() -> core.beginStop(mode));
      try {
        drained.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        LOG.warn("Runs still in progress {} after stopping began; stopping anyway", timeout);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (ExecutionException e) {
        LOG.warn("Waiting for runs to end failed", e);
      }
    }
    List<RunGuard> open = started.get() ? call(() -> {
      core.finishStop();
      return core.takeGuards();
    }) : List.of();
    loop.shutdown();
    try {
      if (!loop.awaitTermination(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        loop.shutdownNow();
      }
    } catch (InterruptedException e) {
      loop.shutdownNow();
      Thread.currentThread().interrupt();
    }
    for (RunGuard guard : open) {
      try {
        guard.close();
      } catch (RuntimeException e) {
        LOG.warn("Closing {} failed", guard.name(), e);
      }
    }
  }

  /** {@link #stop} with {@link StopMode#DRAIN} and {@link #DEFAULT_STOP_TIMEOUT}. */
  @Override
  public void close() {
    stop(StopMode.DRAIN, DEFAULT_STOP_TIMEOUT);
  }

  private void closeSubscription() {
    AutoCloseable subscription = engineSubscription;
    engineSubscription = null;
    if (subscription != null) {
      try {
        subscription.close();
      } catch (Exception e) {
        LOG.warn("Could not unsubscribe from engine '{}'", engine.name(), e);
      }
    }
  }

  private void post(Runnable task) {
    try {
      loop.execute(() -> {
        try {
          task.run();
        } catch (RuntimeException e) {
          LOG.error("Controller task failed; the controller keeps running", e);
        }
      });
    } catch (RejectedExecutionException e) {
      LOG.debug("Controller stopped; dropped a task", e);
    }
  }

  private <T> T call(Callable<T> task) {
    if (Thread.currentThread() == loopThread) {
      try {
        return task.call();
      } catch (Exception e) {
        throw asUnchecked(e);
      }
    }
    Future<T> future;
    try {
      future = loop.submit(task);
    } catch (RejectedExecutionException e) {
      throw new IllegalStateException("The controller is stopped", e);
    }
    try {
      return future.get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw asUnchecked(e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException("The controller did not answer within " + CALL_TIMEOUT, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for the controller", e);
    }
  }

  private static RuntimeException asUnchecked(Throwable t) {
    if (t instanceof RuntimeException r) {
      return r;
    }
    if (t instanceof Error e) {
      throw e;
    }
    return new IllegalStateException(t);
  }
}
