package org.autosync.host.controller;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Function;
import org.autosync.api.ExecutionRequest;
import org.autosync.api.ProfileType;
import org.autosync.api.RequestSource;
import org.autosync.api.engine.OutboundFlowCounters;
import org.autosync.api.engine.PartitionWork;
import org.autosync.api.engine.PendingWork;
import org.autosync.api.engine.RunDetails;
import org.autosync.api.engine.StepDetails;

/**
 * Plans the runs that follow from a run's details (DESIGN §3.2), whoever started the run.
 *
 * <p>Walking the steps oldest first: an import that staged changes leads to a delta sync of that
 * partition (front of the queue) unless a later step of the run, or the step itself, synchronized
 * it; an export with any counter above zero leads to a confirming import of that partition (front)
 * unless a later step imported it; a sync with outbound changes for MA T leads to an export on each
 * of T's partitions with pending exports, or all of them where the engine cannot tell (back of T's
 * queue).
 *
 * <p>Stateless; {@code pendingWork} is asked only for targets with outbound changes.
 */
final class FollowUpPlanner {

  /** A planned request and why: the reason is also in the request's source. */
  record Planned(ExecutionRequest request, String reason) {}

  private FollowUpPlanner() {}

  static List<Planned> plan(RunDetails run, Function<String, PendingWork> pendingWork,
      List<String> notes) {
    List<Planned> planned = new ArrayList<>();
    List<StepDetails> steps = run.steps();
    for (int i = 0; i < steps.size(); i++) {
      StepDetails step = steps.get(i);
      if (step.stagedChanges() && !laterStepSyncs(steps, i, step.partition())) {
        String why = "step " + step.stepNumber() + " staged " + step.staging().changes()
            + " change(s) on '" + step.partition() + "'";
        planned.add(followUp(run, ProfileType.DELTA_SYNC, run.ma(), step.partition(), true, why));
      }
      if (step.exportedChanges() && !laterStepImports(steps, i, step.partition())) {
        String why = "step " + step.stepNumber() + " exported to '" + step.partition() + "'";
        planned.add(
            followUp(run, ProfileType.CONFIRMING_IMPORT, run.ma(), step.partition(), true, why));
      }
      if (step.kind().isSync()) {
        for (String target : step.outboundTargets()) {
          OutboundFlowCounters out = step.outbound().get(target);
          String why = "step " + step.stepNumber() + " sent " + out.changes()
              + " outbound change(s) to '" + target + "'";
          planExports(run, target, why, pendingWork, planned, notes);
        }
      }
    }
    return planned;
  }

  private static void planExports(RunDetails run, String target, String why,
      Function<String, PendingWork> pendingWork, List<Planned> planned, List<String> notes) {
    PendingWork work;
    try {
      work = pendingWork.apply(target);
    } catch (RuntimeException e) {
      notes.add("could not read pending exports of '" + target + "' (" + e.getMessage()
          + "); exporting every partition");
      work = PendingWork.unknown(target);
    }
    if (work.partitions().isEmpty()) {
      planned.add(followUp(run, ProfileType.EXPORT, target, null, false,
          why + "; engine cannot tell which partitions have pending exports"));
      return;
    }
    for (PartitionWork p : work.partitions()) {
      OptionalLong pending = p.pendingExports();
      if (pending.isPresent() && pending.getAsLong() == 0) {
        continue;
      }
      String detail = pending.isPresent()
          ? why + "; " + pending.getAsLong() + " pending export(s)"
          : why + "; engine cannot tell the pending exports";
      planned.add(followUp(run, ProfileType.EXPORT, target, p.partition(), false, detail));
    }
    if (planned.stream().noneMatch(x -> x.request().ma().equals(target))) {
      notes.add(why + ", but '" + target + "' has no pending exports");
    }
  }

  private static boolean laterStepSyncs(List<StepDetails> steps, int from, String partition) {
    for (int j = from; j < steps.size(); j++) {
      if (steps.get(j).kind().isSync() && steps.get(j).partition().equalsIgnoreCase(partition)) {
        return true;
      }
    }
    return false;
  }

  private static boolean laterStepImports(List<StepDetails> steps, int from, String partition) {
    for (int j = from + 1; j < steps.size(); j++) {
      if (steps.get(j).kind().isImport()
          && steps.get(j).partition().equalsIgnoreCase(partition)) {
        return true;
      }
    }
    return false;
  }

  private static Planned followUp(RunDetails run, ProfileType type, String ma,
      String partition, boolean front, String why) {
    ExecutionRequest request = ExecutionRequest.ofType(ma, type, partition)
        .withFront(front)
        .withSource(RequestSource.followUp(run.ma(), run.runNumber(), why));
    return new Planned(request, why);
  }
}
