package org.autosync.api.engine;

/**
 * How an import step staged the entries it read.
 *
 * <p>Immutable and thread-safe.
 */
public record StagingCounters(
    long noChange, long add, long update, long rename, long delete, long deleteAdd, long failure) {

  public static final StagingCounters NONE = new StagingCounters(0, 0, 0, 0, 0, 0, 0);

  public StagingCounters {
    Counters.requireNonNegative(noChange, add, update, rename, delete, deleteAdd, failure);
  }

  /** Whether anything was staged for a sync: add + update + rename + delete + delete-add > 0. */
  public boolean hasChanges() {
    return changes() > 0;
  }

  /** add + update + rename + delete + delete-add; no-change and failure excluded. */
  public long changes() {
    return add + update + rename + delete + deleteAdd;
  }

  public StagingCounters plus(StagingCounters o) {
    return new StagingCounters(noChange + o.noChange, add + o.add, update + o.update,
        rename + o.rename, delete + o.delete, deleteAdd + o.deleteAdd, failure + o.failure);
  }
}
