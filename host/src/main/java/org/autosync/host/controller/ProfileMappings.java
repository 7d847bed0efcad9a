package org.autosync.host.controller;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.autosync.api.ProfileType;
import org.autosync.api.engine.ManagementAgent;
import org.autosync.api.engine.Partition;
import org.autosync.api.engine.RunProfile;
import org.autosync.api.engine.StepKind;

/**
 * Which run profile an MA uses for each {@link ProfileType}, per partition. A type with no profile
 * is disabled for that partition: requests for it are dropped with a reason.
 *
 * <p>Immutable and thread-safe.
 *
 * @param byPartition profile names by partition name, then by type
 */
public record ProfileMappings(Map<String, Map<ProfileType, String>> byPartition) {

  public ProfileMappings {
    Map<String, Map<ProfileType, String>> copy = new LinkedHashMap<>();
    byPartition.forEach((partition, types) -> {
      Objects.requireNonNull(partition, "partition");
      copy.put(partition, Map.copyOf(types));
    });
    byPartition = java.util.Collections.unmodifiableMap(copy);
  }

  public static final ProfileMappings NONE = new ProfileMappings(Map.of());

  /**
   * Derives mappings from an MA's single-step profiles, as the reference product's discovery does:
   * for each partition, the first single-step profile of each kind maps the matching type; a delta
   * import profile also serves scheduled and confirming imports; an MA without one uses its full
   * import for delta, scheduled and confirming imports.
   */
  public static ProfileMappings discover(ManagementAgent ma) {
    Map<String, Map<ProfileType, String>> result = new LinkedHashMap<>();
    for (Partition partition : ma.partitions()) {
      Map<StepKind, String> byKind = new EnumMap<>(StepKind.class);
      for (RunProfile profile : ma.runProfiles()) {
        if (profile.isSingleStep()
            && partition.matches(profile.steps().getFirst().partition())
            && !profile.steps().getFirst().kind().isCombined()) {
          byKind.putIfAbsent(profile.steps().getFirst().kind(), profile.name());
        }
      }
      Map<ProfileType, String> types = new EnumMap<>(ProfileType.class);
      put(types, ProfileType.FULL_IMPORT, byKind.get(StepKind.FULL_IMPORT));
      put(types, ProfileType.FULL_SYNC, byKind.get(StepKind.FULL_SYNC));
      put(types, ProfileType.DELTA_SYNC, byKind.get(StepKind.DELTA_SYNC));
      put(types, ProfileType.EXPORT, byKind.get(StepKind.EXPORT));
      String importProfile = Optional.ofNullable(byKind.get(StepKind.DELTA_IMPORT))
          .orElse(byKind.get(StepKind.FULL_IMPORT));
      put(types, ProfileType.DELTA_IMPORT, importProfile);
      put(types, ProfileType.SCHEDULED_IMPORT, importProfile);
      put(types, ProfileType.CONFIRMING_IMPORT, importProfile);
      if (!types.isEmpty()) {
        result.put(partition.name(), types);
      }
    }
    return new ProfileMappings(result);
  }

  private static void put(Map<ProfileType, String> types, ProfileType type, String profile) {
    if (profile != null) {
      types.put(type, profile);
    }
  }

  /** The profile mapped for {@code type} on the partition with this name (ignoring case). */
  public Optional<String> profileFor(String partition, ProfileType type) {
    return byPartition.entrySet().stream()
        .filter(e -> e.getKey().equalsIgnoreCase(partition))
        .map(e -> e.getValue().get(type))
        .filter(Objects::nonNull)
        .findFirst();
  }

  public boolean isEmpty() {
    return byPartition.isEmpty();
  }
}
