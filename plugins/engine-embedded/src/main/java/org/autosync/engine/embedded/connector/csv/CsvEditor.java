package org.autosync.engine.embedded.connector.csv;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import org.apache.commons.csv.CSVPrinter;
import org.autosync.engine.embedded.connector.ConnectorException;
import org.autosync.engine.embedded.connector.ExportChange;
import org.autosync.engine.embedded.connector.ExportResult;
import org.jspecify.annotations.Nullable;

/**
 * One export batch applied to the rows of a CSV file in memory, then rendered as the new file.
 *
 * <p>Rows the batch does not touch are copied verbatim (with blank lines and broken rows), unless
 * the columns change, in which case every readable row is written again with the same values. New
 * rows go at the end. A change that cannot be applied is a failed {@link ExportResult} and leaves
 * no trace.
 *
 * <p>Not thread-safe; one instance serves one batch.
 */
final class CsvEditor {

  /** A line of the output: verbatim text of the original, or a row that may be rewritten. */
  private sealed interface Line {}

  private record Verbatim(int start, int end) implements Line {}

  private record HeaderLine(String terminator) implements Line {}

  private static final class RowLine implements Line {
    final int line;
    final String[] cells;
    final String terminator;
    int start;
    int end;
    boolean verbatim;
    boolean deleted;

    RowLine(int line, String[] cells, String terminator, int start, int end, boolean verbatim) {
      this.line = line;
      this.cells = cells;
      this.terminator = terminator;
      this.start = start;
      this.end = end;
      this.verbatim = verbatim;
    }
  }

  private final CsvOptions options;
  private final FileText original;
  private final List<String> columns;
  private final Map<String, Integer> columnIndex = new HashMap<>();
  private final int dnIndex;
  private final String newline;
  private final List<Line> lines = new ArrayList<>();
  private final Map<String, RowLine> rowsByDn = new HashMap<>();
  private final CharsetEncoder encoder;
  private final ChangeChecks checks;
  private final int[] counts = new int[ExportChange.Op.values().length];
  private int failures;

  private CsvEditor(CsvOptions options, FileText original, List<String> columns) {
    this.options = options;
    this.original = original;
    this.columns = List.copyOf(columns);
    for (int i = 0; i < columns.size(); i++) {
      columnIndex.put(columns.get(i).toLowerCase(Locale.ROOT), i);
    }
    this.dnIndex = columnIndex.get(options.dnColumn().toLowerCase(Locale.ROOT));
    this.newline = newline(original.text());
    this.encoder = options.encoding().newEncoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    this.checks = new ChangeChecks(options, this.columns, columnIndex, dnIndex);
  }

  /**
   * Reads the current file (null: missing) and prepares the batch.
   *
   * @throws ConnectorException when the file cannot be read, or when the configured columns
   *     leave out columns the file has (writing would drop their values)
   */
  static CsvEditor open(@Nullable FileText file, CsvOptions options, List<ExportChange> changes)
      throws ConnectorException {
    FileText text = file == null ? new FileText("", "") : file;
    List<CsvReader.Segment> segments = new ArrayList<>();
    CsvReader.Header header = CsvReader.read(text.text(), options, segments::add);
    if (header == null) {
      // Missing, empty or blank: the file is written from scratch.
      CsvEditor editor = new CsvEditor(options, new FileText(text.bom(), ""),
          options.columns().isEmpty() ? unionOf(changes, options) : options.columns());
      editor.lines.add(new HeaderLine(editor.newline));
      return editor;
    }
    List<String> columns = options.columns().isEmpty() ? header.names() : options.columns();
    boolean reformat = !equalIgnoringCase(columns, header.names());
    if (reformat) {
      List<String> dropped = header.names().stream()
          .filter(name -> CsvReader.indexOfIgnoringCase(columns, name) < 0).toList();
      if (!dropped.isEmpty()) {
        throw CsvReader.mismatch(options, "the file has columns " + String.join(", ", dropped)
            + " that option columns leaves out, and writing would drop their values; add them"
            + " to option columns or remove the option");
      }
    }
    CsvEditor editor = new CsvEditor(options, text, columns);
    int[] toTarget = new int[header.names().size()];
    for (int i = 0; i < toTarget.length; i++) {
      toTarget[i] = CsvReader.indexOfIgnoringCase(columns, header.names().get(i));
    }
    for (CsvReader.Segment segment : segments) {
      switch (segment) {
        case CsvReader.Header h when reformat ->
            editor.lines.add(new HeaderLine(terminator(text.text(), h.start(), h.end())));
        case CsvReader.Row row -> editor.addRow(row, toTarget, reformat);
        default -> editor.lines.add(new Verbatim(segment.start(), segment.end()));
      }
    }
    return editor;
  }

