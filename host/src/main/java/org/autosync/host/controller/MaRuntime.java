package org.autosync.host.controller;

import java.time.Instant;
import org.autosync.api.engine.ManagementAgent;
import org.autosync.api.trigger.Cancellable;
import org.jspecify.annotations.Nullable;

/** The controller's state of one MA. Confined to the controller thread. */
final class MaRuntime {

  /** A run AutoSync started. */
  static final class ActiveRun {
    final QueuedRun request;
    final RunShape shape;
    final Instant started;
    @Nullable Cancellable timeLimit;
    boolean timeLimitHit;

    ActiveRun(QueuedRun request, RunShape shape, Instant started) {
      this.request = request;
      this.shape = shape;
      this.started = started;
    }
  }

  /** A run someone else started, held until the engine says it ended. */
  record OutsideRun(String profile, RunShape shape, Instant noticed) {}

  final String name;
  final ManagementAgent agent;
  final MaSettings settings;
  final ProfileMappings mappings;
  final MaQueue queue = new MaQueue();
  @Nullable ActiveRun current;
  @Nullable OutsideRun outside;
  /** How many runs AutoSync started on this MA; tells stale engine snapshots apart. */
  long launches;
  /** The newest run number whose details were accounted for. */
  long lastSeenRun;
  boolean stopped = true;
  boolean paused;
  @Nullable String haltReason;
  String message = "no run yet";

  MaRuntime(ManagementAgent agent, MaSettings settings) {
    this.name = agent.name();
    this.agent = agent;
    this.settings = settings;
    this.mappings = settings.mappings().isEmpty()
        ? ProfileMappings.discover(agent)
        : settings.mappings();
  }

  /** Whether requests for this MA are accepted. */
  boolean accepting() {
    return settings.enabled() && !stopped;
  }
}
