package org.autosync.engine.embedded.connector;

import java.util.Objects;

/**
 * The connected system could not be used at all: the step ends with {@link #resultCode()} and
 * nothing it read or wrote so far is committed (an import) or only what was acknowledged is (an
 * export).
 *
 * <p>Result codes are MIM's: {@code stopped-connectivity}, {@code no-start-connection}, {@code
 * no-start-credentials}, {@code stopped-server-down}, {@code no-start-full-import-required} (the
 * delta watermark is no longer usable), {@code stopped-change-log-out-of-order}, {@code
 * no-start-file-not-found}, {@code stopped-parsing-errors}, ...
 */
public class ConnectorException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String resultCode;

  public ConnectorException(String resultCode, String message) {
    super(message);
    this.resultCode = Objects.requireNonNull(resultCode, "resultCode");
  }

  public ConnectorException(String resultCode, String message, Throwable cause) {
    super(message, cause);
    this.resultCode = Objects.requireNonNull(resultCode, "resultCode");
  }

  /** The step result this failure leads to. */
  public String resultCode() {
    return resultCode;
  }
}
