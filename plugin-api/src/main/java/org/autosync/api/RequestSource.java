package org.autosync.api;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Where an {@link ExecutionRequest} came from, so that every run can answer "why did this run?".
 *
 * <p>Immutable and thread-safe.
 *
 * @param kind what produced the request
 * @param id the trigger id, the MA whose run caused a follow-up, or the operator's name
 * @param runNumber for follow-ups, the run number of the run that implied the request
 * @param detail a short human-readable explanation, such as "staged 3 changes on 'default'"
 */
public record RequestSource(Kind kind, String id, @Nullable Long runNumber, String detail) {

  /** What produced a request. */
  public enum Kind {
    /** A trigger plugin or script trigger. */
    TRIGGER,
    /** Follow-up planning from a run's details. */
    FOLLOW_UP,
    /** Reconciliation with the engine's pending work. */
    RECONCILE,
    /** A retry of a request whose run failed with a retryable result. */
    RETRY,
    /** A person, through the CLI or the REST API. */
    OPERATOR
  }

  public RequestSource {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(detail, "detail");
  }

  public static RequestSource trigger(String triggerId, String detail) {
    return new RequestSource(Kind.TRIGGER, triggerId, null, detail);
  }

  public static RequestSource followUp(String ma, long runNumber, String detail) {
    return new RequestSource(Kind.FOLLOW_UP, ma, runNumber, detail);
  }

  public static RequestSource reconcile(String detail) {
    return new RequestSource(Kind.RECONCILE, "engine", null, detail);
  }

  public static RequestSource operator(String who, String detail) {
    return new RequestSource(Kind.OPERATOR, who, null, detail);
  }

  @Override
  public String toString() {
    String run = runNumber == null ? "" : " run " + runNumber;
    return switch (kind) {
          case TRIGGER -> "trigger '" + id + "'";
          case FOLLOW_UP -> "follow-up of '" + id + "'" + run;
          case RECONCILE -> "reconciliation";
          case RETRY -> "retry";
          case OPERATOR -> "operator '" + id + "'";
        }
        + (detail.isEmpty() ? "" : ": " + detail);
  }
}
