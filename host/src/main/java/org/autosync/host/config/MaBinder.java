package org.autosync.host.config;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.autosync.host.controller.ControllerScriptSettings;
import org.autosync.host.controller.MaSettings;
import org.autosync.host.controller.ProfileMappings;
import org.autosync.host.controller.StagingThreshold;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Binds one MA's block, except its triggers, to {@link MaSettings}. An MA is disabled unless its
 * block says {@code enabled: true}. Stateless.
 */
final class MaBinder {

  private MaBinder() {}

  /**
   * @param name the MA's name (its key under {@code mas})
   * @param block its block
   * @param maNames every MA configured under {@code mas}, which {@code lockWith} may name
   */
  static MaSettings bind(String name, Block block, Set<String> maNames,
      ControllerScriptBinder scripts) {
    int before = block.problems().count();
    boolean enabled = block.bool("enabled", false);
    ProfileMappings mappings = MappingsBinder.bind(block.child("mappings", null));
    Set<String> lockWith = lockWith(name, block, maNames);
    List<StagingThreshold> thresholds = ThresholdBinder.bind(block);
    Map<String, Duration> timeLimits = timeLimits(block.child("timeLimits", null));
    ControllerScriptSettings script = scripts.bind(block, "controllerScript");
    MaSettings fallback =
        new MaSettings(name, false, ProfileMappings.NONE, Set.of(), List.of(), Map.of(), null);
    if (block.problems().count() > before) {
      return fallback;
    }
    return Ranges.build(block, Keys.MA, Map.of(), null,
        () -> new MaSettings(name, enabled, mappings, lockWith, thresholds, timeLimits, script),
        fallback);
  }

  private static Set<String> lockWith(String self, Block block, Set<String> maNames) {
    Set<String> result = new LinkedHashSet<>();
    List<Node> items = block.list("lockWith", "a list of MA names such as [CORP]");
    for (int i = 0; i < items.size(); i++) {
      YamlPath path = block.path("lockWith").index(i);
      String other = Scalars.text(block.problems(), path, items.get(i), "an MA name");
      if (other == null) {
        continue;
      }
      if (other.equals(self)) {
        block.problems().add(items.get(i), path, "an MA cannot lockWith itself");
      } else if (!maNames.contains(other)) {
        List<String> known = maNames.stream().filter(n -> !n.equals(self)).sorted().toList();
        block.problems().add(items.get(i), path, "names MA '" + other
            + "', which is not configured under mas; expected one of "
            + (known.isEmpty() ? "(no other MA is configured)" : String.join(", ", known)));
      } else if (!result.add(other)) {
        block.problems().add(items.get(i), path, "lists MA '" + other + "' twice");
      }
    }
    return result;
  }

  private static Map<String, Duration> timeLimits(Block block) {
    Map<String, Duration> result = new LinkedHashMap<>();
    for (String profile : block.keys()) {
      Duration limit = Scalars.positiveDuration(block.problems(), block.path(profile),
          block.value(profile).orElseThrow());
      if (limit != null) {
        result.put(profile, limit);
      }
    }
    return result;
  }
}
