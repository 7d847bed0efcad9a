package org.autosync.engine.embedded.connector.csv;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.autosync.engine.embedded.connector.ConnectorException;
import org.jspecify.annotations.Nullable;

/**
 * Reads the text of a CSV file as segments, in file order: blank lines, the header row, rows,
 * and broken rows (which name their line and what is wrong). Every character of the text belongs
 * to exactly one segment, so a writer can copy segments it does not change verbatim.
 *
 * <p>A row is broken when its quoting cannot be parsed, when it has a different number of cells
 * than the header, when its {@code dnColumn} cell is blank, or when an earlier row has the same
 * {@code dnColumn} value (DNs are compared exactly, case included).
 *
 * <p>Stateless; thread-safe.
 */
final class CsvReader {

  static final String HEADER_ROW_MISMATCH = "no-start-header-row-mismatch";
  static final String PARSING_ERRORS = "stopped-parsing-errors";

  /** A part of the text from {@code start} (inclusive) to {@code end} (exclusive). */
  sealed interface Segment {
    int start();

    int end();
  }

  /** Lines holding only blanks; ignored. */
  record Blank(int start, int end) implements Segment {}

  /**
   * The header row.
   *
   * @param names the column names as in the file, without surrounding blanks
   * @param dnIndex the index of the {@code dnColumn}
   */
  record Header(int line, int start, int end, List<String> names, int dnIndex)
      implements Segment {

    Header {
      names = List.copyOf(names);
    }
  }

  /** A readable row; its {@code dnColumn} value is unique in the file. */
  record Row(int line, int start, int end, List<String> cells, String dn) implements Segment {}

  /** A row that cannot be read. */
  record Broken(int line, int start, int end, String reason) implements Segment {}

  /** Receives segments; may throw to stop reading. */
  @FunctionalInterface
  interface SegmentSink {
    void accept(Segment segment) throws ConnectorException;
  }

  private CsvReader() {}

  /**
   * Reads {@code text} (without byte order mark), handing each segment to {@code sink}.
   *
   * @return the header, or null when the text holds no row at all (empty or blank)
   * @throws ConnectorException {@code stopped-parsing-errors} when the header row cannot be
   *     parsed; {@code no-start-header-row-mismatch} when it lacks the {@code dnColumn}, has a
   *     column without a name or the same name twice
   */
  static @Nullable Header read(String text, CsvOptions options, SegmentSink sink)
      throws ConnectorException {
    RecordSplitter records = new RecordSplitter(text, options.format());
    Header header = null;
    Map<String, Integer> firstLineByDn = new HashMap<>();
    for (RecordSplitter.RawRecord r = records.next(); r != null; r = records.next()) {
      List<String> cells = r.cells();
      if (cells != null && cells.size() == 1 && text.substring(r.start(), r.end()).isBlank()) {
        sink.accept(new Blank(r.start(), r.end()));
      } else if (header == null) {
        if (cells == null) {
          throw new ConnectorException(PARSING_ERRORS, "Cannot read the header row of '"
              + options.file() + "' (line " + r.line() + "): " + r.problem());
        }
        header = header(r, cells, options);
        sink.accept(header);
      } else {
        sink.accept(row(r, cells, header, options, firstLineByDn));
      }
    }
    return header;
  }

  private static Segment row(RecordSplitter.RawRecord r, @Nullable List<String> cells,
      Header header, CsvOptions options, Map<String, Integer> firstLineByDn) {
    if (cells == null) {
      return new Broken(r.line(), r.start(), r.end(), String.valueOf(r.problem()));
    }
    if (cells.size() != header.names().size()) {
      return new Broken(r.line(), r.start(), r.end(), "the row has " + cells.size()
          + " cells but the header has " + header.names().size() + " columns");
    }
    String dn = cells.get(header.dnIndex());
    String dnColumn = header.names().get(header.dnIndex());
    if (dn.isBlank()) {
      return new Broken(r.line(), r.start(), r.end(),
          "the dnColumn '" + dnColumn + "' is empty; every row needs a unique name there");
    }
    Integer first = firstLineByDn.putIfAbsent(dn, r.line());
    if (first != null) {
      return new Broken(r.line(), r.start(), r.end(), "duplicate " + dnColumn + " '" + dn
          + "': line " + first + " has it already");
    }
    return new Row(r.line(), r.start(), r.end(), cells, dn);
  }

  private static Header header(RecordSplitter.RawRecord r, List<String> cells,
      CsvOptions options) throws ConnectorException {
    List<String> names = new ArrayList<>();
    Map<String, String> seen = new HashMap<>();
    for (int i = 0; i < cells.size(); i++) {
      String name = cells.get(i).strip();
      if (name.isEmpty()) {
        throw mismatch(options, "column " + (i + 1) + " of the header row has no name");
      }
      String earlier = seen.putIfAbsent(name.toLowerCase(Locale.ROOT), name);
      if (earlier != null) {
        throw mismatch(options, "the header row names '" + earlier + "' and '" + name
            + "', the same column (column names ignore case)");
      }
      names.add(name);
    }
    int dnIndex = indexOfIgnoringCase(names, options.dnColumn());
    if (dnIndex < 0) {
      throw mismatch(options, "the header row has no column '" + options.dnColumn()
          + "' (option dnColumn); columns found: " + String.join(", ", names));
    }
    return new Header(r.line(), r.start(), r.end(), names, dnIndex);
  }

  static int indexOfIgnoringCase(List<String> names, String name) {
    for (int i = 0; i < names.size(); i++) {
      if (names.get(i).equalsIgnoreCase(name)) {
        return i;
      }
    }
    return -1;
  }

  static ConnectorException mismatch(CsvOptions options, String problem) {
    return new ConnectorException(HEADER_ROW_MISMATCH,
        "Cannot use '" + options.file() + "': " + problem);
  }

  /** The values of a cell: split on the separator (when there is one), empty parts dropped. */
  static List<String> values(String cell, String separator) {
    if (cell.isEmpty()) {
      return List.of();
    }
    if (separator.isEmpty()) {
      return List.of(cell);
    }
    List<String> values = new ArrayList<>();
    int from = 0;
    while (from <= cell.length()) {
      int at = cell.indexOf(separator, from);
      int to = at < 0 ? cell.length() : at;
      if (to > from) {
        values.add(cell.substring(from, to));
      }
      if (at < 0) {
        break;
      }
      from = at + separator.length();
    }
    return values;
  }
}
