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
    ObjectNode params = info.putObject("params");
    for (ParameterDescriptor p : definition.manifest().parameters()) {
      String text = config.value(p.name()).orElse(null);
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
        case SECRET -> params.put(p.name(), context.resolveSecret(text));
        case STRING, ENUM -> params.put(p.name(), text);
      }
    }
    info.set("ma", ma(context.managementAgent()));
    ObjectNode trigger = info.putObject("trigger");
    trigger.put("id", config.id());
    trigger.put("type", config.type());
    trigger.put("script", definition.manifest().id());
    trigger.put("version", definition.manifest().version());
    return info;
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
