package org.autosync.testkit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.autosync.api.engine.ExportCounters;
import org.autosync.api.engine.InboundFlowCounters;
import org.autosync.api.engine.OutboundFlowCounters;
import org.autosync.api.engine.ProfileStep;
import org.autosync.api.engine.ResultCodes;
import org.autosync.api.engine.RunProfile;
import org.autosync.api.engine.StagingCounters;
import org.autosync.api.engine.StepDetails;
import org.autosync.api.engine.StepKind;
import org.jspecify.annotations.Nullable;

/**
 * The fake engine's state model and step semantics (see {@link FakeEngine}). Not thread-safe:
 * guarded by the engine's lock.
 */
final class FakeModel {
  final Map<String, MaState> mas;
  final List<Flow> flows;

  FakeModel(Map<String, MaState> mas, List<Flow> flows) {
    this.mas = Collections.unmodifiableMap(new LinkedHashMap<>(mas));
    this.flows = List.copyOf(flows);
  }

  @Nullable MaState ma(String name) {
    return mas.get(name);
  }

  MaState requireMa(String name) {
    MaState m = mas.get(name);
    if (m == null) {
      throw new IllegalArgumentException(
          "The fake engine has no management agent '" + name + "'; known: " + mas.keySet());
    }
    return m;
  }

  boolean isQuiet() {
    return mas.values().stream().allMatch(MaState::isQuiet);
  }

  /** Executes every step of a run that applies the model; returns the steps' details. */
  List<StepDetails> applyRun(MaState ma, RunProfile profile, ScriptedRun script, String result,
      Instant start, Instant end) {
    List<StepDetails> steps = new ArrayList<>();
    boolean stagingScripted = script.staging() != null;
    boolean outboundScripted = !script.outbound().isEmpty();
    boolean exportScripted = script.export() != null;
    for (int i = 0; i < profile.steps().size(); i++) {
      ProfileStep step = profile.steps().get(i);
      StepKind kind = step.kind();
      PartitionState p = ma.requirePartition(step.partition());
      StagingCounters staging = StagingCounters.NONE;
      InboundFlowCounters inbound = InboundFlowCounters.NONE;
      Map<String, OutboundFlowCounters> outbound = Map.of();
      ExportCounters export = ExportCounters.NONE;
      if (kind.isImport()) {
        staging = importStep(p, kind.isFull(), stagingScripted ? script.staging() : null);
        stagingScripted = false;
      }
      if (kind.isSync()) {
        long changes = p.staged - p.stagedEchoes;
        inbound = inbound(changes, p.stagedEchoes);
        outbound = syncStep(ma, changes, outboundScripted ? script.outbound() : Map.of());
        outboundScripted = false;
        p.staged = 0;
        p.stagedEchoes = 0;
      }
      if (kind.isExport()) {
        export = exportStep(p, exportScripted ? script.export() : null);
        exportScripted = false;
      }
      boolean last = i == profile.steps().size() - 1;
      steps.add(new StepDetails(i + 1, kind, p.name, last ? result : ResultCodes.SUCCESS,
          i == 0 ? start : end, end, staging, inbound, outbound, export, List.of()));
    }
    return steps;
  }

  /** The details of a run that ended without doing its work: its first step, with no counters. */
  static List<StepDetails> unappliedRun(MaState ma, RunProfile profile, String result,
      Instant start, Instant end) {
    ProfileStep first = profile.steps().getFirst();
    return List.of(new StepDetails(1, first.kind(), ma.requirePartition(first.partition()).name,
        result, start, end, StagingCounters.NONE, InboundFlowCounters.NONE, Map.of(),
        ExportCounters.NONE, List.of()));
  }

  private static StagingCounters importStep(PartitionState p, boolean full,
      @Nullable StagingCounters scripted) {
    long changes = p.changesInSystem;
    long echoes = p.unconfirmed;
    p.changesInSystem = 0;
    p.unconfirmed = 0;
    if (scripted != null) {
      p.staged += scripted.changes();
      return scripted;
    }
    long staged = changes + echoes;
    p.staged += staged;
    p.stagedEchoes += echoes;
    long noChange = full ? Math.max(0, p.connectorSpaceSize - staged) : 0;
    return new StagingCounters(noChange, 0, staged, 0, 0, 0, 0);
  }

  private static InboundFlowCounters inbound(long flow, long noFlow) {
    return new InboundFlowCounters(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, flow, 0, noFlow, 0, 0, 0, 0);
  }

  private Map<String, OutboundFlowCounters> syncStep(MaState source, long changes,
      Map<String, OutboundFlowCounters> scripted) {
    Map<String, OutboundFlowCounters> outbound = new LinkedHashMap<>();
    Map<String, Flow> flowByTarget = new LinkedHashMap<>();
    for (Flow flow : flows) {
      if (flow.source().equals(source.name())) {
        flowByTarget.putIfAbsent(flow.target(), flow);
        if (changes > 0 && !scripted.containsKey(flow.target())) {
          outbound.merge(flow.target(), OutboundFlowCounters.connectorFlow(changes),
              FakeModel::plus);
          requireMa(flow.target()).requirePartition(flow.targetPartition()).pendingExports +=
              changes;
        }
      }
    }
    scripted.forEach((target, counters) -> {
      MaState t = requireMa(target);
      Flow flow = flowByTarget.get(target);
      PartitionState tp = flow == null
          ? t.partitions.getFirst()
          : t.requirePartition(flow.targetPartition());
      tp.pendingExports += counters.changes();
      if (counters.changes() + counters.connectorNoFlow() > 0) {
        outbound.put(target, counters);
      }
    });
    return outbound;
  }

  private static ExportCounters exportStep(PartitionState p, @Nullable ExportCounters scripted) {
    if (scripted == null) {
      long pending = p.pendingExports;
      p.pendingExports = 0;
      p.unconfirmed += pending;
      return pending == 0 ? ExportCounters.NONE : new ExportCounters(0, pending, 0, 0, 0, 0);
    }
    long written = scripted.add() + scripted.update() + scripted.rename() + scripted.delete()
        + scripted.deleteAdd();
    p.pendingExports = Math.max(0, p.pendingExports - written);
    p.unconfirmed += written;
    return scripted;
  }

  private static OutboundFlowCounters plus(OutboundFlowCounters a, OutboundFlowCounters b) {
    return new OutboundFlowCounters(
        a.provisionedAddFlow() + b.provisionedAddFlow(),
        a.provisionedAddNoFlow() + b.provisionedAddNoFlow(),
        a.provisionedRenameFlow() + b.provisionedRenameFlow(),
        a.provisionedRenameNoFlow() + b.provisionedRenameNoFlow(),
        a.provisionedDisconnect() + b.provisionedDisconnect(),
        a.provisionedDeleteAddFlow() + b.provisionedDeleteAddFlow(),
        a.provisionedDeleteAddNoFlow() + b.provisionedDeleteAddNoFlow(),
        a.connectorFlow() + b.connectorFlow(),
        a.connectorNoFlow() + b.connectorNoFlow());
  }

  String describe() {
    StringBuilder sb = new StringBuilder();
    for (MaState m : mas.values()) {
      for (PartitionState p : m.partitions) {
        sb.append('\'').append(m.name()).append("' ").append(p).append('\n');
      }
    }
    return sb.toString();
  }
}
