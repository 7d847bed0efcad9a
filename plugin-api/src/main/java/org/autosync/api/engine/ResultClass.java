package org.autosync.api.engine;

/**
 * How the controller treats a result code (see {@link ResultCodes#classify}).
 *
 * <p>Immutable and thread-safe.
 */
public enum ResultClass {
  /** The run did its work: plan follow-ups. */
  SUCCESS(true),
  /** Per-object sync or export errors: plan follow-ups and alert. */
  COMPLETED_WITH_ERRORS(true),
  /** A full import found unreadable entries and did not obsolete: alert, follow up what staged. */
  DISCOVERY_ERRORS(true),
  /** The MA or the engine is busy: wait until it is idle and run again. */
  BUSY(false),
  /** Deadlock or connectivity: retry with exponential backoff and jitter, a bounded number of times. */
  TRANSIENT(false),
  /** The delta source cannot be used: run the partition's full import if one is mapped, else alert. */
  NEEDS_FULL_IMPORT(false),
  /** An object, deletion or error limit stopped the run: no retry, a person decides. */
  LIMITS(false),
  /** Someone stopped the run on purpose: no retry. */
  STOPPED_BY_USER(false),
  /** Configuration, credentials, extensions, parsing, or an unknown code: no retry, alert. */
  FATAL(false);

  private final boolean plansFollowUps;

  ResultClass(boolean plansFollowUps) {
    this.plansFollowUps = plansFollowUps;
  }

  /** Whether the run's details lead to follow-up runs. */
  public boolean plansFollowUps() {
    return plansFollowUps;
  }
}
