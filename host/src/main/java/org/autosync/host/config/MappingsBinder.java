package org.autosync.host.config;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.autosync.api.ProfileType;
import org.autosync.host.controller.ProfileMappings;

/**
 * Binds an MA's {@code mappings} block: partition → profile type → run profile name.
 *
 * <pre>{@code
 * mappings:
 *   default: {DeltaImport: DI, FullImport: FI, DeltaSync: DS, Export: E}
 * }</pre>
 *
 * Stateless.
 */
final class MappingsBinder {

  static final String TYPES = String.join(", ",
      Arrays.stream(ProfileType.values()).map(ProfileType::label).toList());

  private MappingsBinder() {}

  static ProfileMappings bind(Block block) {
    Map<String, Map<ProfileType, String>> result = new LinkedHashMap<>();
    Map<String, String> partitions = new LinkedHashMap<>();
    for (String partition : block.keys()) {
      if (partition.isBlank()) {
        block.problems().add(block.keyNode(partition), block.path(partition),
            "expected a partition name; got an empty key");
        continue;
      }
      String first = partitions.putIfAbsent(partition.toLowerCase(Locale.ROOT), partition);
      if (first != null) {
        block.problems().add(block.keyNode(partition), block.path(partition), "partition '"
            + first + "' is already mapped (partition names are compared ignoring case)");
        continue;
      }
      result.put(partition, types(block.child(partition, null)));
    }
    return new ProfileMappings(result);
  }

  private static Map<ProfileType, String> types(Block block) {
    Map<ProfileType, String> byType = new EnumMap<>(ProfileType.class);
    for (String name : block.keys()) {
      ProfileType type;
      try {
        type = ProfileType.parse(name);
      } catch (IllegalArgumentException e) {
        block.problems().add(block.keyNode(name), block.path(name),
            "unknown profile type; expected one of " + TYPES + "; got '" + name + "'");
        continue;
      }
      String profile = block.text(name, "a run profile name");
      if (profile == null) {
        continue;
      }
      if (profile.isBlank()) {
        block.problems().add(block.value(name).orElseThrow(), block.path(name),
            "expected a run profile name; got an empty text");
      } else if (byType.putIfAbsent(type, profile) != null) {
        block.problems().add(block.keyNode(name), block.path(name),
            "profile type " + type.label() + " is mapped twice in this partition");
      }
    }
    return byType;
  }
}