  private void addRow(CsvReader.Row row, int[] toTarget, boolean reformat) {
    String[] cells = new String[columns.size()];
    Arrays.fill(cells, "");
    for (int i = 0; i < toTarget.length; i++) {
      cells[toTarget[i]] = row.cells().get(i);
    }
    RowLine line = new RowLine(row.line(), cells,
        terminator(original.text(), row.start(), row.end()), row.start(), row.end(), !reformat);
    lines.add(line);
    rowsByDn.put(row.dn(), line);
  }

  /** Applies one change in memory and says what became of it. */
  ExportResult apply(ExportChange change) {
    ExportResult result = switch (change.op()) {
      case ADD -> add(change);
      case UPDATE -> update(change, change.dn());
      case RENAME -> update(change, Objects.requireNonNull(change.newDn()));
      case DELETE -> delete(change);
    };
    if (result.ok()) {
      counts[change.op().ordinal()]++;
    } else {
      failures++;
    }
    return result;
  }

  private ExportResult add(ExportChange change) {
    RowLine existing = rowsByDn.get(change.dn());
    if (existing != null) {
      return ExportResult.failed("entry-already-exists", "a row with " + dnColumn() + " '"
          + change.dn() + "' exists already" + where(existing));
    }
    ExportResult refused = checks.refusal(change, change.dn());
    if (refused != null) {
      return refused;
    }
    String[] cells = new String[columns.size()];
    Arrays.fill(cells, "");
    RowLine row = new RowLine(0, cells, newline, 0, 0, false);
    write(row, change, change.dn());
    lines.add(row);
    rowsByDn.put(change.dn(), row);
    return ExportResult.OK;
  }

  private ExportResult update(ExportChange change, String newDn) {
    RowLine row = rowsByDn.get(change.dn());
    if (row == null) {
      return noSuchObject(change);
    }
    boolean renamed = !newDn.equals(change.dn());
    if (renamed) {
      RowLine other = rowsByDn.get(newDn);
      if (other != null) {
        return ExportResult.failed("entry-already-exists", "cannot rename '" + change.dn()
            + "' to '" + newDn + "': a row with " + dnColumn() + " '" + newDn + "' exists"
            + " already" + where(other));
      }
    }
    ExportResult refused = checks.refusal(change, newDn);
    if (refused != null) {
      return refused;
    }
    write(row, change, newDn);
    if (renamed) {
      rowsByDn.remove(change.dn());
      rowsByDn.put(newDn, row);
    }
    return ExportResult.OK;
  }

  private ExportResult delete(ExportChange change) {
    RowLine row = rowsByDn.get(change.dn());
    if (row == null) {
      return noSuchObject(change);
    }
    ExportResult refused = checks.typeRefusal(change);
    if (refused != null) {
      return refused;
    }
    row.deleted = true;
    rowsByDn.remove(change.dn());
    return ExportResult.OK;
  }

  private void write(RowLine row, ExportChange change, String dn) {
    change.attributes().forEach((name, values) -> row.cells[columnIndex.get(name)] =
        String.join(options.multiValueSeparator(), values));
    row.cells[dnIndex] = dn;
    row.verbatim = false;
  }

