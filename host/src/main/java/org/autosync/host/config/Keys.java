package org.autosync.host.config;

import java.util.List;

/**
 * The keys each block of the file accepts, in the order the documentation and the printer use.
 * {@code docs/autosync.schema.json} lists the same keys; a test keeps the two in step.
 */
final class Keys {

  static final List<String> TOP = List.of("engine", "controller", "mas");
  static final List<String> ENGINE = List.of("type", "settings");
  static final List<String> CONTROLLER = List.of("runMode", "retry", "busyRetry", "timeLimit",
      "stagger", "fimExportTakesSyncSlot", "engineCheckInterval", "reconcileInterval",
      "vetoRetryInterval", "controllerScript");
  static final List<String> RETRY =
      List.of("maxAttempts", "initialDelay", "multiplier", "maxDelay", "jitter");
  static final List<String> MA = List.of("enabled", "mappings", "lockWith", "thresholds",
      "timeLimits", "controllerScript", "triggers");
  static final List<String> THRESHOLD = List.of("operation", "limit", "percent", "partition");
  /** The keys every trigger has; the rest of a trigger's keys are its type's parameters. */
  static final List<String> TRIGGER = List.of("id", "type");
  /** The key every controller script block has; the rest are the script's settings. */
  static final List<String> CONTROLLER_SCRIPT = List.of("script");

  private Keys() {}
}
