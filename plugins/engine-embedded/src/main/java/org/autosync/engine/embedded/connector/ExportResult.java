package org.autosync.engine.embedded.connector;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What became of one {@link ExportChange}: written, or refused by the connected system for this
 * object (an export error kept for the next export). A failure of the connection itself is a
 * {@link ConnectorException}, not a result.
 *
 * <p>Immutable and thread-safe.
 *
 * @param ok whether the change was written
 * @param errorType for failures, a short type such as {@code cd-error} or {@code
 *     entry-already-exists}
 * @param detail for failures, what the system said
 */
public record ExportResult(boolean ok, @Nullable String errorType, @Nullable String detail) {

  public static final ExportResult OK = new ExportResult(true, null, null);

  public static ExportResult failed(String errorType, String detail) {
    return new ExportResult(false, Objects.requireNonNull(errorType),
        Objects.requireNonNull(detail));
  }
}
