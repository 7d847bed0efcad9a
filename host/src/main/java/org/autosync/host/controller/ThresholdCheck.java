package org.autosync.host.controller;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Function;
import org.autosync.api.engine.RunDetails;
import org.autosync.api.engine.StepDetails;

/**
 * Compares what a run's import steps staged with the MA's staging thresholds (DESIGN §3.6).
 *
 * <p>Stateless. A percentage threshold needs the partition's connector-space size; where the engine
 * cannot tell it, the threshold is noted as not evaluated rather than guessed.
 */
final class ThresholdCheck {

  private ThresholdCheck() {}

  /**
   * @return one message per breach, such as "step 1 staged 120 delete(s) on 'default' (limit 50)"
   */
  static List<String> breaches(RunDetails run, List<StagingThreshold> thresholds,
      Function<String, OptionalLong> connectorSpaceSize, List<String> notes) {
    List<String> breaches = new ArrayList<>();
    if (thresholds.isEmpty()) {
      return breaches;
    }
    for (StepDetails step : run.steps()) {
      if (!step.kind().isImport()) {
        continue;
      }
      for (StagingThreshold t : thresholds) {
        if (!t.appliesTo(step.partition())) {
          continue;
        }
        long count = t.operation().count(step.staging());
        boolean breached;
        if (t.percent()) {
          if (count == 0) {
            continue;
          }
          OptionalLong size = connectorSpaceSize.apply(step.partition());
          if (size.isEmpty() || size.getAsLong() == 0) {
            notes.add("cannot evaluate " + t.describeLimit() + " for " + t.operation().label()
                + " on '" + step.partition() + "': connector space size unknown");
            continue;
          }
          breached = count * 100.0 / size.getAsLong() > t.limit();
        } else {
          breached = count > t.limit();
        }
        if (breached) {
          breaches.add("step " + step.stepNumber() + " staged " + count + " "
              + t.operation().label() + "(s) on '" + step.partition() + "' ("
              + t.describeLimit() + ")");
        }
      }
    }
    return breaches;
  }
}
