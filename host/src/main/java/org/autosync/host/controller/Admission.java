package org.autosync.host.controller;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.autosync.api.engine.ManagementAgent;
import org.autosync.api.engine.RunProfile;
import org.jspecify.annotations.Nullable;

/**
 * Decides whether a queued run may start now: {@code admit}, or {@code wait} with the reason.
 * Stateless apart from its configuration; the controller hands it what is running and what waits
 * ahead in line.
 *
 * <p>Rules (DESIGN §3.4): one run per MA; by run mode, runs that synchronize run alone
 * ({@code supported}), every run runs alone ({@code exclusive}), or syncs are serialised
 * ({@code unsupported}); exclusive requests run alone; MIM Service MAs' delta imports (and exports,
 * unless configured otherwise) take the sync slot; {@code lockWith} MAs never overlap; outside runs
 * hold what they would hold had AutoSync started them. Fairness: a request that waits keeps its
 * place, so a later request that would conflict with it waits behind it; an alone-run first in line
 * therefore stops new admissions until the runs before it end.
 */
final class Admission {

  /** A decision with its reason; the reason of an admission says what it needed. */
  record Decision(boolean admitted, String reason) {
    static Decision admit() {
      return new Decision(true, "admitted");
    }

    static Decision waitFor(String reason) {
      return new Decision(false, reason);
    }
  }

  private final RunMode mode;
  private final boolean fimExportTakesSyncSlot;
  private final Map<String, Set<String>> lockGroups;

  Admission(RunMode mode, boolean fimExportTakesSyncSlot, Map<String, Set<String>> lockWith) {
    this.mode = mode;
    this.fimExportTakesSyncSlot = fimExportTakesSyncSlot;
    Map<String, Set<String>> groups = new HashMap<>();
    lockWith.forEach((ma, others) -> {
      for (String other : others) {
        groups.computeIfAbsent(ma, k -> new HashSet<>()).add(other);
        groups.computeIfAbsent(other, k -> new HashSet<>()).add(ma);
      }
    });
    this.lockGroups = groups;
  }

  /** The shape of a run AutoSync would start. */
  RunShape shapeOf(ManagementAgent ma, RunProfile profile, boolean exclusiveRequest) {
    String syncSlot = syncSlotReason(ma, profile);
    String alone = null;
    if (exclusiveRequest) {
      alone = "exclusive request";
    } else if (mode == RunMode.EXCLUSIVE) {
      alone = "run mode exclusive";
    } else if (mode == RunMode.SUPPORTED && syncSlot != null) {
      alone = syncSlot + " (run mode supported)";
    }
    return new RunShape(ma.name(), profile.name(), alone, syncSlot, lockGroup(ma.name()), false);
  }

  /**
   * The shape of a run someone else started. An unknown profile is assumed to synchronize, the
   * safe assumption.
   */
  RunShape shapeOfOutside(ManagementAgent ma, String profileName, @Nullable RunProfile profile) {
    String syncSlot = profile == null
        ? "unknown profile '" + profileName + "' assumed to synchronize"
        : syncSlotReason(ma, profile);
    String alone = null;
    if (mode == RunMode.EXCLUSIVE) {
      alone = "run mode exclusive";
    } else if (mode == RunMode.SUPPORTED && syncSlot != null) {
      alone = syncSlot + " (run mode supported)";
    }
    return new RunShape(ma.name(), profileName, alone, syncSlot, lockGroup(ma.name()), true);
  }

  private @Nullable String syncSlotReason(ManagementAgent ma, RunProfile profile) {
    if (profile.hasSync()) {
      return "'" + profile.name() + "' synchronizes";
    }
    if (ma.isFim() && profile.hasDeltaImport()) {
      return "delta import of MIM Service MA takes the sync slot";
    }
    if (ma.isFim() && fimExportTakesSyncSlot && profile.hasExport()) {
      return "export of MIM Service MA takes the sync slot";
    }
    return null;
  }

  private Set<String> lockGroup(String ma) {
    return Set.copyOf(lockGroups.getOrDefault(ma, Set.of()));
  }

  /**
   * Whether {@code candidate} may start now.
   *
   * @param running runs in progress, AutoSync's and outside ones
   * @param ahead requests earlier in line that are waiting
   */
  Decision decide(RunShape candidate, Collection<RunShape> running, Collection<RunShape> ahead) {
    for (RunShape r : running) {
      String conflict = conflict(candidate, r);
      if (conflict != null) {
        return Decision.waitFor(conflict + ": " + r.describe());
      }
    }
    for (RunShape w : ahead) {
      String conflict = conflict(candidate, w);
      if (conflict != null) {
        return Decision.waitFor("behind earlier request '" + w.ma() + "' '" + w.profile()
            + "' (" + conflict + ")");
      }
    }
    return Decision.admit();
  }

  /** Why {@code a} and {@code b} cannot run together; null if they can. */
  static @Nullable String conflict(RunShape a, RunShape b) {
    if (a.ma().equals(b.ma())) {
      return "one run per MA";
    }
    if (a.alone() != null) {
      return "runs alone, " + a.alone();
    }
    if (b.alone() != null) {
      return "other runs alone, " + b.alone();
    }
    if (a.syncSlot() != null && b.syncSlot() != null) {
      return "sync slot held (" + b.syncSlot() + ")";
    }
    if (a.lockGroup().contains(b.ma())) {
      return "lockWith '" + b.ma() + "'";
    }
    return null;
  }
}
