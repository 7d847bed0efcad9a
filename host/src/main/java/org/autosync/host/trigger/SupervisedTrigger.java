package org.autosync.host.trigger;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.ReentrantLock;
import org.autosync.api.engine.ManagementAgent;
import org.autosync.api.trigger.Cancellable;
import org.autosync.api.trigger.StateStore;
import org.autosync.api.trigger.Trigger;
import org.autosync.api.trigger.TriggerConfig;
import org.autosync.api.trigger.TriggerHealth;
import org.autosync.api.trigger.TriggerHealth.State;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One trigger id under supervision: its current instance, its failures and restarts, its status.
 *
 * <p><b>Threading:</b> two locks, always taken in this order. {@code lifecycle} serialises start,
 * stop, failure handling and restart, so the host never calls an instance's {@code start} and
 * {@code stop} concurrently; it <em>is</em> held while calling the trigger's {@code start} and
 * {@code stop} and the listener, which is why nothing a trigger can call ({@code fire}, {@code
 * reportHealth}, its scheduler) takes it. {@code statusLock} guards the status fields and the
 * context's active flag and is held only for field updates. FAILED reports are handed to the
 * scheduler thread, so a trigger's own thread never runs the trigger's {@code stop}.
 */
final class SupervisedTrigger {

  private static final Logger log = LoggerFactory.getLogger(TriggerSupervisor.class);

  private final TriggerSpec spec;
  private final TriggerConfig config;
  private final Services services;
  private final StateStore state;

  private final ReentrantLock lifecycle = new ReentrantLock();
  private @Nullable Instance current; // guarded by lifecycle
  private @Nullable Cancellable pendingRestart; // guarded by lifecycle
  private boolean stopped; // guarded by lifecycle

  private final ReentrantLock statusLock = new ReentrantLock();
  private TriggerHealth health; // guarded by statusLock
  private int restarts; // guarded by statusLock
  private int failures; // guarded by statusLock; consecutive, reset by a HEALTHY report
  private @Nullable String lastError; // guarded by statusLock

  private record Instance(Trigger trigger, HostTriggerContext context) {}

  SupervisedTrigger(TriggerSpec spec, Services services, StateStore state) {
    this.spec = spec;
    this.config = spec.config();
    this.services = services;
    this.state = state;
    this.health = new TriggerHealth(State.STARTING, "not started yet", null, null);
  }

  TriggerConfig config() {
    return config;
  }

  /** Starts the first instance on the caller's thread; a failure schedules a restart. */
  void start() {
    lifecycle.lock();
    try {
      if (!stopped && current == null && pendingRestart == null) {
        launch();
      }
    } finally {
      lifecycle.unlock();
    }
  }

  /** Stops the current instance and cancels any pending restart. Idempotent. */
  void stop() {
    lifecycle.lock();
    try {
      if (stopped) {
        return;
      }
      stopped = true;
      if (pendingRestart != null) {
        pendingRestart.cancel();
        pendingRestart = null;
      }
      Instance instance = current;
      current = null;
      if (instance != null) {
        shutDown(instance);
      }
    } finally {
      lifecycle.unlock();
    }
    log.info("Stopped trigger '{}' of MA '{}'", config.id(), config.ma());
    services.listener().stopped(config);
  }

  TriggerStatus status() {
    statusLock.lock();
    try {
      return new TriggerStatus(
          config.id(), config.type(), config.ma(), health, restarts, lastError);
    } finally {
      statusLock.unlock();
    }
  }

  /**
   * Records a health report of {@code context}'s instance; a FAILED report has the instance
   * replaced on the scheduler thread.
   *
   * @return false if the instance has stopped and the report was ignored
   */
  boolean report(HostTriggerContext context, TriggerHealth reported) {
    boolean changed;
    statusLock.lock();
    try {
      if (!context.isActive()) {
        return false;
      }
      context.markHealthReported();
      changed = !reported.equals(health);
      health = reported;
      if (reported.lastError() != null) {
        lastError = reported.lastError();
      }
      if (reported.state() == State.HEALTHY) {
        failures = 0;
      }
    } finally {
      statusLock.unlock();
    }
    if (changed) {
      services.listener().healthChanged(config, reported);
    }
    if (reported.state() == State.FAILED && context.claimFailure()) {
      String error = reported.lastError() != null ? reported.lastError() : reported.message();
      services.scheduler().schedule(Duration.ZERO, () -> onReportedFailure(context, error));
    }
    return true;
  }

  private void onReportedFailure(HostTriggerContext context, String error) {
    lifecycle.lock();
    try {
      Instance instance = current;
      if (!stopped && instance != null && instance.context() == context) {
        fail(instance, "reported failure: " + error, error, null);
      }
    } finally {
      lifecycle.unlock();
    }
  }

  private void restart() {
    lifecycle.lock();
    try {
      pendingRestart = null;
      if (stopped) {
        return;
      }
      int number;
      statusLock.lock();
      try {
        number = ++restarts;
      } finally {
        statusLock.unlock();
      }
      log.debug("Restarting trigger '{}' of MA '{}' (restart {})", config.id(), config.ma(), number);
      launch();
    } finally {
      lifecycle.unlock();
    }
  }

