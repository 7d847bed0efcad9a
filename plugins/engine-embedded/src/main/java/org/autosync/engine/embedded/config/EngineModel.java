package org.autosync.engine.embedded.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.autosync.api.engine.ManagementAgent;
import org.autosync.api.engine.RunProfile;
import org.jspecify.annotations.Nullable;

/**
 * The validated, compiled engine model: what {@link ConfigValidator#compile} makes of an {@link
 * EngineConfig}. Attribute names are lower-case throughout.
 *
 * <p>Immutable and thread-safe.
 *
 * @param store the database folder; null for in memory
 * @param metaverse metaverse types by name
 * @param mas MAs in precedence order
 */
public record EngineModel(@Nullable String store, Map<String, MvType> metaverse, List<Ma> mas) {

  /**
   * A metaverse type.
   *
   * @param name its name
   * @param attributes its attributes
   * @param deleteWhenDisconnectedFrom MAs whose disconnection deletes an object; empty: the last
   *     connector's
   */
  public record MvType(String name, Set<String> attributes,
      Set<String> deleteWhenDisconnectedFrom) {}

  /**
   * An MA.
   *
   * @param name its name
   * @param precedence its position in the configuration; lower wins for a metaverse attribute
   * @param connectorType the connector's type
   * @param connectorOptions the connector's options
   * @param partitions partition names
   * @param types object types by name
   * @param profiles run profiles by name, in configuration order
   * @param description the MA as the engine SPI describes it
   */
  public record Ma(String name, int precedence, String connectorType,
      Map<String, String> connectorOptions, List<String> partitions, Map<String, Type> types,
      Map<String, RunProfile> profiles, ManagementAgent description) {

    public Optional<Type> type(String objectType) {
      Type t = types.get(objectType);
      if (t != null) {
        return Optional.of(t);
      }
      return types.values().stream().filter(x -> x.name().equalsIgnoreCase(objectType))
          .findFirst();
    }
  }

  /**
   * An object type with its compiled rules.
   *
   * @param name its name
   * @param anchor its anchor attribute
   * @param attributes its attributes
   * @param mvType the metaverse type it joins or projects to; null for none
   * @param join join conditions (connector-space attribute → metaverse attribute)
   * @param project whether non-joining objects project
   * @param importFlows metaverse attribute → expression over this type's attributes
   * @param exportFlows this type's attribute → expression over metaverse attributes
   * @param provision provisioning, or null
   * @param deprovisionDeletes whether deprovisioning exports a delete (else it disconnects)
   */
  public record Type(String name, String anchor, Set<String> attributes, @Nullable String mvType,
      Map<String, String> join, boolean project, Map<String, Expression> importFlows,
      Map<String, Expression> exportFlows, @Nullable Provision provision,
      boolean deprovisionDeletes) {}

  /**
   * Provisioning of an object type.
   *
   * @param partition where new objects go
   * @param dn the DN template over metaverse attributes
   * @param when metaverse attributes that must have values
   */
  public record Provision(String partition, Expression dn, List<String> when) {}

  /** The MA called {@code name}. */
  public Optional<Ma> ma(String name) {
    return mas.stream().filter(m -> m.name().equals(name)).findFirst();
  }
}
