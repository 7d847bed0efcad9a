package org.autosync.host.config;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A configuration file is invalid. Carries every problem found, not just the first, so that an
 * operator fixes them in one go; the message lists them one per line.
 *
 * <p>Immutable and thread-safe.
 */
public final class ConfigException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String file;
  private final List<ConfigError> errors;

  /**
   * @param file the file as it was named to the loader
   * @param errors the problems, at least one
   */
  public ConfigException(String file, List<ConfigError> errors) {
    super(describe(file, errors));
    this.file = file;
    this.errors = List.copyOf(errors);
  }

  private static String describe(String file, List<ConfigError> errors) {
    if (errors.isEmpty()) {
      throw new IllegalArgumentException("a ConfigException needs at least one error");
    }
    String count = errors.size() == 1 ? "1 error" : errors.size() + " errors";
    return "Configuration '" + file + "' is invalid (" + count + "); fix it and start again:"
        + errors.stream().map(e -> "\n  " + e).collect(Collectors.joining());
  }

  /** The file as it was named to the loader. */
  public String file() {
    return file;
  }

  /** Every problem found, in the order of the file. */
  public List<ConfigError> errors() {
    return errors;
  }
}
