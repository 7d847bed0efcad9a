package org.autosync.api.engine;

/**
 * What an export step wrote to the connected system.
 *
 * <p>Immutable and thread-safe.
 */
public record ExportCounters(
    long add, long update, long rename, long delete, long deleteAdd, long failure) {

  public static final ExportCounters NONE = new ExportCounters(0, 0, 0, 0, 0, 0);

  public ExportCounters {
    Counters.requireNonNegative(add, update, rename, delete, deleteAdd, failure);
  }

  /** Whether a confirming import is due: any counter, failures included, is above zero. */
  public boolean hasChanges() {
    return add + update + rename + delete + deleteAdd + failure > 0;
  }
}
