package org.autosync.scripts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.autosync.api.engine.ManagementAgent;
import org.autosync.api.engine.Partition;
import org.autosync.api.engine.RunProfile;
import org.autosync.api.trigger.ParameterDescriptor;
import org.autosync.api.trigger.ParameterValues;
import org.autosync.api.trigger.TriggerConfig;
import org.autosync.api.trigger.TriggerContext;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * What a script reads without asking: {@code ctx.params} (its manifest's parameters, typed:
 * integers and booleans as such, durations in milliseconds, lists as lists, secrets resolved),
 * {@code ctx.ma} (name, category, partitions, run profiles, connection hints) and {@code
 * ctx.trigger} (id, type, script, version). Stateless.
 */
final class Info {

  private Info() {}

  static JsonNode of(ScriptDefinition definition, TriggerConfig config, TriggerContext context) {
    ObjectNode info = Json.object();
    info.set("params", params(definition.manifest(), config.values(), context::resolveSecret));
    info.set("ma", ma(context.managementAgent()));
    ObjectNode trigger = info.putObject("trigger");
    trigger.put("id", config.id());
    trigger.put("type", config.type());
    trigger.put("script", definition.manifest().id());
    trigger.put("version", definition.manifest().version());
    return info;
  }

  /** The manifest's parameters, typed, from configuration text (defaults filled in). */
  static ObjectNode params(ScriptManifest manifest, Map<String, String> values,
      UnaryOperator<String> secrets) {
    ObjectNode params = Json.object();
    for (ParameterDescriptor p : manifest.parameters()) {
      String text = values.get(p.name());
      if (text == null) {
        text = p.defaultValue();
      }
      if (text == null) {
        params.putNull(p.name());
        continue;
      }
      switch (p.type()) {
        case INTEGER -> params.put(p.name(), ParameterValues.parseInteger(text));
        case BOOLEAN -> params.put(p.name(), ParameterValues.parseBoolean(text));
        case DURATION -> params.put(p.name(), ParameterValues.parseDuration(text).toMillis());
        case LIST -> {
          ArrayNode list = params.putArray(p.name());
          ParameterValues.parseList(text).forEach(list::add);
        }
        case SECRET -> params.put(p.name(), secrets.apply(text));
        case STRING, ENUM -> params.put(p.name(), text);
      }
    }
    return params;
  }

  static ObjectNode ma(ManagementAgent ma) {
    ObjectNode node = Json.object();
    node.put("name", ma.name());
    node.put("id", ma.id());
    node.put("category", ma.category());
    ArrayNode partitions = node.putArray("partitions");
    for (Partition p : ma.partitions()) {
      partitions.addObject().put("name", p.name()).put("id", p.id()).put("selected", p.selected());
    }
    ArrayNode profiles = node.putArray("runProfiles");
    for (RunProfile r : ma.runProfiles()) {
      profiles.add(r.name());
    }
    ObjectNode hints = node.putObject("hints");
    ma.connectionHints().forEach(hints::put);
    return node;
  }
}
