package org.autosync.engine.embedded.sync;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.autosync.api.engine.ExportCounters;
import org.autosync.api.engine.InboundFlowCounters;
import org.autosync.api.engine.OutboundFlowCounters;
import org.autosync.api.engine.RunError;
import org.autosync.api.engine.StagingCounters;
import org.autosync.api.engine.StepDetails;
import org.autosync.api.engine.StepKind;

/** Counts what one step does and turns it into {@link StepDetails}. Confined to the step. */
public final class StepRecorder {

  /** Staging counters. */
  public enum Stage { NO_CHANGE, ADD, UPDATE, RENAME, DELETE, DELETE_ADD, FAILURE }

  /** Inbound flow counters, in MIM's order. */
  public enum Inbound {
    DISCONNECTOR_FILTERED, DISCONNECTOR_JOINED_NO_FLOW, DISCONNECTOR_JOINED_FLOW,
    DISCONNECTOR_JOINED_REMOVE_MV, DISCONNECTOR_PROJECTED_NO_FLOW, DISCONNECTOR_PROJECTED_FLOW,
    DISCONNECTOR_PROJECTED_REMOVE_MV, DISCONNECTOR_REMAINS, CONNECTOR_FILTERED_REMOVE_MV,
    CONNECTOR_FILTERED_LEAVE_MV, CONNECTOR_FLOW, CONNECTOR_FLOW_REMOVE_MV, CONNECTOR_NO_FLOW,
    CONNECTOR_DELETE_REMOVE_MV, CONNECTOR_DELETE_LEAVE_MV, CONNECTOR_DELETE_ADD_PROCESSED,
    FLOW_FAILURE
  }

  /** Outbound flow counters, in the order of {@link OutboundFlowCounters}. */
  public enum Outbound {
    PROVISIONED_ADD_FLOW, PROVISIONED_ADD_NO_FLOW, PROVISIONED_RENAME_FLOW,
    PROVISIONED_RENAME_NO_FLOW, PROVISIONED_DISCONNECT, PROVISIONED_DELETE_ADD_FLOW,
    PROVISIONED_DELETE_ADD_NO_FLOW, CONNECTOR_FLOW, CONNECTOR_NO_FLOW
  }

  /** Export counters. */
  public enum Export { ADD, UPDATE, RENAME, DELETE, DELETE_ADD, FAILURE }

  private final long[] staging = new long[Stage.values().length];
  private final long[] inbound = new long[Inbound.values().length];
  private final Map<String, long[]> outbound = new LinkedHashMap<>();
  private final long[] export = new long[Export.values().length];
  /** Errors kept per step; the counters still count every one. */
  public static final int MAX_ERRORS = 1000;

  private final List<RunError> errors = new ArrayList<>();
  private long droppedErrors;

  public void count(Stage s) {
    staging[s.ordinal()]++;
  }

  public void count(Inbound i) {
    inbound[i.ordinal()]++;
  }

  public void count(String targetMa, Outbound o) {
    outbound.computeIfAbsent(targetMa, k -> new long[Outbound.values().length])[o.ordinal()]++;
  }

  public void count(Export e) {
    export[e.ordinal()]++;
  }

  public void error(RunError.Phase phase, String type, String object, String detail) {
    if (errors.size() < MAX_ERRORS) {
      errors.add(new RunError(phase, type, object, detail));
    } else {
      droppedErrors++;
    }
  }

  public long staged(Stage s) {
    return staging[s.ordinal()];
  }

  public long exported(Export e) {
    return export[e.ordinal()];
  }

  public boolean hasErrors(RunError.Phase phase) {
    return errors.stream().anyMatch(e -> e.phase() == phase);
  }

  public StepDetails build(int number, StepKind kind, String partition, String result,
      Instant start, Instant end) {
    long[] s = staging;
    long[] i = inbound;
    long[] x = export;
    Map<String, OutboundFlowCounters> out = new LinkedHashMap<>();
    outbound.forEach((ma, o) -> out.put(ma, new OutboundFlowCounters(o[0], o[1], o[2], o[3],
        o[4], o[5], o[6], o[7], o[8])));
    List<RunError> kept = new ArrayList<>(errors);
    if (droppedErrors > 0) {
      RunError last = errors.getLast();
      kept.add(new RunError(last.phase(), "more-errors-not-kept", "",
          droppedErrors + " more error(s) in this step were counted but not kept"));
    }
    return new StepDetails(number, kind, partition, result, start, end,
        new StagingCounters(s[0], s[1], s[2], s[3], s[4], s[5], s[6]),
        new InboundFlowCounters(i[0], i[1], i[2], i[3], i[4], i[5], i[6], i[7], i[8], i[9],
            i[10], i[11], i[12], i[13], i[14], i[15], i[16]),
        out, new ExportCounters(x[0], x[1], x[2], x[3], x[4], x[5]), kept);
  }
}
