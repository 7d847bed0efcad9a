package org.autosync.host.config;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.autosync.host.controller.ControllerSettings;
import org.autosync.host.controller.RetryPolicy;
import org.autosync.host.controller.RunMode;

/** Binds the {@code controller} block (without MAs) to {@link ControllerSettings}. Stateless. */
final class ControllerBinder {

  static final List<RunMode> RUN_MODES = List.of(RunMode.values());

  private ControllerBinder() {}

  static String label(RunMode mode) {
    return mode.name().toLowerCase(Locale.ROOT);
  }

  static ControllerSettings bind(Block block, ControllerScriptBinder scripts) {
    ControllerSettings d = ControllerSettings.defaults();
    int before = block.problems().count();
    RunMode runMode = block.choice("runMode", d.runMode(), RUN_MODES, ControllerBinder::label);
    RetryPolicy retry = retry(block.child("retry", Keys.RETRY), d.retry());
    RetryPolicy busyRetry = retry(block.child("busyRetry", Keys.RETRY), d.busyRetry());
    var timeLimit = block.duration("timeLimit", d.defaultTimeLimit());
    var stagger = block.duration("stagger", d.stagger());
    boolean fimExport = block.bool("fimExportTakesSyncSlot", d.fimExportTakesSyncSlot());
    var engineCheck = block.duration("engineCheckInterval", d.engineCheckInterval());
    var reconcile = block.duration("reconcileInterval", d.reconcileInterval());
    var vetoRetry = block.duration("vetoRetryInterval", d.vetoRetryInterval());
    var script = scripts.bind(block, "controllerScript");
    if (block.problems().count() > before) {
      return d;
    }
    return Ranges.build(block, Keys.CONTROLLER, Map.of("defaultTimeLimit", "timeLimit"), null,
        () -> new ControllerSettings(runMode, retry, busyRetry, timeLimit, stagger, fimExport,
            engineCheck, reconcile, vetoRetry, script, Map.of()),
        d);
  }

  /** A retry block; what it leaves out comes from {@code defaults}. */
  static RetryPolicy retry(Block block, RetryPolicy defaults) {
    int before = block.problems().count();
    int maxAttempts = block.wholeNumber("maxAttempts", defaults.maxAttempts());
    var initialDelay = block.duration("initialDelay", defaults.initialDelay());
    double multiplier = block.number("multiplier", defaults.multiplier());
    var maxDelay = block.duration("maxDelay", defaults.maxDelay());
    double jitter = block.number("jitter", defaults.jitter());
    if (block.problems().count() > before) {
      return defaults;
    }
    return Ranges.build(block, Keys.RETRY, Map.of(), null,
        () -> new RetryPolicy(maxAttempts, initialDelay, multiplier, maxDelay, jitter), defaults);
  }
}
