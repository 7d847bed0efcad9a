package org.autosync.host.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.autosync.api.ProfileType;
import org.autosync.api.trigger.ParameterDescriptor;
import org.autosync.api.trigger.ParameterType;
import org.autosync.api.trigger.ParameterValues;
import org.autosync.api.trigger.TriggerConfig;
import org.autosync.api.trigger.TriggerType;
import org.autosync.host.controller.ControllerScriptSettings;
import org.autosync.host.controller.ControllerSettings;
import org.autosync.host.controller.MaSettings;
import org.autosync.host.controller.RetryPolicy;
import org.autosync.host.controller.StagingThreshold;
import org.autosync.host.trigger.TriggerSpec;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Prints the <b>effective configuration</b>: the file as AutoSync understood it, with every default
 * filled in and every secret masked, in the file's own format (so it can be saved and loaded
 * again).
 *
 * <ul>
 *   <li>A value written as a secret reference prints as the reference ({@code ${env:HR_PW}}), which
 *       reveals nothing.
 *   <li>Any other value under a key that looks like a secret (its name contains {@code password},
 *       {@code passwd}, {@code secret}, {@code token}, {@code credential} or {@code key}, ignoring
 *       case), and any trigger parameter of type {@link ParameterType#SECRET}, prints as {@code
 *       ********}; under such a key, a whole block is masked.
 *   <li>Secrets are never resolved here, so a resolved secret cannot be printed.
 * </ul>
 *
 * <p>MAs print in name order, each with its triggers; an empty {@code mappings} means the profiles
 * are discovered from the engine.
 *
 * <p><b>Threading:</b> stateless and thread-safe.
 */
public final class ConfigPrinter {

  private ConfigPrinter() {}

  /** The effective configuration as YAML, with a comment line naming its source. */
  public static String print(AutoSyncConfig config) {
    Map<String, Object> root = new LinkedHashMap<>();
    Map<String, Object> engine = new LinkedHashMap<>();
    engine.put("type", config.engineType());
    engine.put("settings", masked(config.engineSettings(), false));
    root.put("engine", engine);
    root.put("controller", controller(config.controller()));
    Map<String, Object> mas = new LinkedHashMap<>();
    new TreeMap<>(config.controller().mas()).forEach((name, ma) ->
        mas.put(name, ma(ma, config.triggersOf(name))));
    root.put("mas", mas);
    DumperOptions options = new DumperOptions();
    options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    options.setIndent(2);
    options.setIndicatorIndent(2);
    options.setIndentWithIndicator(true);
    options.setWidth(100);
    options.setDereferenceAliases(true);
    return "# Effective configuration of " + config.source().replaceAll("[\\r\\n]", " ")
        + " (defaults filled in, secrets masked)\n" + new Yaml(options).dump(root);
  }

  static Map<String, Object> controller(ControllerSettings c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("runMode", ControllerBinder.label(c.runMode()));
    m.put("retry", retry(c.retry()));
    m.put("busyRetry", retry(c.busyRetry()));
    m.put("timeLimit", DurationText.format(c.defaultTimeLimit()));
    m.put("stagger", DurationText.format(c.stagger()));
    m.put("fimExportTakesSyncSlot", c.fimExportTakesSyncSlot());
    m.put("engineCheckInterval", DurationText.format(c.engineCheckInterval()));
    m.put("reconcileInterval", DurationText.format(c.reconcileInterval()));
    m.put("vetoRetryInterval", DurationText.format(c.vetoRetryInterval()));
    if (c.script() != null) {
      m.put("controllerScript", script(c.script()));
    }
    return m;
  }

  /** A controller script block: its id, then its settings in name order, secrets masked. */
  private static Map<String, Object> script(ControllerScriptSettings s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("script", s.script());
    s.values().forEach((name, value) -> {
      boolean secret = s.secrets().contains(name) || SecretText.looksSecret(name);
      m.put(name, secret ? SecretText.show(value, true) : plain(value));
    });
    return m;
  }

  /** Configuration text as the operator would write it: numbers and booleans unquoted. */
  private static Object plain(String value) {
    if (value.equals("true") || value.equals("false")) {
      return Boolean.parseBoolean(value);
    }
    if (value.matches("-?[0-9]{1,15}")) {
      return Long.parseLong(value);
    }
    return value;
  }