  /** Creates and starts a new instance. Caller holds {@code lifecycle}. */
  private void launch() {
    int restartNumber = setHealth(State.STARTING, "starting");
    ManagementAgent ma;
    try {
      ma = services.managementAgents().apply(config.ma());
      if (ma == null) {
        throw new IllegalStateException("the engine has no MA named '" + config.ma() + "'");
      }
    } catch (Throwable t) {
      Failures.rethrowIfFatal(t);
      fail(null, "cannot describe MA '" + config.ma() + "': " + Failures.describe(t),
          Failures.describe(t), t);
      return;
    }
    Trigger trigger;
    try {
      trigger = spec.factory().create(config);
      if (trigger == null) {
        throw new IllegalStateException("factory of type '" + config.type() + "' returned null");
      }
    } catch (Throwable t) {
      Failures.rethrowIfFatal(t);
      fail(null, "cannot create the trigger: " + Failures.describe(t), Failures.describe(t), t);
      return;
    }
    HostTriggerContext context = new HostTriggerContext(this, config, ma, services, state);
    Instance instance = new Instance(trigger, context);
    current = instance;
    MdcScope mdc = MdcScope.open(config.ma(), config.id());
    try {
      trigger.start(context);
    } catch (Throwable t) {
      Failures.rethrowIfFatal(t);
      fail(instance, "start failed: " + Failures.describe(t), Failures.describe(t), t);
      return;
    } finally {
      mdc.close();
    }
    markRunningIfSilent(context);
    if (restartNumber == 0) {
      log.info("Started trigger '{}' ({}) for MA '{}'", config.id(), config.type(), config.ma());
      services.listener().started(config);
    } else {
      log.info("Restarted trigger '{}' of MA '{}' (restart {})",
          config.id(), config.ma(), restartNumber);
      services.listener().restarted(config, restartNumber);
    }
  }

  /**
   * Marks the trigger failed, stops {@code instance} (if there is one) and schedules a restart
   * with backoff. Caller holds {@code lifecycle}.
   */
  private void fail(
      @Nullable Instance instance, String reason, String error, @Nullable Throwable cause) {
    if (instance != null) {
      shutDown(instance);
    }
    current = null;
    int count;
    Duration delay;
    TriggerHealth failed;
    statusLock.lock();
    try {
      count = ++failures;
      delay = services.restartPolicy().delay(count, services.random().getAsDouble());
      failed = new TriggerHealth(State.FAILED,
          reason + "; restarting in " + human(delay), health.lastEvent(), error);
      health = failed;
      lastError = error;
    } finally {
      statusLock.unlock();
    }
    if (cause == null) {
      log.warn("Trigger '{}' of MA '{}' failed: {}; restarting it in {} (failure {})",
          config.id(), config.ma(), reason, human(delay), count);
    } else {
      log.warn("Trigger '{}' of MA '{}' failed: {}; restarting it in {} (failure {})",
          config.id(), config.ma(), reason, human(delay), count, cause);
    }
    services.listener().healthChanged(config, failed);
    services.listener().failed(config, reason, count, delay);
    pendingRestart = services.scheduler().schedule(delay, this::restart);
  }

  /** Deactivates the instance's context, cancels its tasks, and calls its {@code stop}. */
  private void shutDown(Instance instance) {
    statusLock.lock();
    try {
      instance.context().markInactive();
    } finally {
      statusLock.unlock();
    }
    instance.context().trackingScheduler().cancelAll();
    MdcScope mdc = MdcScope.open(config.ma(), config.id());
    try {
      instance.trigger().stop();
    } catch (Throwable t) {
      Failures.rethrowIfFatal(t);
      log.warn("Trigger '{}' threw from stop(); ignored", config.id(), t);
    } finally {
      mdc.close();
    }
  }

  /**
   * A trigger that reported nothing while starting is shown healthy once {@code start} returns.
   * Triggers that connect in the background report {@code STARTING} from {@code start} instead.
   */
  private void markRunningIfSilent(HostTriggerContext context) {
    TriggerHealth running;
    statusLock.lock();
    try {
      if (!context.isActive() || context.healthReported()) {
        return;
      }
      running = new TriggerHealth(State.HEALTHY, "running", health.lastEvent(), null);
      health = running;
    } finally {
      statusLock.unlock();
    }
    services.listener().healthChanged(config, running);
  }

  /** Sets a supervisor-decided health; returns the restart count. */
  private int setHealth(State newState, String message) {
    TriggerHealth next;
    int count;
    statusLock.lock();
    try {
      count = restarts;
      Instant lastEvent = health.lastEvent();
      next = new TriggerHealth(newState, message, lastEvent, null);
      if (next.equals(health)) {
        return count;
      }
      health = next;
    } finally {
      statusLock.unlock();
    }
    services.listener().healthChanged(config, next);
    return count;
  }

  /** A short duration for people: 250ms, 1s, 1.5s, 4m, 4m16s. */
  static String human(Duration d) {
    long millis = d.toMillis();
    if (millis < 1000) {
      return millis + "ms";
    }
    if (millis < 60_000) {
      return millis % 1000 == 0
          ? millis / 1000 + "s"
          : String.format(java.util.Locale.ROOT, "%.1fs", millis / 1000.0);
    }
    long seconds = d.toSeconds();
    long minutes = seconds / 60;
    return minutes + "m" + (seconds % 60 == 0 ? "" : seconds % 60 + "s");
  }
}
