package org.autosync.testkit;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.autosync.api.engine.ExportCounters;
import org.autosync.api.engine.OutboundFlowCounters;
import org.autosync.api.engine.RunProfile;
import org.autosync.api.engine.StagingCounters;
import org.jspecify.annotations.Nullable;

/**
 * How one future run of a profile of a {@link FakeEngine} behaves: its result, duration, counters,
 * and whether it waits for a {@link RunGate}. Created by {@link FakeEngine#onRun}; whatever is not
 * scripted behaves as the engine's defaults and model say.
 *
 * <pre>{@code
 * engine.onRun("AD", "E:DC=corp").result(ResultCodes.STOPPED_DEADLOCKED);      // next export fails
 * engine.onRun("HR", "DI").staging(new StagingCounters(0, 2, 3, 0, 1, 0, 0)); // then stages 6
 * RunGate gate = engine.onRun("HR", "DS").duration(Duration.ofSeconds(1)).blockUntilReleased();
 * }</pre>
 *
 * <p>Scripted counters replace the computed ones of the first step of their kind and act on the
 * model like computed ones: staged changes add to the partition's staged imports (none of them
 * echoes; the import still takes the system's waiting changes and unconfirmed exports); outbound
 * changes for a target add to its pending exports (in the flow's target partition, else its
 * first); an export moves what it wrote (add + update + rename + delete + delete-add) from pending
 * to unconfirmed, failures staying pending. Counters act only when the run's result applies the
 * model ({@code success} and {@code completed-*}).
 *
 * <p><b>Threading:</b> thread-safe, but finish scripting a run before it can start: the script is
 * read when the engine admits the run.
 */
public final class RunScript {
  private final String ma;
  private final RunProfile profile;
  private final Set<String> knownMas;

  private @Nullable String result;
  private @Nullable Duration duration;
  private @Nullable StagingCounters staging;
  private final Map<String, OutboundFlowCounters> outbound = new LinkedHashMap<>();
  private @Nullable ExportCounters export;
  private @Nullable RunGate gate;

  RunScript(String ma, RunProfile profile, Set<String> knownMas) {
    this.ma = ma;
    this.profile = profile;
    this.knownMas = knownMas;
  }

  /**
   * The run's result code. {@code success} and {@code completed-*} apply the model; {@code
   * no-start-*} codes are refusals (no effect, nothing recorded, {@code RunResult.notRecorded});
   * anything else is recorded as a run without effect.
   */
  public synchronized RunScript result(String code) {
    Objects.requireNonNull(code, "code");
    if (code.isBlank()) {
      throw new IllegalArgumentException("A result code cannot be blank");
    }
    this.result = code;
    return this;
  }

  /** How long the run takes; {@link FakeEngine#stop} cuts it short. Zero means no wait at all. */
  public synchronized RunScript duration(Duration value) {
    Objects.requireNonNull(value, "duration");
    if (value.isNegative()) {
      throw new IllegalArgumentException("A run cannot take a negative time: " + value);
    }
    this.duration = value;
    return this;
  }

  /** The staging counters of the run's first import step. */
  public synchronized RunScript staging(StagingCounters counters) {
    Objects.requireNonNull(counters, "counters");
    require(profile.hasImport(), "an import step");
    this.staging = counters;
    return this;
  }

  /** The outbound counters for {@code targetMa} of the run's first sync step. */
  public synchronized RunScript outbound(String targetMa, OutboundFlowCounters counters) {
    Objects.requireNonNull(targetMa, "targetMa");
    Objects.requireNonNull(counters, "counters");
    require(profile.hasSync(), "a sync step");
    if (!knownMas.contains(targetMa) || targetMa.equals(ma)) {
      throw new IllegalArgumentException("Cannot script outbound counters from '" + ma
          + "' for '" + targetMa + "'; targets are the other MAs: " + knownMas);
    }
    outbound.put(targetMa, counters);
    return this;
  }

  /** The export counters of the run's first export step. */
  public synchronized RunScript export(ExportCounters counters) {
    Objects.requireNonNull(counters, "counters");
    require(profile.hasExport(), "an export step");
    this.export = counters;
    return this;
  }

  /**
   * Makes the run wait, once started, until the returned gate is released (or the run is
   * stopped). Calling it again returns the same gate.
   */
  public synchronized RunGate blockUntilReleased() {
    if (gate == null) {
      gate = new RunGate("'" + profile.name() + "' on '" + ma + "'");
    }
    return gate;
  }

  synchronized ScriptedRun freeze() {
    return new ScriptedRun(result, duration, staging, outbound, export, gate);
  }

  private void require(boolean present, String what) {
    if (!present) {
      throw new IllegalStateException(
          "Profile '" + profile.name() + "' of '" + ma + "' has no " + what + " to script");
    }
  }

  @Override
  public synchronized String toString() {
    return "RunScript['" + profile.name() + "' on '" + ma + "'" + freeze() + "]";
  }
}
