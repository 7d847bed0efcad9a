package org.autosync.engine.embedded.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.util.List;
import java.util.Map;

/**
 * Binds the engine's configuration block from YAML text or from the map the host hands over.
 * Unknown fields and wrong types are errors naming the field path (and, from text, the line).
 *
 * <p>Stateless and thread-safe.
 */
public final class EngineConfigs {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private EngineConfigs() {}

  /**
   * Parses YAML text.
   *
   * @throws EngineConfigException naming the field and line of the problem
   */
  public static EngineConfig fromYaml(String yaml) {
    try {
      return YAML.readValue(yaml, EngineConfig.class);
    } catch (JsonMappingException e) {
      throw new EngineConfigException(List.of(describe(e, true)));
    } catch (JsonProcessingException e) {
      throw new EngineConfigException(List.of("line " + e.getLocation().getLineNr() + ", column "
          + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage()));
    }
  }

  /**
   * Binds an already parsed block (as the host's configuration loader hands it over).
   *
   * @throws EngineConfigException naming the field of the problem
   */
  public static EngineConfig fromMap(Map<String, Object> settings) {
    try {
      return YAML.convertValue(settings, EngineConfig.class);
    } catch (IllegalArgumentException e) {
      if (e.getCause() instanceof JsonMappingException m) {
        throw new EngineConfigException(List.of(describe(m, false)));
      }
      throw new EngineConfigException(List.of(e.getMessage()));
    }
  }

  private static String describe(JsonMappingException e, boolean withLine) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference r : e.getPath()) {
      if (r.getFieldName() != null) {
        if (!path.isEmpty()) {
          path.append('.');
        }
        path.append(r.getFieldName());
      } else if (r.getIndex() >= 0) {
        path.append('[').append(r.getIndex()).append(']');
      }
    }
    String where = path.isEmpty() ? "(top)" : path.toString();
    String line = withLine && e.getLocation() != null
        ? " (line " + e.getLocation().getLineNr() + ")" : "";
    if (e instanceof UnrecognizedPropertyException u) {
      return where + line + ": unknown field; expected one of " + u.getKnownPropertyIds();
    }
    return where + line + ": " + e.getOriginalMessage();
  }
}
