package org.autosync.host.controller;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.autosync.api.ExecutionRequest;
import org.autosync.api.ProfileType;
import org.autosync.api.RequestSource;
import org.autosync.api.engine.PartitionWork;
import org.autosync.api.engine.PendingWork;

/**
 * Turns the engine's pending work into requests, so that nothing is left behind (DESIGN §3.3):
 * staged imports → delta sync; pending exports → export; unconfirmed exports → confirming import.
 * Counts the engine cannot tell are noted, not guessed.
 *
 * <p>Stateless.
 */
final class Reconciler {

  private Reconciler() {}

  static List<ExecutionRequest> plan(PendingWork work, String why, List<String> notes) {
    List<ExecutionRequest> requests = new ArrayList<>();
    if (work.partitions().isEmpty()) {
      notes.add("engine cannot tell the pending work of '" + work.ma() + "'");
      return requests;
    }
    for (PartitionWork p : work.partitions()) {
      add(requests, notes, work.ma(), p, p.stagedImports(), ProfileType.DELTA_SYNC,
          "staged import(s)", why);
      add(requests, notes, work.ma(), p, p.pendingExports(), ProfileType.EXPORT,
          "pending export(s)", why);
      add(requests, notes, work.ma(), p, p.unconfirmedExports(), ProfileType.CONFIRMING_IMPORT,
          "unconfirmed export(s)", why);
    }
    return requests;
  }

  private static void add(List<ExecutionRequest> requests, List<String> notes, String ma,
      PartitionWork p, OptionalLong count, ProfileType type, String what, String why) {
    String where = p.wholeMa() ? "'" + ma + "'" : "'" + ma + "'/'" + p.partition() + "'";
    if (count.isEmpty()) {
      notes.add("engine cannot tell the " + what + " of " + where);
      return;
    }
    if (count.getAsLong() > 0) {
      requests.add(ExecutionRequest.ofType(ma, type, p.partition())
          .withSource(RequestSource.reconcile(
              why + ": " + count.getAsLong() + " " + what + " on " + where)));
    }
  }
}
