package org.autosync.host.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import org.autosync.host.controller.ControllerSettings;
import org.autosync.host.trigger.TriggerSpec;

/**
 * A configuration file, checked and bound: what the service needs to start.
 *
 * <p>Secret references ({@code ${env:NAME}}, {@code ${file:/path}}) are still references here, in
 * the engine settings and in trigger values alike; whoever uses a value resolves it (see {@link
 * org.autosync.host.trigger.SecretResolver}). Print it with {@link ConfigPrinter}; {@code
 * toString()} shows no values.
 *
 * <p>Immutable and thread-safe (the engine settings are unmodifiable all the way down when they
 * come from {@link ConfigLoader}).
 *
 * @param engineType the engine type, as contributed by an engine plugin
 * @param engineSettings the engine's block, handed to its factory: mappings, lists, strings,
 *     numbers, booleans and nulls as the file wrote them
 * @param controller the controller settings, with every configured MA's settings
 * @param triggers the triggers, in file order, built with their factories; values carry defaults
 * @param source where the configuration came from (the file's path)
 */
public record AutoSyncConfig(
    String engineType,
    Map<String, Object> engineSettings,
    ControllerSettings controller,
    List<TriggerSpec> triggers,
    String source) {

  public AutoSyncConfig {
    Objects.requireNonNull(engineType, "engineType");
    Objects.requireNonNull(controller, "controller");
    Objects.requireNonNull(source, "source");
    engineSettings = Collections.unmodifiableMap(new LinkedHashMap<>(engineSettings));
    triggers = List.copyOf(triggers);
  }

  /**
   * A summary without values: the settings may hold literal secrets, so only {@link ConfigPrinter}
   * shows them, masked.
   */
  @Override
  public String toString() {
    return "AutoSyncConfig[source=" + source + ", engineType=" + engineType + ", mas="
        + new TreeSet<>(controller.mas().keySet()) + ", triggers="
        + triggers.stream().map(TriggerSpec::id).toList() + "]";
  }

  /** The triggers of the MA called {@code ma}, in file order. */
  public List<TriggerSpec> triggersOf(String ma) {
    return triggers.stream().filter(t -> t.config().ma().equals(ma)).toList();
  }
}