  private static Map<String, Object> retry(RetryPolicy r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("maxAttempts", r.maxAttempts());
    m.put("initialDelay", DurationText.format(r.initialDelay()));
    m.put("multiplier", number(r.multiplier()));
    m.put("maxDelay", DurationText.format(r.maxDelay()));
    m.put("jitter", number(r.jitter()));
    return m;
  }

  private static Map<String, Object> ma(MaSettings ma, List<TriggerSpec> triggers) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("enabled", ma.enabled());
    Map<String, Object> mappings = new LinkedHashMap<>();
    ma.mappings().byPartition().forEach((partition, types) -> {
      Map<String, Object> byType = new LinkedHashMap<>();
      new TreeMap<ProfileType, String>(types).forEach((type, profile) ->
          byType.put(type.label(), profile));
      mappings.put(partition, byType);
    });
    m.put("mappings", mappings);
    m.put("lockWith", ma.lockWith().stream().sorted().toList());
    m.put("thresholds", ma.thresholds().stream().map(ConfigPrinter::threshold).toList());
    Map<String, Object> timeLimits = new TreeMap<>();
    ma.timeLimits().forEach((profile, limit) -> timeLimits.put(profile,
        DurationText.format(limit)));
    m.put("timeLimits", timeLimits);
    if (ma.script() != null) {
      m.put("controllerScript", script(ma.script()));
    }
    m.put("triggers", triggers.stream().map(ConfigPrinter::trigger).toList());
    return m;
  }

  private static Map<String, Object> threshold(StagingThreshold t) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("operation", ThresholdBinder.label(t.operation()));
    m.put(t.percent() ? "percent" : "limit", number(t.limit()));
    if (t.partition() != null) {
      m.put("partition", t.partition());
    }
    return m;
  }

  private static Map<String, Object> trigger(TriggerSpec spec) {
    TriggerConfig config = spec.config();
    TriggerType type = spec.factory().type();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", config.id());
    m.put("type", config.type());
    List<String> names = new ArrayList<>(config.values().keySet());
    names.sort(Comparator.comparingInt(n -> position(type, n)));
    for (String name : names) {
      ParameterDescriptor p = type.parameter(name).orElse(null);
      boolean secret = SecretText.looksSecret(name)
          || (p != null && p.type() == ParameterType.SECRET);
      m.put(name, parameter(p, config.values().get(name), secret));
    }
    return m;
  }

  private static int position(TriggerType type, String name) {
    int i = type.parameters().stream().map(ParameterDescriptor::name).toList().indexOf(name);
    return i < 0 ? Integer.MAX_VALUE : i;
  }

  /** A trigger value typed as its descriptor says, so that it prints as the operator wrote it. */
  private static @Nullable Object parameter(@Nullable ParameterDescriptor p, String value,
      boolean secret) {
    try {
      return switch (p == null ? ParameterType.STRING : p.type()) {
        case BOOLEAN -> secret ? SecretText.show(value, true) : ParameterValues.parseBoolean(value);
        case INTEGER -> secret ? SecretText.show(value, true) : ParameterValues.parseInteger(value);
        case LIST -> ParameterValues.parseList(value).stream()
            .map(item -> SecretText.show(item, secret)).toList();
        default -> SecretText.show(value, secret);
      };
    } catch (IllegalArgumentException e) {
      return SecretText.show(value, secret);
    }
  }

  @SuppressWarnings("unchecked")
  private static @Nullable Object masked(@Nullable Object value, boolean secret) {
    if (value instanceof Map<?, ?> map) {
      Map<String, @Nullable Object> result = new LinkedHashMap<>();
      ((Map<String, Object>) map).forEach((key, v) ->
          result.put(key, masked(v, secret || SecretText.looksSecret(key))));
      return result;
    }
    if (value instanceof List<?> list) {
      List<@Nullable Object> result = new ArrayList<>();
      list.forEach(item -> result.add(masked(item, secret)));
      return result;
    }
    return SecretText.show(value, secret);
  }

  /** A whole number without a trailing ".0". */
  private static Object number(double value) {
    return value == Math.rint(value) && Math.abs(value) < 1e15 ? (Object) (long) value : value;
  }
}
