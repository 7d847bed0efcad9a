package org.autosync.engine.embedded.history;

import java.util.List;
import org.autosync.api.engine.StepKind;
import org.jspecify.annotations.Nullable;

/**
 * {@code step-description/step-type} to {@link StepKind} and back, by the decoding table of MIM's
 * run-profile steps (the rule set Lithnet's client uses).
 *
 * <table>
 *   <caption>step-type decoding</caption>
 *   <tr><th>{@code @type}</th><th>subtype</th><th>kind</th></tr>
 *   <tr><td>full-import</td><td>import-subtype to-cs</td><td>FULL_IMPORT</td></tr>
 *   <tr><td>full-import</td><td>no to-cs</td><td>FULL_IMPORT_DELTA_SYNC</td></tr>
 *   <tr><td>delta-import</td><td>import-subtype to-cs</td><td>DELTA_IMPORT</td></tr>
 *   <tr><td>delta-import</td><td>no to-cs</td><td>DELTA_IMPORT_DELTA_SYNC</td></tr>
 *   <tr><td>full-import-reevaluate-rules</td><td>-</td><td>FULL_IMPORT_FULL_SYNC</td></tr>
 *   <tr><td>apply-rules</td><td>apply-pending</td><td>DELTA_SYNC</td></tr>
 *   <tr><td>apply-rules</td><td>reevaluate-flow-connectors, reevaluate-join-flow-all</td>
 *       <td>FULL_SYNC</td></tr>
 *   <tr><td>export</td><td>-</td><td>EXPORT</td></tr>
 * </table>
 *
 * <p>Drop-file subtypes ({@code to-file}, {@code resume-from-file}) do not change the kind.
 */
final class StepTypes {

  static final String IMPORT_SUBTYPE = "import-subtype";
  static final String APPLY_RULES_SUBTYPE = "apply-rules-subtype";

  /** How one kind is written: the {@code @type} and at most one subtype element. */
  record StepType(String type, @Nullable String subtypeElement, @Nullable String subtype) {}

  private StepTypes() {}

  static StepType of(StepKind kind) {
    return switch (kind) {
      case FULL_IMPORT -> new StepType("full-import", IMPORT_SUBTYPE, "to-cs");
      case DELTA_IMPORT -> new StepType("delta-import", IMPORT_SUBTYPE, "to-cs");
      case FULL_IMPORT_DELTA_SYNC -> new StepType("full-import", null, null);
      case DELTA_IMPORT_DELTA_SYNC -> new StepType("delta-import", null, null);
      case FULL_IMPORT_FULL_SYNC -> new StepType("full-import-reevaluate-rules", null, null);
      case DELTA_SYNC -> new StepType("apply-rules", APPLY_RULES_SUBTYPE, "apply-pending");
      case FULL_SYNC ->
          new StepType("apply-rules", APPLY_RULES_SUBTYPE, "reevaluate-flow-connectors");
      case EXPORT -> new StepType("export", null, null);
    };
  }

  /**
   * Decodes a {@code step-type} element.
   *
   * @throws IllegalArgumentException for an unknown {@code @type} or apply-rules subtype
   */
  static StepKind kind(XmlElement stepType) {
    String type = stepType.requireAttribute("type");
    return switch (type) {
      case "full-import" ->
          toConnectorSpace(stepType) ? StepKind.FULL_IMPORT : StepKind.FULL_IMPORT_DELTA_SYNC;
      case "delta-import" ->
          toConnectorSpace(stepType) ? StepKind.DELTA_IMPORT : StepKind.DELTA_IMPORT_DELTA_SYNC;
      case "full-import-reevaluate-rules" -> StepKind.FULL_IMPORT_FULL_SYNC;
      case "export" -> StepKind.EXPORT;
      case "apply-rules" -> syncKind(stepType);
      default -> throw stepType.invalid("/@type", "'" + type + "' is not a step type this reader"
          + " knows (full-import, delta-import, full-import-reevaluate-rules, apply-rules,"
          + " export)");
    };
  }

  private static boolean toConnectorSpace(XmlElement stepType) {
    List<XmlElement> subtypes = stepType.children(IMPORT_SUBTYPE);
    return subtypes.stream().anyMatch(s -> s.value().equals("to-cs"));
  }

  private static StepKind syncKind(XmlElement stepType) {
    XmlElement subtype = stepType.requireChild(APPLY_RULES_SUBTYPE);
    return switch (subtype.value()) {
      case "apply-pending" -> StepKind.DELTA_SYNC;
      case "reevaluate-flow-connectors", "reevaluate-join-flow-all" -> StepKind.FULL_SYNC;
      default -> throw subtype.invalid("", "'" + subtype.value() + "' is not an apply-rules"
          + " subtype this reader knows (apply-pending, reevaluate-flow-connectors,"
          + " reevaluate-join-flow-all)");
    };
  }
}
