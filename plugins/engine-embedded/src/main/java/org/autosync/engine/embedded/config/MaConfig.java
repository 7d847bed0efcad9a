package org.autosync.engine.embedded.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One management agent of the embedded engine.
 *
 * <pre>{@code
 * - name: CORP
 *   category: LDAP
 *   connector:
 *     type: ldap
 *     options: {host: 127.0.0.1, port: "10390", bindDn: cn=admin, password: "${env:CORP_PW}",
 *               objectClasses: inetOrgPerson}
 *   partitions: ["ou=users,dc=corp,dc=example"]
 *   objectTypes: [ ... ]
 *   profiles:
 *     FI: [{kind: FullImport, partition: "ou=users,dc=corp,dc=example"}]
 *     DS: [{kind: DeltaSync, partition: "ou=users,dc=corp,dc=example"}]
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param name the MA's unique name
 * @param category its category, such as {@code LDAP}, {@code CSV}, {@code AD}
 * @param connector how to reach the connected system
 * @param partitions partition names (LDAP: the search bases; files: {@code default})
 * @param objectTypes the object types it holds, with their rules
 * @param profiles run profiles by name, each a list of steps
 */
public record MaConfig(
    @JsonProperty("name") String name,
    @JsonProperty("category") String category,
    @JsonProperty("connector") ConnectorConfig connector,
    @JsonProperty("partitions") List<String> partitions,
    @JsonProperty("objectTypes") List<ObjectTypeConfig> objectTypes,
    @JsonProperty("profiles") Map<String, List<StepConfig>> profiles) {

  public MaConfig {
    category = category == null ? "" : category;
    partitions = partitions == null || partitions.isEmpty() ? List.of("default")
        : List.copyOf(partitions);
    objectTypes = objectTypes == null ? List.of() : List.copyOf(objectTypes);
    profiles = profiles == null ? Map.of()
        : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(profiles));
  }

  /**
   * The connector's type and options.
   *
   * @param type {@code ldap} or {@code csv}
   * @param options the connector's options; values may be secret references
   */
  public record ConnectorConfig(
      @JsonProperty("type") String type,
      @JsonProperty("options") Map<String, String> options) {
    public ConnectorConfig {
      options = options == null ? Map.of() : Map.copyOf(options);
    }
  }

  /**
   * One step of a run profile.
   *
   * @param kind {@code FullImport}, {@code DeltaImport}, {@code FullSync}, {@code DeltaSync},
   *     {@code Export}, {@code FullImportDeltaSync}, {@code DeltaImportDeltaSync} or {@code
   *     FullImportFullSync}
   * @param partition the partition's name; may be omitted when the MA has one partition
   */
  public record StepConfig(
      @JsonProperty("kind") String kind,
      @JsonProperty("partition") String partition) {}
}
