package org.autosync.testkit;

import java.time.Duration;
import java.util.Map;
import org.autosync.api.engine.ExportCounters;
import org.autosync.api.engine.OutboundFlowCounters;
import org.autosync.api.engine.StagingCounters;
import org.jspecify.annotations.Nullable;

/** What a {@link RunScript} asked for, frozen when its run is admitted. Null: not scripted. */
record ScriptedRun(
    @Nullable String result,
    @Nullable Duration duration,
    @Nullable StagingCounters staging,
    Map<String, OutboundFlowCounters> outbound,
    @Nullable ExportCounters export,
    @Nullable RunGate gate) {

  static final ScriptedRun NONE = new ScriptedRun(null, null, null, Map.of(), null, null);

  ScriptedRun {
    outbound = Map.copyOf(outbound);
  }
}
