package org.autosync.host.controller;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One decision of the controller, with its reason. Every queueing, admission, run, follow-up,
 * retry, threshold and lifecycle decision produces one, so that the log, status and journal can
 * answer "why did this run?" and "why is this waiting?".
 *
 * <p>Immutable and thread-safe.
 *
 * @param sequence position in the controller's event stream, from 1
 * @param time when the decision was made, on the controller's clock
 * @param type what was decided
 * @param severity how much attention it needs
 * @param ma the MA concerned; null for controller-wide events
 * @param profile the run profile concerned; null if none
 * @param runNumber the engine's run number concerned; null if none
 * @param message the decision and its reason, for people
 */
public record ControllerEvent(
    long sequence,
    Instant time,
    Type type,
    Severity severity,
    @Nullable String ma,
    @Nullable String profile,
    @Nullable Long runNumber,
    String message) {

  /** What was decided. */
  public enum Type {
    CONTROLLER_STARTED,
    CONTROLLER_STOPPING,
    CONTROLLER_STOPPED,
    REQUEST_QUEUED,
    REQUEST_COALESCED,
    REQUEST_DROPPED,
    WAITING,
    RUN_STARTED,
    RUN_ENDED,
    FOLLOW_UP_PLANNED,
    RETRY_SCHEDULED,
    RETRIES_EXHAUSTED,
    TIME_LIMIT_EXCEEDED,
    OUTSIDE_RUN_STARTED,
    OUTSIDE_RUN_ENDED,
    RECONCILED,
    THRESHOLD_BREACHED,
    MA_HALTED,
    MA_RESUMED,
    /** A controller script's {@code shouldExecute} vetoed a run: it is set aside, asked again. */
    RUN_VETOED,
    /**
     * A controller script failed: its file does not load (the previous version answering), or
     * {@code executionComplete} threw or ran too long.
     */
    CONTROLLER_SCRIPT_FAILED,
    /** A controller script whose file did not load loads again. */
    CONTROLLER_SCRIPT_RECOVERED,
    /** A controller script halted the whole service: nothing starts on any MA until resumed. */
    SERVICE_HALTED,
    /** An operator resumed the service after a halt. */
    SERVICE_RESUMED,
    MA_PAUSED,
    MA_STARTED,
    MA_STOPPED,
    ENGINE_ERROR,
    STATE_SAVE_FAILED,
    CONFIG_RELOADED,
    CONFIG_REJECTED,
    TRIGGER_STARTED,
    TRIGGER_FIRED,
    TRIGGER_FAILED,
    TRIGGER_HEALTH,
    TRIGGER_STOPPED
  }

  /** How much attention an event needs. */
  public enum Severity {
    DEBUG,
    INFO,
    WARNING,
    /** Someone should look: failed runs, breached thresholds, exhausted retries. */
    ALERT
  }

  public ControllerEvent {
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(message, "message");
  }

  @Override
  public String toString() {
    return time + " " + severity + " " + type
        + (ma == null ? "" : " [" + ma + "]")
        + " " + message;
  }
}
