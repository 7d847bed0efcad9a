package org.autosync.engine.embedded.connector.csv;

import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.autosync.engine.embedded.connector.ExportChange;
import org.autosync.engine.embedded.connector.ExportResult;
import org.jspecify.annotations.Nullable;

/**
 * Whether a CSV file can hold an export change so that an import reads back what was exported:
 * the object type is the file's, every attribute is a column, the {@code dnColumn} value is the
 * DN, and every value survives the cell format (no empty strings, no multi-value separator
 * inside a value, characters the encoding can hold). A refusal is a failed {@link ExportResult}
 * whose detail says what to change.
 *
 * <p>Not thread-safe (it holds a character set encoder); one instance serves one batch.
 */
final class ChangeChecks {

  private final CsvOptions options;
  private final List<String> columns;
  private final Map<String, Integer> columnIndex;
  private final int dnIndex;
  private final CharsetEncoder encoder;

  /**
   * Checks against the columns of the file being written.
   *
   * @param columnIndex column positions by lower-case name
   */
  ChangeChecks(CsvOptions options, List<String> columns, Map<String, Integer> columnIndex,
      int dnIndex) {
    this.options = options;
    this.columns = List.copyOf(columns);
    this.columnIndex = Map.copyOf(columnIndex);
    this.dnIndex = dnIndex;
    this.encoder = options.encoding().newEncoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
  }

  /** Why the change cannot be written to this file, or null when it can. */
  @Nullable ExportResult refusal(ExportChange change, String dn) {
    ExportResult wrongType = typeRefusal(change);
    if (wrongType != null) {
      return wrongType;
    }
    if (dn.isBlank()) {
      return ExportResult.failed("constraint-violation",
          "the DN is blank; the dnColumn '" + columns.get(dnIndex) + "' needs a value");
    }
    if (!encoder.canEncode(dn)) {
      return unencodable(columns.get(dnIndex));
    }
    TreeSet<String> unknown = new TreeSet<>(change.attributes().keySet());
    unknown.removeAll(columnIndex.keySet());
    if (!unknown.isEmpty()) {
      return ExportResult.failed("attribute-not-in-file", "attribute" + (unknown.size() > 1
          ? "s " : " ") + String.join(", ", unknown) + " not in the columns of '"
          + options.file().getFileName() + "' (" + String.join(", ", columns) + "); add "
          + (unknown.size() > 1 ? "them" : "it") + " to the header row or to option columns");
    }
    for (Map.Entry<String, List<String>> attribute : change.attributes().entrySet()) {
      String name = attribute.getKey();
      List<String> values = attribute.getValue();
      if (columnIndex.get(name) == dnIndex) {
        if (!values.equals(List.of(dn))) {
          return ExportResult.failed("constraint-violation", "'" + columns.get(dnIndex)
              + "' is the dnColumn: its value must be the DN '" + dn + "', not " + values
              + "; change it with a rename");
        }
      } else {
        String problem = unrepresentable(values);
        if (problem != null) {
          return ExportResult.failed("syntax-violation", "attribute '" + name + "': " + problem);
        }
        for (String value : values) {
          if (!encoder.canEncode(value)) {
            return unencodable(name);
          }
        }
      }
    }
    return null;
  }

  /** Refuses a change for another object type than the file's; null when it is the file's. */
  @Nullable ExportResult typeRefusal(ExportChange change) {
    if (change.objectType().equalsIgnoreCase(options.objectType())) {
      return null;
    }
    return ExportResult.failed("object-class-violation", "'" + options.file().getFileName()
        + "' holds objects of type '" + options.objectType() + "' (option objectType), not '"
        + change.objectType() + "'");
  }

  /** Why these values would not read back the same, or null when they would. */
  private @Nullable String unrepresentable(List<String> values) {
    String separator = options.multiValueSeparator();
    if (separator.isEmpty() && values.size() > 1) {
      return values.size() + " values, but option multiValueSeparator is empty (one value per"
          + " cell)";
    }
    for (String value : values) {
      if (value.isEmpty()) {
        return "an empty value cannot be stored (an empty cell is no value); send no values to"
            + " clear the cell";
      }
      if (!separator.isEmpty() && value.contains(separator)) {
        return "the value '" + value + "' contains the multi-value separator '" + separator
            + "' and would read back as several values";
      }
    }
    return null;
  }

  private ExportResult unencodable(String attribute) {
    return ExportResult.failed("syntax-violation", "attribute '" + attribute + "' has characters"
        + " that " + options.encoding().name() + " cannot hold; set option encoding to UTF-8");
  }
}
