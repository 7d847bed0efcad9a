package org.autosync.engine.embedded.connector;

import java.util.List;
import java.util.function.Consumer;

/**
 * Reads and writes one connected system for one management agent.
 *
 * <p><b>Threading:</b> the engine calls a connector from one thread at a time (one run per MA), but
 * not always the same thread. Imports hand items to the sink on the calling thread, in any order,
 * and must not keep them. {@link #close} is idempotent.
 *
 * <p><b>Consistency:</b> a delta import returns the watermark to store with the step; the engine
 * commits it together with what the step staged, so a crash repeats the delta rather than losing it.
 * A connector's own state must therefore never run ahead of the watermark it returned.
 */
public interface Connector extends AutoCloseable {

  /** How a connector supports delta imports. */
  enum DeltaSupport {
    /** No delta import: delta profiles end {@code no-start-delta-step-type-not-configured}. */
    NONE,
    /** The connector reads changes since a watermark ({@link #deltaImport}). */
    WATERMARK,
    /**
     * The connector has no change feed; the engine reads everything ({@link #fullImport}) and
     * stages only the differences from the connector space, with deletions for what is gone.
     */
    SNAPSHOT
  }

  /** How this connector supports delta imports. */
  DeltaSupport deltaSupport();

  /**
   * The watermark from which a delta import would read changes made from now on. Called before a
   * full import reads anything, so that changes made during the full import are read again by the
   * next delta import rather than missed.
   */
  String currentWatermark(String partition) throws ConnectorException;

  /** Reads every in-scope object of the partition. */
  void fullImport(String partition, Consumer<ImportItem> sink) throws ConnectorException;

  /**
   * Reads what changed since {@code watermark}: for each changed object, its current state (or its
   * deletion).
   *
   * @return the watermark to store for the next delta import
   * @throws ConnectorException with {@code no-start-full-import-required} when the watermark is no
   *     longer usable (for example the change log was trimmed past it)
   */
  String deltaImport(String partition, String watermark, Consumer<ImportItem> sink)
      throws ConnectorException;

  /**
   * Writes changes, in order, and says what became of each (same size and order as {@code
   * changes}). A connector that writes a file writes it once, atomically, for the whole batch.
   *
   * @throws ConnectorException when the system cannot be reached; changes before the failure that
   *     were written must still be reported, so the connector throws only before writing anything
   *     or wraps partial results in {@link PartialExportException}
   */
  List<ExportResult> export(String partition, List<ExportChange> changes)
      throws ConnectorException;

  /** Releases connections and files; idempotent. */
  @Override
  void close();
}
