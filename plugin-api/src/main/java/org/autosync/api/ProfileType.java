package org.autosync.api;

import org.autosync.api.engine.StepKind;

/**
 * A kind of run profile that a request can name instead of a profile name. Types are resolved to a
 * profile name through the management agent's per-partition profile mapping.
 *
 * <p>Immutable and thread-safe.
 */
public enum ProfileType {
  DELTA_IMPORT("DeltaImport"),
  FULL_IMPORT("FullImport"),
  DELTA_SYNC("DeltaSync"),
  FULL_SYNC("FullSync"),
  EXPORT("Export"),
  CONFIRMING_IMPORT("ConfirmingImport"),
  /** The import a schedule runs as a safety net; operators often map it to a full import. */
  SCHEDULED_IMPORT("ScheduledImport");

  private final String label;

  ProfileType(String label) {
    this.label = label;
  }

  /** The name used in configuration and messages, such as {@code DeltaImport}. */
  public String label() {
    return label;
  }

  /**
   * Parses a label ({@code DeltaImport}) or constant name ({@code DELTA_IMPORT}), ignoring case.
   *
   * @throws IllegalArgumentException naming the accepted values when {@code text} is none of them
   */
  public static ProfileType parse(String text) {
    for (ProfileType type : values()) {
      if (type.label.equalsIgnoreCase(text) || type.name().equalsIgnoreCase(text)) {
        return type;
      }
    }
    throw new IllegalArgumentException(
        "Unknown profile type '" + text + "'; expected one of DeltaImport, FullImport, DeltaSync,"
            + " FullSync, Export, ConfirmingImport, ScheduledImport");
  }

  /** The single-step kind a profile of this type is expected to have. */
  public StepKind expectedStepKind() {
    return switch (this) {
      case DELTA_IMPORT, CONFIRMING_IMPORT -> StepKind.DELTA_IMPORT;
      case FULL_IMPORT, SCHEDULED_IMPORT -> StepKind.FULL_IMPORT;
      case DELTA_SYNC -> StepKind.DELTA_SYNC;
      case FULL_SYNC -> StepKind.FULL_SYNC;
      case EXPORT -> StepKind.EXPORT;
    };
  }

  @Override
  public String toString() {
    return label;
  }
}
