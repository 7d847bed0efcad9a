package org.autosync.engine.embedded.connector.csv;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.jspecify.annotations.Nullable;

/**
 * Splits CSV text into records with Commons CSV, keeping where each record starts and ends in
 * the text, and carrying on after a record whose quoting cannot be parsed.
 *
 * <p>Recovery: when a record cannot be parsed, the text from its start to the end of the line
 * where the parser stopped becomes one unparsable record, and parsing restarts on the next line.
 * A stray quote therefore swallows the lines up to the next quote (or the rest of the file) into
 * that one record. Restarting earlier, on the line after the record's start, would read the
 * content of a broken multi-line cell as rows and could invent objects; swallowing only delays
 * them, and an import with unreadable rows deletes nothing.
 *
 * <p>Not thread-safe; one instance reads one text once.
 */
final class RecordSplitter {

  /**
   * One record of the text.
   *
   * @param line the 1-based line on which it starts
   * @param start offset of its first character
   * @param end offset after its line break (or the end of the text)
   * @param cells its cells, or null when it could not be parsed
   * @param problem why it could not be parsed, or null
   */
  record RawRecord(int line, int start, int end, @Nullable List<String> cells,
      @Nullable String problem) {}

  private final String text;
  private final CSVFormat format;
  private final int[] lineStarts;
  private int nextStart;
  private int parserBaseLine;
  private @Nullable CSVParser parser;
  private @Nullable Iterator<CSVRecord> records;

  RecordSplitter(String text, CSVFormat format) {
    this.text = text;
    this.format = format;
    this.lineStarts = lineStarts(text);
  }

  /** The next record, or null at the end of the text. */
  @Nullable RawRecord next() {
    if (nextStart >= text.length()) {
      return null;
    }
    int start = nextStart;
    int startLine = lineIndex(start);
    CSVParser current = parser;
    Iterator<CSVRecord> iterator = records;
    if (current == null || iterator == null) {
      current = open(start);
      iterator = records;
    }
    try {
      if (!iterator.hasNext()) {
        nextStart = text.length();
        return null;
      }
      CSVRecord record = iterator.next();
      int end = lineStart(parserBaseLine + (int) current.getCurrentLineNumber());
      if (end <= start) {
        end = lineStart(startLine + 1);
      }
      nextStart = end;
      return new RawRecord(startLine + 1, start, end, Arrays.asList(record.values()), null);
    } catch (UncheckedIOException | IllegalStateException e) {
      // The parser stopped on the line it reports: restart on the line after it.
      int resume = lineStart(parserBaseLine + (int) current.getCurrentLineNumber());
      if (resume <= start) {
        resume = lineStart(startLine + 1);
      }
      int lastLine = lineIndex(resume - 1) + 1;
      String problem = "unparsable quoting"
          + (lastLine > startLine + 1 ? " in lines " + (startLine + 1) + "-" + lastLine : "")
          + ": a quoted cell must end with a quote followed by the delimiter or the end of the"
          + " line, and a quote inside it must be doubled (\"\")"
          + (lastLine > startLine + 1 ? "; look for a stray quote on line " + (startLine + 1)
              : "");
      close();
      nextStart = resume;
      return new RawRecord(startLine + 1, start, resume, null, problem);
    }
  }

  private CSVParser open(int start) {
    StringReader reader = new StringReader(text);
    try {
      reader.skip(start);
      CSVParser opened = CSVParser.builder().setReader(reader).setFormat(format).get();
      parser = opened;
      records = opened.iterator();
      parserBaseLine = lineIndex(start);
      return opened;
    } catch (IOException e) {
      throw new UncheckedIOException("reading a string cannot fail", e);
    }
  }

  private void close() {
    parser = null;
    records = null;
  }

  /** The offset where 0-based line {@code index} starts, or the text length past the end. */
  private int lineStart(int index) {
    return index < lineStarts.length ? lineStarts[index] : text.length();
  }

  /** The 0-based line holding {@code offset}. */
  private int lineIndex(int offset) {
    int found = Arrays.binarySearch(lineStarts, offset);
    return found >= 0 ? found : -found - 2;
  }

  /** Offsets where lines start; a line ends with CR LF, LF or CR, as Commons CSV reads them. */
  private static int[] lineStarts(String text) {
    int[] starts = new int[16];
    int count = 0;
    int i = 0;
    while (i < text.length()) {
      if (count == starts.length) {
        starts = Arrays.copyOf(starts, count * 2);
      }
      starts[count++] = i;
      while (i < text.length() && text.charAt(i) != '\n' && text.charAt(i) != '\r') {
        i++;
      }
      if (i < text.length() && text.charAt(i) == '\r') {
        i++;
        if (i < text.length() && text.charAt(i) == '\n') {
          i++;
        }
      } else if (i < text.length()) {
        i++;
      }
    }
    return Arrays.copyOf(starts, count);
  }
}
