package org.autosync.api.engine;

/**
 * The logical kind of a run-profile step. Combined kinds import and then synchronize what they
 * imported in the same step.
 *
 * <p>Immutable and thread-safe.
 */
public enum StepKind {
  FULL_IMPORT(true, false, false, true),
  DELTA_IMPORT(true, false, false, false),
  FULL_SYNC(false, true, false, true),
  DELTA_SYNC(false, true, false, false),
  EXPORT(false, false, true, false),
  FULL_IMPORT_DELTA_SYNC(true, true, false, true),
  DELTA_IMPORT_DELTA_SYNC(true, true, false, false),
  FULL_IMPORT_FULL_SYNC(true, true, false, true);

  private final boolean isImport;
  private final boolean isSync;
  private final boolean isExport;
  private final boolean isFull;

  StepKind(boolean isImport, boolean isSync, boolean isExport, boolean isFull) {
    this.isImport = isImport;
    this.isSync = isSync;
    this.isExport = isExport;
    this.isFull = isFull;
  }

  /** Reads the connected system into the connector space. */
  public boolean isImport() {
    return isImport;
  }

  /** Applies staged changes to the metaverse; engines allow one such step at a time. */
  public boolean isSync() {
    return isSync;
  }

  /** Writes pending exports to the connected system. */
  public boolean isExport() {
    return isExport;
  }

  /** Whether the import or sync part is a full one (for an export: false). */
  public boolean isFull() {
    return isFull;
  }

  /** Whether the step both imports and synchronizes. */
  public boolean isCombined() {
    return isImport && isSync;
  }
}
