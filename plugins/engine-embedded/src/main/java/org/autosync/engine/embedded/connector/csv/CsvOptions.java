package org.autosync.engine.embedded.connector.csv;

import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.QuoteMode;
import org.jspecify.annotations.Nullable;

/**
 * The validated options of one CSV connector.
 *
 * @param file the CSV file, absolute
 * @param objectType the object type of every row
 * @param dnColumn the column holding each row's unique name, as configured
 * @param columns the configured export columns in order; empty when taken from the file
 * @param delimiter the cell delimiter
 * @param encoding the file's character set
 * @param multiValueSeparator joins the values of a multi-valued cell; empty: no multi-values
 */
record CsvOptions(Path file, String objectType, String dnColumn, List<String> columns,
    char delimiter, Charset encoding, String multiValueSeparator) {

  static final String FILE = "file";
  static final String OBJECT_TYPE = "objectType";
  static final String DN_COLUMN = "dnColumn";
  static final String COLUMNS = "columns";
  static final String DELIMITER = "delimiter";
  static final String ENCODING = "encoding";
  static final String MULTI_VALUE_SEPARATOR = "multiValueSeparator";

  /** Every option, in the order they are documented. */
  static final List<String> NAMES =
      List.of(FILE, OBJECT_TYPE, DN_COLUMN, COLUMNS, DELIMITER, ENCODING, MULTI_VALUE_SEPARATOR);

  static final String DEFAULT_OBJECT_TYPE = "person";
  static final char DEFAULT_DELIMITER = ',';
  static final Charset DEFAULT_ENCODING = StandardCharsets.UTF_8;
  static final String DEFAULT_MULTI_VALUE_SEPARATOR = ";";

  CsvOptions {
    columns = List.copyOf(columns);
  }

  /**
   * Checks options without touching the file.
   *
   * @return problems as "option: what is wrong and what was expected"; empty when valid
   */
  static List<String> validate(Map<String, String> options) {
    List<String> problems = new ArrayList<>();
    Set<String> unknown = new TreeSet<>(options.keySet());
    NAMES.forEach(unknown::remove);
    for (String name : unknown) {
      String hint = NAMES.stream().filter(known -> known.equalsIgnoreCase(name)).findFirst()
          .map(known -> " (did you mean '" + known + "'?)").orElse("");
      problems.add(name + ": unknown option" + hint + "; known options are "
          + String.join(", ", NAMES));
    }

    String file = options.get(FILE);
    if (file == null || file.isBlank()) {
      problems.add(FILE + ": required; the path of the CSV file (relative paths resolve against"
          + " the working directory of the AutoSync process)");
    } else {
      try {
        Path.of(file);
      } catch (InvalidPathException e) {
        problems.add(FILE + ": '" + file + "' is not a valid path: " + e.getReason());
      }
    }

    String objectType = options.get(OBJECT_TYPE);
    if (objectType != null && objectType.isBlank()) {
      problems.add(OBJECT_TYPE + ": must not be blank; the object type of every row (default '"
          + DEFAULT_OBJECT_TYPE + "')");
    }

    String dnColumn = options.get(DN_COLUMN);
    if (dnColumn == null || dnColumn.isBlank()) {
      problems.add(DN_COLUMN + ": required; the column holding each row's unique name,"
          + " typically the anchor such as 'employeeNumber'");
      dnColumn = null;
    }

    String columns = options.get(COLUMNS);
    if (columns != null) {
      validateColumns(columns, dnColumn, problems);
    }

    String delimiter = options.get(DELIMITER);
    if (delimiter != null) {
      if (delimiter.length() != 1) {
        problems.add(DELIMITER + ": expected exactly one character such as ',' or ';' or a tab,"
            + " got '" + delimiter + "' (" + delimiter.length() + " characters)");
      } else if (delimiter.charAt(0) == '"' || delimiter.charAt(0) == '\r'
          || delimiter.charAt(0) == '\n') {
        problems.add(DELIMITER + ": cannot be a quote or a line break; expected a character such"
            + " as ',' or ';' or a tab");
      }
    }

    String encoding = options.get(ENCODING);
    if (encoding != null && charset(encoding) == null) {
      problems.add(ENCODING + ": unknown character set '" + encoding + "'; expected a name Java"
          + " knows, such as UTF-8, ISO-8859-1 or windows-1252");
    }
    return List.copyOf(problems);
  }

  private static void validateColumns(String columns, @Nullable String dnColumn,
      List<String> problems) {
    List<String> names = splitColumns(columns);
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i);
      if (name.isEmpty()) {
        problems.add(COLUMNS + ": column " + (i + 1) + " has no name; expected column names"
            + " separated by commas, such as 'employeeNumber,givenName,sn'");
      } else if (!seen.add(name.toLowerCase(Locale.ROOT))) {
        problems.add(COLUMNS + ": '" + name + "' is listed twice (column names ignore case)");
      }
    }
    if (dnColumn != null && !seen.contains(dnColumn.strip().toLowerCase(Locale.ROOT))) {
      problems.add(COLUMNS + ": must include the dnColumn '" + dnColumn.strip() + "'");
    }
  }

  /**
   * Builds options from a map that {@link #validate} accepted.
   *
   * @throws IllegalArgumentException listing the problems when it did not
   */
  static CsvOptions parse(Map<String, String> options) {
    List<String> problems = validate(options);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("Invalid csv connector options: "
          + String.join("; ", problems));
    }
    String objectType = options.getOrDefault(OBJECT_TYPE, DEFAULT_OBJECT_TYPE).strip();
    String columns = options.get(COLUMNS);
    String delimiter = options.get(DELIMITER);
    String encoding = options.get(ENCODING);
    return new CsvOptions(
        Path.of(options.get(FILE).strip()).toAbsolutePath(),
        objectType,
        options.get(DN_COLUMN).strip(),
        columns == null ? List.of() : splitColumns(columns),
        delimiter == null ? DEFAULT_DELIMITER : delimiter.charAt(0),
        encoding == null ? DEFAULT_ENCODING : java.util.Objects.requireNonNull(charset(encoding)),
        options.getOrDefault(MULTI_VALUE_SEPARATOR, DEFAULT_MULTI_VALUE_SEPARATOR));
  }

  /** The format for reading and writing: RFC 4180 quoting with this delimiter, records bare. */
  CSVFormat format() {
    return CSVFormat.RFC4180.builder()
        .setDelimiter(delimiter)
        .setQuote('"')
        .setQuoteMode(QuoteMode.MINIMAL)
        .setIgnoreEmptyLines(false)
        .setRecordSeparator("")
        .get();
  }

  private static List<String> splitColumns(String columns) {
    List<String> names = new ArrayList<>();
    for (String name : columns.split(",", -1)) {
      names.add(name.strip());
    }
    return names;
  }

  private static @Nullable Charset charset(String name) {
    try {
      return Charset.forName(name.strip());
    } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
      return null;
    }
  }
}
