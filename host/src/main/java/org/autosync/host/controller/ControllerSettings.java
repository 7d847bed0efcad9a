package org.autosync.host.controller;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Global controller settings and the per-MA settings.
 *
 * <p>Immutable and thread-safe. Start from {@link #defaults()} and change what you need with the
 * {@code with*} methods.
 *
 * @param runMode how runs of different MAs may overlap
 * @param retry backoff for transient results
 * @param busyRetry backoff while the engine or MA is busy (outside runs, post-processing)
 * @param defaultTimeLimit time limit of a run when its MA sets none for the profile
 * @param stagger minimum time between two run starts; zero for none
 * @param fimExportTakesSyncSlot whether exports of MIM Service (FIM) MAs take the sync slot
 * @param engineCheckInterval how often the engine's status is read to notice runs started outside
 *     AutoSync, and how often a held outside run is re-checked
 * @param reconcileInterval how often pending work of every MA is reconciled as a safety net
 * @param vetoRetryInterval how long a run a controller script vetoed is set aside before the
 *     script is asked about it again
 * @param script the controller script asked about every run of every MA (before the MA's own);
 *     null for none
 * @param mas per-MA settings by name; MAs the engine has but this map lacks are disabled; every
 *     MA named here or in a {@code lockWith} must exist in the engine (checked at start)
 */
public record ControllerSettings(
    RunMode runMode,
    RetryPolicy retry,
    RetryPolicy busyRetry,
    Duration defaultTimeLimit,
    Duration stagger,
    boolean fimExportTakesSyncSlot,
    Duration engineCheckInterval,
    Duration reconcileInterval,
    Duration vetoRetryInterval,
    @Nullable ControllerScriptSettings script,
    Map<String, MaSettings> mas) {

  public static final Duration DEFAULT_TIME_LIMIT = Duration.ofHours(4);
  public static final Duration DEFAULT_STAGGER = Duration.ZERO;
  public static final Duration DEFAULT_ENGINE_CHECK_INTERVAL = Duration.ofSeconds(15);
  public static final Duration DEFAULT_RECONCILE_INTERVAL = Duration.ofMinutes(10);
  public static final Duration DEFAULT_VETO_RETRY_INTERVAL = Duration.ofMinutes(1);
  /** While busy: retry after 1 s, doubling to 1 min, for about an hour. */
  public static final RetryPolicy DEFAULT_BUSY_RETRY =
      new RetryPolicy(70, Duration.ofSeconds(1), 2.0, Duration.ofMinutes(1), 0.2);

  public ControllerSettings {
    Objects.requireNonNull(runMode, "runMode");
    Objects.requireNonNull(retry, "retry");
    Objects.requireNonNull(busyRetry, "busyRetry");
    requirePositive(defaultTimeLimit, "defaultTimeLimit");
    requirePositive(engineCheckInterval, "engineCheckInterval");
    requirePositive(reconcileInterval, "reconcileInterval");
    requirePositive(vetoRetryInterval, "vetoRetryInterval");
    if (stagger.isNegative()) {
      throw new IllegalArgumentException("stagger must not be negative, got " + stagger);
    }
    Map<String, MaSettings> all = Map.copyOf(mas);
    all.forEach((key, ma) -> {
      if (!key.equals(ma.name())) {
        throw new IllegalArgumentException(
            "MA settings under '" + key + "' are named '" + ma.name() + "'");
      }
    });
    mas = all;
  }

  private static void requirePositive(Duration d, String name) {
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, got " + d);
    }
  }

  /** Supported mode, default retries, 4 h time limit, no stagger, no MAs. */
  public static ControllerSettings defaults() {
    return new ControllerSettings(RunMode.SUPPORTED, RetryPolicy.DEFAULT, DEFAULT_BUSY_RETRY,
        DEFAULT_TIME_LIMIT, DEFAULT_STAGGER, true, DEFAULT_ENGINE_CHECK_INTERVAL,
        DEFAULT_RECONCILE_INTERVAL, DEFAULT_VETO_RETRY_INTERVAL, null, Map.of());
  }

  public ControllerSettings withRunMode(RunMode value) {
    return new ControllerSettings(value, retry, busyRetry, defaultTimeLimit, stagger,
        fimExportTakesSyncSlot, engineCheckInterval, reconcileInterval, vetoRetryInterval,
        script, mas);
  }

  public ControllerSettings withRetry(RetryPolicy value) {
    return new ControllerSettings(runMode, value, busyRetry, defaultTimeLimit, stagger,
        fimExportTakesSyncSlot, engineCheckInterval, reconcileInterval, vetoRetryInterval,
        script, mas);
  }

  public ControllerSettings withBusyRetry(RetryPolicy value) {
    return new ControllerSettings(runMode, retry, value, defaultTimeLimit, stagger,
        fimExportTakesSyncSlot, engineCheckInterval, reconcileInterval, vetoRetryInterval,
        script, mas);
  }

  public ControllerSettings withDefaultTimeLimit(Duration value) {
    return new ControllerSettings(runMode, retry, busyRetry, value, stagger,
        fimExportTakesSyncSlot, engineCheckInterval, reconcileInterval, vetoRetryInterval,
        script, mas);
  }

  public ControllerSettings withStagger(Duration value) {
    return new ControllerSettings(runMode, retry, busyRetry, defaultTimeLimit, value,
        fimExportTakesSyncSlot, engineCheckInterval, reconcileInterval, vetoRetryInterval,
        script, mas);
  }

  public ControllerSettings withFimExportTakesSyncSlot(boolean value) {
    return new ControllerSettings(runMode, retry, busyRetry, defaultTimeLimit, stagger,
        value, engineCheckInterval, reconcileInterval, vetoRetryInterval,
        script, mas);
  }

  public ControllerSettings withEngineCheckInterval(Duration value) {
    return new ControllerSettings(runMode, retry, busyRetry, defaultTimeLimit, stagger,
        fimExportTakesSyncSlot, value, reconcileInterval, vetoRetryInterval, script, mas);
  }

  public ControllerSettings withReconcileInterval(Duration value) {
    return new ControllerSettings(runMode, retry, busyRetry, defaultTimeLimit, stagger,
        fimExportTakesSyncSlot, engineCheckInterval, value, vetoRetryInterval, script, mas);
  }

  public ControllerSettings withVetoRetryInterval(Duration value) {
    return new ControllerSettings(runMode, retry, busyRetry, defaultTimeLimit, stagger,
        fimExportTakesSyncSlot, engineCheckInterval, reconcileInterval, value, script, mas);
  }

  /** These settings with {@code value} as the global controller script (null: none). */
  public ControllerSettings withScript(@Nullable ControllerScriptSettings value) {
    return new ControllerSettings(runMode, retry, busyRetry, defaultTimeLimit, stagger,
        fimExportTakesSyncSlot, engineCheckInterval, reconcileInterval, vetoRetryInterval, value,
        mas);
  }

  /** These settings with {@code ma} added or replaced. */
  public ControllerSettings withMa(MaSettings ma) {
    Map<String, MaSettings> copy = new LinkedHashMap<>(mas);
    copy.put(ma.name(), ma);
    return new ControllerSettings(runMode, retry, busyRetry, defaultTimeLimit, stagger,
        fimExportTakesSyncSlot, engineCheckInterval, reconcileInterval, vetoRetryInterval,
        script, copy);
  }
}
