package org.autosync.host.controller;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.autosync.api.engine.ExportCounters;
import org.autosync.api.engine.InboundFlowCounters;
import org.autosync.api.engine.ManagementAgent;
import org.autosync.api.engine.OutboundFlowCounters;
import org.autosync.api.engine.Partition;
import org.autosync.api.engine.RunDetails;
import org.autosync.api.engine.RunProfile;
import org.autosync.api.engine.StagingCounters;
import org.autosync.api.engine.StepDetails;
import org.autosync.api.engine.StepKind;

/** Small builders for run details and MAs in unit tests. */
final class Fixtures {
  private Fixtures() {}

  static ManagementAgent ma(String name, String category, RunProfile... profiles) {
    return new ManagementAgent(name, name, category, List.of(Partition.named("default")),
        List.of(profiles), Set.of(), Map.of());
  }

  static RunProfile profile(String name, StepKind... kinds) {
    List<org.autosync.api.engine.ProfileStep> steps = new ArrayList<>();
    for (StepKind k : kinds) {
      steps.add(new org.autosync.api.engine.ProfileStep(k, "default"));
    }
    return new RunProfile(name, steps);
  }

  static StagingCounters staged(long updates) {
    return new StagingCounters(0, 0, updates, 0, 0, 0, 0);
  }

  static final class Run {
    private final String ma;
    private final List<StepDetails> steps = new ArrayList<>();

    Run(String ma) {
      this.ma = ma;
    }

    Run step(StepKind kind, String partition, StagingCounters staging,
        Map<String, OutboundFlowCounters> outbound, ExportCounters export) {
      steps.add(new StepDetails(steps.size() + 1, kind, partition, "success", null, null,
          staging, InboundFlowCounters.NONE, outbound, export, List.of()));
      return this;
    }

    Run importing(StepKind kind, String partition, long staged) {
      return step(kind, partition, Fixtures.staged(staged), Map.of(), ExportCounters.NONE);
    }

    Run syncing(StepKind kind, String partition, Map<String, OutboundFlowCounters> outbound) {
      return step(kind, partition, StagingCounters.NONE, outbound, ExportCounters.NONE);
    }

    Run exporting(String partition, ExportCounters export) {
      return step(StepKind.EXPORT, partition, StagingCounters.NONE, Map.of(), export);
    }

    RunDetails build() {
      return new RunDetails(7, ma, "P", "success", null, null, steps);
    }
  }

  static Run run(String ma) {
    return new Run(ma);
  }
}
