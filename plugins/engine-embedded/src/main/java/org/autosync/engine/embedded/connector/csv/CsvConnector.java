package org.autosync.engine.embedded.connector.csv;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.autosync.engine.embedded.connector.Connector;
import org.autosync.engine.embedded.connector.ConnectorContext;
import org.autosync.engine.embedded.connector.ConnectorEntry;
import org.autosync.engine.embedded.connector.ConnectorException;
import org.autosync.engine.embedded.connector.ExportChange;
import org.autosync.engine.embedded.connector.ExportResult;
import org.autosync.engine.embedded.connector.ImportItem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A CSV file as a connected system; created by {@link CsvConnectorFactory}, which documents the
 * options and the file format.
 *
 * <p>Holds no open file between calls: each import reads the whole file, each export reads it,
 * applies the batch and replaces it atomically. Import and export of one instance are
 * serialized by a lock, so the instance is safe to share, though the engine calls it from one
 * thread at a time. {@link #close} is idempotent; other calls after it throw {@link
 * IllegalStateException}.
 */
final class CsvConnector implements Connector {

  static final String PARTITION = "default";
  static final String PARTITION_NOT_CONFIGURED = "no-start-partition-not-configured";
  static final String DELTA_NOT_CONFIGURED = "no-start-delta-step-type-not-configured";
  static final String EXPORT_WRITE = "stopped-export-write";

  private static final Logger LOG = LoggerFactory.getLogger(CsvConnector.class);

  private final CsvOptions options;
  private final ConnectorContext context;
  private final ReentrantLock lock = new ReentrantLock();
  private volatile boolean closed;

  CsvConnector(CsvOptions options, ConnectorContext context) {
    this.options = options;
    this.context = context;
  }

  @Override
  public DeltaSupport deltaSupport() {
    return DeltaSupport.SNAPSHOT;
  }

  /**
   * Informational only: {@code size=<bytes>;modified=<instant>} of the file, or {@code missing}.
   * The engine reads the whole file on every import of a {@code SNAPSHOT} connector, so nothing
   * depends on this value.
   */
  @Override
  public String currentWatermark(String partition) throws ConnectorException {
    checkUsable(partition);
    try {
      BasicFileAttributes attributes =
          Files.readAttributes(options.file(), BasicFileAttributes.class);
      return "size=" + attributes.size() + ";modified=" + attributes.lastModifiedTime();
    } catch (IOException e) {
      return "missing";
    }
  }

  @Override
  public void fullImport(String partition, Consumer<ImportItem> sink) throws ConnectorException {
    checkUsable(partition);
    lock.lock();
    try {
      String text = FileText.readExisting(options.file(), options.encoding()).text();
      int[] counts = new int[2];
      CsvReader.Header[] header = new CsvReader.Header[1];
      CsvReader.Header found = CsvReader.read(text, options, segment -> {
        switch (segment) {
          case CsvReader.Header h -> header[0] = h;
          case CsvReader.Row row -> {
            counts[0]++;
            sink.accept(new ImportItem.Present(entry(header[0], row)));
          }
          case CsvReader.Broken broken -> {
            counts[1]++;
            sink.accept(new ImportItem.Unreadable("line " + broken.line(), broken.reason()));
          }
          case CsvReader.Blank blank -> { }
        }
      });
      if (found == null) {
        throw CsvReader.mismatch(options, "the file is empty; the first line must be a header"
            + " row naming the columns, including '" + options.dnColumn() + "'");
      }
      LOG.debug("MA '{}': read {} rows and {} unreadable rows from '{}'", context.ma(),
          counts[0], counts[1], options.file());
    } finally {
      lock.unlock();
    }
  }

  private ConnectorEntry entry(CsvReader.Header header, CsvReader.Row row) {
    Map<String, List<String>> attributes = new LinkedHashMap<>();
    List<String> names = header.names();
    for (int i = 0; i < names.size(); i++) {
      String cell = row.cells().get(i);
      attributes.put(names.get(i), i == header.dnIndex()
          ? List.of(cell)
          : CsvReader.values(cell, options.multiValueSeparator()));
    }
    return new ConnectorEntry(row.dn(), options.objectType(), attributes);
  }

  /** Never called for a {@code SNAPSHOT} connector. */
  @Override
  public String deltaImport(String partition, String watermark, Consumer<ImportItem> sink)
      throws ConnectorException {
    checkUsable(partition);
    throw new ConnectorException(DELTA_NOT_CONFIGURED, "MA '" + context.ma() + "': the csv"
        + " connector has no change feed; run a full import (the engine stages the differences)");
  }

  @Override
  public List<ExportResult> export(String partition, List<ExportChange> changes)
      throws ConnectorException {
    checkUsable(partition);
    if (changes.isEmpty()) {
      return List.of();
    }
    lock.lock();
    try {
      CsvEditor editor = CsvEditor.open(
          FileText.read(options.file(), options.encoding()), options, changes);
      List<ExportResult> results = new ArrayList<>(changes.size());
      for (ExportChange change : changes) {
        results.add(editor.apply(change));
      }
      if (editor.changed()) {
        write(editor);
      }
      LOG.debug("MA '{}': exported to '{}': {}", context.ma(), options.file(), editor.summary());
      return List.copyOf(results);
    } finally {
      lock.unlock();
    }
  }

  private void write(CsvEditor editor) throws ConnectorException {
    try {
      AtomicFile.replace(options.file(), editor.render());
    } catch (IOException e) {
      throw new ConnectorException(EXPORT_WRITE, "Cannot write '" + options.file() + "': " + e
          + "; nothing was written, the file is unchanged. Check that the folder exists and that"
          + " the AutoSync service account may create files in it", e);
    }
  }

  private void checkUsable(String partition) throws ConnectorException {
    if (closed) {
      throw new IllegalStateException("The csv connector of MA '" + context.ma()
          + "' is closed");
    }
    if (!PARTITION.equals(partition)) {
      throw new ConnectorException(PARTITION_NOT_CONFIGURED, "MA '" + context.ma() + "': a csv"
          + " file has one partition, '" + PARTITION + "'; the step asked for '" + partition
          + "'");
    }
  }

  @Override
  public void close() {
    closed = true;
  }
}
