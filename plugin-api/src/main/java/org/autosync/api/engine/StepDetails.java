package org.autosync.api.engine;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One executed step of a run with every counter the engine keeps.
 *
 * <p>Immutable and thread-safe.
 *
 * @param stepNumber 1 for the first step of the run
 * @param kind what the step did
 * @param partition the partition's name
 * @param result the step's result code
 * @param start when the step started; null if unknown
 * @param end when the step ended; null if unknown or still running
 * @param staging import staging counters; {@link StagingCounters#NONE} for non-import steps
 * @param inbound inbound flow counters; {@link InboundFlowCounters#NONE} for non-sync steps
 * @param outbound outbound flow counters by target MA name (only targets with counters appear)
 * @param export export counters; {@link ExportCounters#NONE} for non-export steps
 * @param errors per-object errors
 */
public record StepDetails(
    int stepNumber,
    StepKind kind,
    String partition,
    String result,
    @Nullable Instant start,
    @Nullable Instant end,
    StagingCounters staging,
    InboundFlowCounters inbound,
    Map<String, OutboundFlowCounters> outbound,
    ExportCounters export,
    List<RunError> errors) {

  public StepDetails {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(partition, "partition");
    Objects.requireNonNull(result, "result");
    Objects.requireNonNull(staging, "staging");
    Objects.requireNonNull(inbound, "inbound");
    Objects.requireNonNull(export, "export");
    outbound = Map.copyOf(outbound);
    errors = List.copyOf(errors);
    if (stepNumber < 1) {
      throw new IllegalArgumentException("stepNumber starts at 1, got " + stepNumber);
    }
  }

  /** Whether the step staged changes that a sync must process. */
  public boolean stagedChanges() {
    return kind.isImport() && staging.hasChanges();
  }

  /** Whether the step exported anything, failures included, so that a confirming import is due. */
  public boolean exportedChanges() {
    return kind.isExport() && export.hasChanges();
  }

  /** The target MAs for which this step produced outbound changes. */
  public List<String> outboundTargets() {
    return outbound.entrySet().stream()
        .filter(e -> e.getValue().hasChanges())
        .map(Map.Entry::getKey)
        .sorted()
        .toList();
  }
}
