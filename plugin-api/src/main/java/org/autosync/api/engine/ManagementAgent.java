package org.autosync.api.engine;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A management agent as the engine describes it.
 *
 * <p>Immutable and thread-safe.
 *
 * @param id the engine's identifier (a GUID in MIM)
 * @param name the unique name operators use
 * @param category the MA's category: {@code AD}, {@code ADAM}, {@code AD GAL}, {@code FIM}, {@code
 *     Extensible2}, {@code LDAP}, {@code CSV}, ...; empty when the engine cannot tell
 * @param partitions every partition; at least one
 * @param runProfiles every run profile
 * @param capabilities engine-specific capability names, such as {@code delta-import}
 * @param connectionHints what a trigger may use to watch the connected system, such as {@code host},
 *     {@code port}, {@code baseDn}, {@code objectClasses}; empty when unknown
 */
public record ManagementAgent(
    String id,
    String name,
    String category,
    List<Partition> partitions,
    List<RunProfile> runProfiles,
    Set<String> capabilities,
    Map<String, String> connectionHints) {

  /** The category of MIM Service management agents, whose delta imports take the sync slot. */
  public static final String CATEGORY_FIM = "FIM";

  public ManagementAgent {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(category, "category");
    partitions = List.copyOf(partitions);
    runProfiles = List.copyOf(runProfiles);
    capabilities = Set.copyOf(capabilities);
    connectionHints = Map.copyOf(connectionHints);
    if (partitions.isEmpty()) {
      throw new IllegalArgumentException("Management agent '" + name + "' has no partition");
    }
  }

  /** The profile called {@code profileName}, matched exactly as engines do. */
  public Optional<RunProfile> profile(String profileName) {
    return runProfiles.stream().filter(p -> p.name().equals(profileName)).findFirst();
  }

  /** The partition with this id or name. */
  public Optional<Partition> partition(String idOrName) {
    return partitions.stream().filter(p -> p.matches(idOrName)).findFirst();
  }

  /** Whether this is a MIM Service management agent. */
  public boolean isFim() {
    return CATEGORY_FIM.equalsIgnoreCase(category);
  }
}
