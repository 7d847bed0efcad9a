package org.autosync.host.trigger;

import java.time.InstantSource;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.autosync.api.ExecutionRequest;
import org.autosync.api.RequestSource;
import org.autosync.api.engine.ManagementAgent;
import org.autosync.api.trigger.Scheduler;
import org.autosync.api.trigger.StateStore;
import org.autosync.api.trigger.TriggerConfig;
import org.autosync.api.trigger.TriggerContext;
import org.autosync.api.trigger.TriggerHealth;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The context of one trigger instance. It is active from creation until the supervisor stops the
 * instance (on request or because it failed); after that, {@link #fire} and {@link #reportHealth}
 * are ignored (logged at debug) and its scheduler runs nothing, so a leftover thread of an old
 * instance cannot act for the trigger.
 *
 * <p>{@link #fire} records every request as coming from this trigger (kind {@code TRIGGER}, this
 * trigger's id, the detail the trigger gave), and refuses, without throwing, requests for an MA
 * other than the trigger's: the refusal is logged at warn and reported to the listener. Throwing
 * would risk killing the trigger's listener thread, which would drop every later change. A sink
 * that throws is logged and reported the same way; the trigger never sees the exception.
 *
 * <p><b>Threading:</b> thread-safe; every method returns quickly and takes no lock that is held
 * while trigger code runs.
 */
final class HostTriggerContext implements TriggerContext {

  static final String LOGGER_PREFIX = "autosync.trigger.";

  private final SupervisedTrigger owner;
  private final TriggerConfig config;
  private final ManagementAgent managementAgent;
  private final Services services;
  private final StateStore state;
  private final Logger log;
  private final TrackingScheduler scheduler;
  private final AtomicBoolean failureClaimed = new AtomicBoolean();
  private volatile boolean active = true;
  private volatile boolean healthReported;

  HostTriggerContext(
      SupervisedTrigger owner,
      TriggerConfig config,
      ManagementAgent managementAgent,
      Services services,
      StateStore state) {
    this.owner = owner;
    this.config = config;
    this.managementAgent = managementAgent;
    this.services = services;
    this.state = state;
    this.log = LoggerFactory.getLogger(LOGGER_PREFIX + config.id());
    this.scheduler = new TrackingScheduler(services.scheduler(), config, log);
  }

  @Override
  public TriggerConfig config() {
    return config;
  }

  @Override
  public void fire(ExecutionRequest request) {
    Objects.requireNonNull(request, "request");
    if (!active) {
      log.debug("Ignoring request {}: trigger '{}' has stopped", request, config.id());
      return;
    }
    ExecutionRequest own = request.withSource(ownSource(request.source()));
    if (!own.ma().equals(config.ma()) && !own.ma().equals(managementAgent.name())) {
      String reason = "trigger '" + config.id() + "' serves MA '" + config.ma()
          + "', not '" + own.ma() + "'";
      log.warn("Refused request {}: {}", own, reason);
      services.listener().requestRefused(config, own, reason);
      return;
    }
    if (!own.ma().equals(config.ma())) {
      own = new ExecutionRequest(config.ma(), own.profileName(), own.profileType(),
          own.partition(), own.exclusive(), own.front(), own.source());
    }
    services.listener().fired(config, own);
    try {
      services.sink().accept(own);
    } catch (Throwable t) {
      Failures.rethrowIfFatal(t);
      log.error("The controller did not accept request {}; trigger '{}' runs on",
          own, config.id(), t);
      services.listener().requestRefused(
          config, own, "the controller did not accept it: " + Failures.describe(t));
    }
  }

  @Override
  public ManagementAgent managementAgent() {
    return managementAgent;
  }

  @Override
  public Logger log() {
    return log;
  }

  @Override
  public void reportHealth(TriggerHealth health) {
    Objects.requireNonNull(health, "health");
    if (!owner.report(this, health)) {
      log.debug("Ignoring health report {} of trigger '{}': it has stopped",
          health.state(), config.id());
    }
  }

  @Override
  public InstantSource clock() {
    return services.clock();
  }

  @Override
  public Scheduler scheduler() {
    return scheduler;
  }

  @Override
  public StateStore state() {
    return state;
  }

  @Override
  public java.util.Optional<java.time.Instant> lastImport() {
    return services.lastImport().apply(config.ma());
  }

  @Override
  public String resolveSecret(String reference) {
    return services.secrets().resolve(reference);
  }

  boolean isActive() {
    return active;
  }

  /** Called by the owner under its status lock; see {@link SupervisedTrigger#report}. */
  void markInactive() {
    active = false;
  }

  boolean healthReported() {
    return healthReported;
  }

  void markHealthReported() {
    healthReported = true;
  }

  /** True the first time only: one FAILED report is enough to replace this instance. */
  boolean claimFailure() {
    return failureClaimed.compareAndSet(false, true);
  }

  TrackingScheduler trackingScheduler() {
    return scheduler;
  }

  private RequestSource ownSource(RequestSource source) {
    if (source.kind() == RequestSource.Kind.TRIGGER && source.id().equals(config.id())) {
      return source;
    }
    return RequestSource.trigger(config.id(), source.detail());
  }
}
