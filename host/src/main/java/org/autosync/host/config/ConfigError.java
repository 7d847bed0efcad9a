package org.autosync.host.config;

import java.util.Objects;

/**
 * One problem in a configuration file, located precisely enough to jump to it.
 *
 * <pre>{@code
 * autosync.yaml:12:7: mas.HR.thresholds[0].operation: expected one of add, update, rename, delete,
 *     delete-add, total; got 'deletes'
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param file the file as it was named to the loader
 * @param line 1-based line of the offending node; 0 when the problem has no position (the file
 *     cannot be read)
 * @param column 1-based column of the offending node; 0 when {@code line} is 0
 * @param path the field path, such as {@code mas.HR.triggers[0].interval}; empty for the file as a
 *     whole
 * @param message what is wrong and what was expected
 */
public record ConfigError(String file, int line, int column, String path, String message) {

  public ConfigError {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(message, "message");
    if (line < 0 || column < 0) {
      throw new IllegalArgumentException("line and column must be 0 or more");
    }
  }

  /** {@code file:line:column: path: message}, leaving out the parts the error does not have. */
  @Override
  public String toString() {
    StringBuilder b = new StringBuilder(file);
    if (line > 0) {
      b.append(':').append(line).append(':').append(column);
    }
    b.append(": ");
    if (!path.isEmpty()) {
      b.append(path).append(": ");
    }
    return b.append(message).toString();
  }
}
