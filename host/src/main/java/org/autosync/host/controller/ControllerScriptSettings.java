package org.autosync.host.controller;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A controller script as configured (DESIGN §3.6): which installed script to ask about runs, and
 * its settings. Configured once for every MA ({@link ControllerSettings#script()}) and/or per MA
 * ({@link MaSettings#script()}); a {@link RunGuard.Factory} turns it into a {@link RunGuard}.
 *
 * <p>Immutable and thread-safe; equal settings mean the same script needs no reloading.
 *
 * @param script the id of a controller script in the scripts folder ({@code "kind":
 *     "controller"} in its manifest)
 * @param values its settings as configuration text — the script's parameters, {@code timeout},
 *     capability grants — with defaults filled in; secret references are unresolved
 * @param secrets the names among {@code values} the script declares as secrets (masked when the
 *     configuration is printed)
 */
public record ControllerScriptSettings(String script, Map<String, String> values,
    Set<String> secrets) {

  public ControllerScriptSettings {
    Objects.requireNonNull(script, "script");
    if (script.isBlank()) {
      throw new IllegalArgumentException("A controller script needs the id of an installed script");
    }
    values = Collections.unmodifiableMap(new TreeMap<>(values));
    secrets = Collections.unmodifiableSet(new TreeSet<>(secrets));
  }

  /** The script {@code script} with its defaults. */
  public static ControllerScriptSettings of(String script) {
    return new ControllerScriptSettings(script, Map.of(), Set.of());
  }

  /** A summary without values (they may hold literal secrets). */
  @Override
  public String toString() {
    return "ControllerScriptSettings[" + script + ", " + values.keySet() + "]";
  }
}
