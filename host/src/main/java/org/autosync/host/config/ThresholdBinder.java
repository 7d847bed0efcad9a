package org.autosync.host.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.autosync.host.controller.StagingThreshold;
import org.autosync.host.controller.StagingThreshold.Operation;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Binds an MA's {@code thresholds} list.
 *
 * <pre>{@code
 * thresholds:
 *   - {operation: delete, limit: 50}                        # at most 50 deletes per import
 *   - {operation: total, percent: 10, partition: default}   # at most 10% of the connector space
 * }</pre>
 *
 * Stateless.
 */
final class ThresholdBinder {

  static final List<Operation> OPERATIONS = List.of(Operation.values());

  private ThresholdBinder() {}

  static String label(Operation operation) {
    return operation.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  static List<StagingThreshold> bind(Block ma) {
    List<StagingThreshold> result = new ArrayList<>();
    List<Node> items = ma.list("thresholds",
        "a list of thresholds such as [{operation: delete, limit: 50}]");
    for (int i = 0; i < items.size(); i++) {
      YamlPath path = ma.path("thresholds").index(i);
      if (!(items.get(i) instanceof MappingNode)) {
        ma.problems().add(items.get(i), path, "expected a threshold such as {operation: delete,"
            + " limit: 50}; got " + Nodes.describe(items.get(i)));
        continue;
      }
      StagingThreshold threshold = one(Block.read(ma.problems(), path, items.get(i),
          Keys.THRESHOLD));
      if (threshold != null) {
        result.add(threshold);
      }
    }
    return result;
  }

  private static @Nullable StagingThreshold one(Block t) {
    int before = t.problems().count();
    Operation operation = t.choice("operation", Operation.TOTAL, OPERATIONS,
        ThresholdBinder::label);
    if (!t.has("operation")) {
      t.missing("operation",
          "one of " + String.join(", ", OPERATIONS.stream().map(ThresholdBinder::label).toList()));
    }
    String partition = t.text("partition", "a partition name");
    boolean percent = t.has("percent");
    double limit;
    if (percent && t.has("limit")) {
      t.problems().add(t.node(), t.path(),
          "set either limit (a count) or percent (of the connector space), not both");
      limit = 0;
    } else if (percent) {
      limit = t.number("percent", 0);
    } else if (t.has("limit")) {
      limit = t.wholeNumber("limit", 0);
    } else {
      t.missing("limit",
          "a count (limit: 50) or a percentage of the connector space (percent: 10)");
      limit = 0;
    }
    if (t.problems().count() > before) {
      return null;
    }
    return Ranges.build(t, Keys.THRESHOLD, Map.of(), percent ? "percent" : "limit",
        () -> new StagingThreshold(operation, partition, limit, percent), null);
  }
}
