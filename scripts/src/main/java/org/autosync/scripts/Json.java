package org.autosync.scripts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jspecify.annotations.Nullable;

/**
 * JSON between the host and the scripts' preludes: every value crossing the sandbox is JSON text,
 * so scripts only ever hold their own language's plain values. Thread-safe.
 */
final class Json {

  static final ObjectMapper MAPPER = new ObjectMapper();
  static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private Json() {}

  static JsonNode parse(@Nullable String text) {
    if (text == null) {
      return NODES.nullNode();
    }
    try {
      return MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
    }
  }

  static String write(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot write JSON", e);
    }
  }

  static ObjectNode object() {
    return NODES.objectNode();
  }

  /** The prelude's envelope for a result. */
  static String ok(@Nullable JsonNode value) {
    ObjectNode r = object();
    r.put("ok", true);
    r.set("value", value == null ? NODES.nullNode() : value);
    return write(r);
  }

  /** The prelude's envelope for an error; {@code kind} picks the error the script sees. */
  static String error(String kind, String message) {
    ObjectNode r = object();
    r.put("ok", false);
    r.put("kind", kind);
    r.put("error", message);
    return write(r);
  }
}