  private ExportResult noSuchObject(ExportChange change) {
    return ExportResult.failed("no-such-object", "no row with " + dnColumn() + " '"
        + change.dn() + "' in '" + options.file().getFileName() + "'");
  }

  /** Whether any change was applied, so the file must be written. */
  boolean changed() {
    return Arrays.stream(counts).sum() > 0;
  }

  /** "2 added, 1 updated, 0 renamed, 1 deleted, 0 failed". */
  String summary() {
    return counts[ExportChange.Op.ADD.ordinal()] + " added, "
        + counts[ExportChange.Op.UPDATE.ordinal()] + " updated, "
        + counts[ExportChange.Op.RENAME.ordinal()] + " renamed, "
        + counts[ExportChange.Op.DELETE.ordinal()] + " deleted, " + failures + " failed";
  }

  /** The new content of the file. */
  byte[] render() throws CharacterCodingException {
    String text = original.text();
    StringBuilder out = new StringBuilder(text.length() + 1024).append(original.bom());
    boolean atLineStart = true;
    try (CSVPrinter printer = new CSVPrinter(out, options.format())) {
      for (Line line : lines) {
        if (line instanceof RowLine row && row.deleted) {
          continue;
        }
        if (!atLineStart) {
          out.append(newline);
        }
        switch (line) {
          case Verbatim v -> out.append(text, v.start(), v.end());
          case HeaderLine h -> {
            printer.printRecord(columns);
            out.append(h.terminator().isEmpty() ? newline : h.terminator());
          }
          case RowLine row when row.verbatim -> out.append(text, row.start, row.end);
          case RowLine row -> {
            printer.printRecord((Object[]) row.cells);
            out.append(row.terminator);
          }
        }
        char last = out.isEmpty() ? '\n' : out.charAt(out.length() - 1);
        atLineStart = last == '\n' || last == '\r';
      }
    } catch (IOException e) {
      throw new UncheckedIOException("appending to a StringBuilder cannot fail", e);
    }
    ByteBuffer bytes = encoder.reset().encode(CharBuffer.wrap(out));
    byte[] result = new byte[bytes.remaining()];
    bytes.get(result);
    return result;
  }

  private String dnColumn() {
    return columns.get(dnIndex);
  }

  private static String where(RowLine row) {
    return row.line > 0 ? " (line " + row.line + ")" : " (added earlier in this export)";
  }

  /** The line break ending {@code text[start, end)}, or empty when it has none. */
  private static String terminator(String text, int start, int end) {
    if (end - start >= 2 && text.startsWith("\r\n", end - 2)) {
      return "\r\n";
    }
    if (end > start && (text.charAt(end - 1) == '\n' || text.charAt(end - 1) == '\r')) {
      return String.valueOf(text.charAt(end - 1));
    }
    return "";
  }

  /** The file's line break (that of its first line), or LF for a new file. */
  private static String newline(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\r') {
        return i + 1 < text.length() && text.charAt(i + 1) == '\n' ? "\r\n" : "\r";
      }
      if (c == '\n') {
        return "\n";
      }
    }
    return "\n";
  }

  /** The dnColumn, then every attribute the changes write, in name order. */
  private static List<String> unionOf(List<ExportChange> changes, CsvOptions options) {
    TreeSet<String> names = new TreeSet<>();
    for (ExportChange change : changes) {
      if (change.op() != ExportChange.Op.DELETE) {
        names.addAll(change.attributes().keySet());
      }
    }
    names.remove(options.dnColumn().toLowerCase(Locale.ROOT));
    List<String> columns = new ArrayList<>();
    columns.add(options.dnColumn());
    columns.addAll(names);
    return columns;
  }

  private static boolean equalIgnoringCase(List<String> a, List<String> b) {
    if (a.size() != b.size()) {
      return false;
    }
    for (int i = 0; i < a.size(); i++) {
      if (!a.get(i).equalsIgnoreCase(b.get(i))) {
        return false;
      }
    }
    return true;
  }
}
