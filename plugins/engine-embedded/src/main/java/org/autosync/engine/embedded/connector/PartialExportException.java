package org.autosync.engine.embedded.connector;

import java.util.List;

/**
 * The connection failed in the middle of an export: the changes listed in {@link #results()} (a
 * prefix of the batch) were handled, the rest were not attempted and stay pending.
 */
public class PartialExportException extends ConnectorException {
  private static final long serialVersionUID = 1L;

  private final transient List<ExportResult> results;

  public PartialExportException(String resultCode, String message, List<ExportResult> results,
      Throwable cause) {
    super(resultCode, message, cause);
    this.results = List.copyOf(results);
  }

  /** What became of the changes attempted before the failure, in order. */
  public List<ExportResult> results() {
    return results;
  }
}
