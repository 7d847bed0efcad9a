package org.autosync.engine.embedded.config;

import java.util.List;

/**
 * The engine configuration is invalid: every problem, each naming the field path and what was
 * expected. Nothing was started.
 */
public class EngineConfigException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final transient List<String> problems;

  public EngineConfigException(List<String> problems) {
    super("The embedded engine configuration is invalid:\n  - " + String.join("\n  - ", problems));
    this.problems = List.copyOf(problems);
  }

  /** The problems, each "field.path: what is wrong". */
  public List<String> problems() {
    return problems;
  }
}
