package org.autosync.host.controller;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The controller's open {@link RunGuard}s: the global one and one per MA, each with the settings
 * it was opened for, and the load errors already reported. Confined to the controller thread;
 * guards are opened by the caller of the controller (they may take seconds to load) and closed
 * off the controller thread.
 */
final class Guards {

  /** A guard and what it was opened for. */
  record Open(ControllerScriptSettings settings, RunGuard guard) {}

  private @Nullable Open global;
  private final Map<String, Open> byMa = new LinkedHashMap<>();
  private final Map<String, String> reportedLoadErrors = new HashMap<>();

  /** Opens the guards {@code settings} ask for: the global one and those of enabled MAs. */
  static Guards open(ControllerSettings settings, RunGuard.Factory factory) {
    Guards guards = new Guards();
    try {
      if (settings.script() != null) {
        guards.global = new Open(settings.script(), factory.open(GLOBAL, settings.script()));
      }
      settings.mas().values().forEach(ma -> {
        ControllerScriptSettings wanted = wanted(ma);
        if (wanted != null) {
          guards.byMa.put(ma.name(), new Open(wanted, factory.open(scope(ma.name()), wanted)));
        }
      });
    } catch (RuntimeException e) {
      guards.all().forEach(RunGuard::close);
      throw e;
    }
    return guards;
  }

  static final String GLOBAL = "global";

  static String scope(String ma) {
    return "MA '" + ma + "'";
  }

  /** The script an MA's settings ask for: none while the MA is disabled. */
  static @Nullable ControllerScriptSettings wanted(MaSettings ma) {
    return ma.enabled() ? ma.script() : null;
  }

  /** The guards asked about a run of {@code ma}: the global one, then the MA's. */
  List<RunGuard> of(String ma) {
    List<RunGuard> result = new ArrayList<>(2);
    if (global != null) {
      result.add(global.guard());
    }
    Open own = byMa.get(ma);
    if (own != null) {
      result.add(own.guard());
    }
    return result;
  }

  /** Whether {@code ma} needs a guard opened (or closed) for {@code settings}. */
  boolean changes(MaSettings settings) {
    Open own = byMa.get(settings.name());
    return !Objects.equals(own == null ? null : own.settings(), wanted(settings));
  }

  /** Whether the global guard needs opening (or closing) for {@code settings}. */
  boolean changesGlobal(@Nullable ControllerScriptSettings settings) {
    return !Objects.equals(global == null ? null : global.settings(), settings);
  }

  /** Installs {@code guard} (null: none) for {@code ma}; returns the one it replaces. */
  @Nullable RunGuard replace(String ma, @Nullable ControllerScriptSettings settings,
      @Nullable RunGuard guard) {
    Open old = guard == null || settings == null ? byMa.remove(ma)
        : byMa.put(ma, new Open(settings, guard));
    return forget(old);
  }

  /** Installs {@code guard} (null: none) as the global one; returns the one it replaces. */
  @Nullable RunGuard replaceGlobal(@Nullable ControllerScriptSettings settings,
      @Nullable RunGuard guard) {
    Open old = global;
    global = guard == null || settings == null ? null : new Open(settings, guard);
    return forget(old);
  }

  private @Nullable RunGuard forget(@Nullable Open old) {
    if (old == null) {
      return null;
    }
    reportedLoadErrors.remove(old.guard().name());
    return old.guard();
  }

  /** Every open guard. */
  List<RunGuard> all() {
    List<RunGuard> result = new ArrayList<>();
    if (global != null) {
      result.add(global.guard());
    }
    byMa.values().forEach(o -> result.add(o.guard()));
    return result;
  }

  /** Removes and returns every guard, to close them. */
  List<RunGuard> takeAll() {
    List<RunGuard> result = all();
    global = null;
    byMa.clear();
    reportedLoadErrors.clear();
    return result;
  }

  /**
   * Compares load errors seen after a call with those already reported.
   *
   * @return by guard name: the new load error, or null when a reported one has cleared; guards
   *     with nothing new are left out
   */
  Map<String, @Nullable String> newLoadErrors(Map<String, @Nullable String> seen) {
    Map<String, @Nullable String> changed = new LinkedHashMap<>();
    seen.forEach((name, error) -> {
      if (error == null ? reportedLoadErrors.remove(name) != null
          : !error.equals(reportedLoadErrors.put(name, error))) {
        changed.put(name, error);
      }
    });
    return changed;
  }
}
