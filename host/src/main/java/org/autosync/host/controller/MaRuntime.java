package org.autosync.host.controller;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.autosync.api.ExecutionRequest;
import org.autosync.api.engine.ProfileStep;
import org.autosync.api.engine.RunProfile;
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
  MaSettings settings;
  ProfileMappings mappings;
  final MaQueue queue = new MaQueue();
  @Nullable ActiveRun current;
  @Nullable OutsideRun outside;
  /** How many runs AutoSync started on this MA; tells stale engine snapshots apart. */
  long launches;
  /** Runs started per "kind:partition" (kind: import, sync, export); tells stale reads apart. */
  final Map<String, Long> stepStarts = new HashMap<>();
  /** The newest run number whose details were accounted for. */
  long lastSeenRun;
  boolean stopped = true;
  boolean paused;
  @Nullable String haltReason;
  /** Controller-script reviews of this MA's ended runs in progress; nothing starts meanwhile. */
  int reviews;
  /** Runs a controller script vetoed, in veto order, asked about again at {@link #askAgainAt}. */
  final List<QueuedRun> setAside = new ArrayList<>();
  @Nullable Instant askAgainAt;
  @Nullable Cancellable askAgain;
  String message = "no run yet";

  MaRuntime(ManagementAgent agent, MaSettings settings) {
    this.name = agent.name();
    this.agent = agent;
    this.settings = settings;
    this.mappings = settings.mappings().isEmpty()
        ? ProfileMappings.discover(agent)
        : settings.mappings();
  }

  void countStepStarts(RunProfile profile) {
    for (ProfileStep step : profile.steps()) {
      String partition = step.partition().toLowerCase(java.util.Locale.ROOT);
      if (step.kind().isImport()) {
        stepStarts.merge("import:" + partition, 1L, Long::sum);
      }
      if (step.kind().isSync()) {
        stepStarts.merge("sync:" + partition, 1L, Long::sum);
      }
      if (step.kind().isExport()) {
        stepStarts.merge("export:" + partition, 1L, Long::sum);
      }
    }
  }

  /**
   * The step-start counts to compare a later pending-work read against ({@link #coveredSince}).
   * A sync in progress now counts as started after it: the engine may still show the changes it is
   * synchronizing as staged, and nothing else can stage on this MA while it runs (one run per MA;
   * runs started outside AutoSync hold the MA too), so whatever the read finds staged there is
   * that sync's work. Imports and exports in progress do not count this way: other MAs' syncs
   * can add exports, and exports unconfirmed imports, while they run.
   */
  Map<String, Long> stepStartsForRead() {
    Map<String, Long> snapshot = new HashMap<>(stepStarts);
    if (current != null) {
      for (ProfileStep step : current.request.profile.steps()) {
        if (step.kind().isSync()) {
          snapshot.merge("sync:" + step.partition().toLowerCase(java.util.Locale.ROOT), -1L,
              Long::sum);
        }
      }
    }
    return Map.copyOf(snapshot);
  }

  /**
   * Whether a run that started after {@code before} was taken already covers a reconciliation
   * request: a sync covers staged imports, an export pending exports, an import unconfirmed ones.
   *
   * @return what covered it, or null when the request is still needed
   */
  @org.jspecify.annotations.Nullable String coveredSince(Map<String, Long> before,
      ExecutionRequest request) {
    String kind = switch (request.profileType()) {
      case DELTA_SYNC, FULL_SYNC -> "sync";
      case EXPORT -> "export";
      default -> "import";
    };
    for (Map.Entry<String, Long> e : stepStarts.entrySet()) {
      String key = e.getKey();
      boolean samePartition = request.partition() == null
          || key.equals(kind + ":" + request.partition().toLowerCase(java.util.Locale.ROOT));
      if (key.startsWith(kind + ":") && samePartition
          && !e.getValue().equals(before.getOrDefault(key, 0L))) {
        return "'" + name + "' started a " + kind + " of '" + key.substring(kind.length() + 1)
            + "'";
      }
    }
    return null;
  }

  /** Takes new settings (a configuration reload); mappings are discovered again if needed. */
  void reconfigure(MaSettings value) {
    this.settings = value;
    this.mappings = value.mappings().isEmpty() ? ProfileMappings.discover(agent)
        : value.mappings();
  }

  /** Whether requests for this MA are accepted. */
  boolean accepting() {
    return settings.enabled() && !stopped;
  }
}
