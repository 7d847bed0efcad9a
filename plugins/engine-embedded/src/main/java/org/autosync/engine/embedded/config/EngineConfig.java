package org.autosync.engine.embedded.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The embedded engine's model: where it keeps its state, the metaverse object types, and the
 * management agents.
 *
 * <pre>{@code
 * store: ./data/engine
 * metaverse:
 *   person:
 *     attributes: [employeeNumber, givenName, sn, cn, title, mail, uid]
 *     deleteWhenDisconnectedFrom: [HR]       # default: when its last connector goes
 * mas:
 *   - name: HR
 *     ...
 * }</pre>
 *
 * <p>Immutable and thread-safe. Bound from YAML or JSON with Jackson; check it with {@link
 * ConfigValidator} before use.
 *
 * @param store folder of the engine's database; null keeps everything in memory (tests)
 * @param metaverse metaverse object types by name
 * @param mas the management agents, in precedence order: for one metaverse attribute, an MA
 *     earlier in this list wins over a later one
 */
public record EngineConfig(
    @JsonProperty("store") @Nullable String store,
    @JsonProperty("metaverse") Map<String, MetaverseType> metaverse,
    @JsonProperty("mas") List<MaConfig> mas) {

  public EngineConfig {
    metaverse = metaverse == null ? Map.of() : Map.copyOf(metaverse);
    mas = mas == null ? List.of() : List.copyOf(mas);
  }

  /**
   * A metaverse object type.
   *
   * @param attributes its attributes
   * @param deleteWhenDisconnectedFrom MAs whose disconnection deletes the object; empty: the object
   *     is deleted when its last connector is disconnected
   */
  public record MetaverseType(
      @JsonProperty("attributes") List<String> attributes,
      @JsonProperty("deleteWhenDisconnectedFrom") List<String> deleteWhenDisconnectedFrom) {
    public MetaverseType {
      attributes = attributes == null ? List.of() : List.copyOf(attributes);
      deleteWhenDisconnectedFrom = deleteWhenDisconnectedFrom == null
          ? List.of() : List.copyOf(deleteWhenDisconnectedFrom);
    }
  }
}
