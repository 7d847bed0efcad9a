package org.autosync.engine.embedded.connector.csv;

import java.util.List;
import java.util.Map;
import org.autosync.engine.embedded.connector.Connector;
import org.autosync.engine.embedded.connector.ConnectorContext;
import org.autosync.engine.embedded.connector.ConnectorFactory;

/**
 * Creates {@code csv} connectors: one CSV file with a header row is the connected system; each
 * row is one object, named by its {@code dnColumn} cell.
 *
 * <table>
 *   <caption>Options (all strings)</caption>
 *   <tr><th>option</th><th>meaning</th><th>default</th></tr>
 *   <tr><td>{@code file}</td><td>path of the CSV file; a relative path resolves against the
 *       working directory of the AutoSync process (not the MA's work directory)</td>
 *       <td>required</td></tr>
 *   <tr><td>{@code objectType}</td><td>the object type of every row</td>
 *       <td>{@code person}</td></tr>
 *   <tr><td>{@code dnColumn}</td><td>the column whose value is the row's unique name, used as
 *       the entry's DN (typically the anchor, such as {@code employeeNumber}); matched ignoring
 *       case</td><td>required</td></tr>
 *   <tr><td>{@code columns}</td><td>comma-separated: the columns an export writes, in order. A
 *       new file gets this header; an existing file whose header differs is rewritten with it
 *       (values kept), but an export refuses to drop a column the file has</td>
 *       <td>the file's header; for a missing file, {@code dnColumn} then every exported
 *       attribute in name order</td></tr>
 *   <tr><td>{@code delimiter}</td><td>the cell delimiter, one character (not a quote or a line
 *       break)</td><td>{@code ,}</td></tr>
 *   <tr><td>{@code encoding}</td><td>the file's character set, a name Java knows</td>
 *       <td>{@code UTF-8}</td></tr>
 *   <tr><td>{@code multiValueSeparator}</td><td>joins the values of a multi-valued attribute in
 *       one cell; empty: one value per cell</td><td>{@code ;}</td></tr>
 * </table>
 *
 * <p><b>File format.</b> RFC 4180: cells containing the delimiter, a quote or a line break are
 * quoted with {@code "}, and a quote inside is doubled. The first non-blank line is the header;
 * its names (surrounding blanks removed, compared ignoring case) are the attribute names. An empty
 * cell is an absent attribute; other cells are split on {@code multiValueSeparator}, empty parts
 * dropped, blanks kept. The {@code dnColumn} cell is never split. Blank lines are ignored. A UTF-8
 * byte order mark is read and written back. A row that cannot be read (unparsable quoting, a cell
 * count other than the header's, an empty {@code dnColumn} cell, a {@code dnColumn} value an
 * earlier row has, compared exactly) is imported as {@link
 * org.autosync.engine.embedded.connector.ImportItem.Unreadable} naming its line, and the import
 * goes on. The file has one partition, {@code default}.
 *
 * <p><b>Limits.</b> Multi-values are not escaped: a value containing {@code multiValueSeparator}
 * would read back as several values, so an export refuses it ({@code syntax-violation}), as it
 * refuses an empty string value (an empty cell reads back as no value) and characters the
 * encoding cannot hold. The whole file is held in memory during an import or an export. Delta
 * import is by snapshot: the engine compares every full read with its connector space.
 *
 * <p><b>Export.</b> The batch is applied in order to the rows in memory, then the file is replaced
 * once, atomically (a temporary file {@code .<name>.autosync-tmp} in the same folder, forced to
 * disk, moved over the file). Rows the batch does not touch keep their exact text and order,
 * broken rows included; new rows go at the end, with the file's line break (LF for a new file). A
 * missing file is created with a header row; its folder must exist. Results per change: {@code
 * entry-already-exists} (add or rename onto an existing name), {@code no-such-object}, {@code
 * attribute-not-in-file} (an attribute that is not a column: nothing is silently dropped), {@code
 * object-class-violation} (another object type), {@code constraint-violation} (a {@code dnColumn}
 * value other than the DN), {@code syntax-violation} (see limits). If the file cannot be written
 * the export throws {@code stopped-export-write} and the file is unchanged.
 *
 * <p>Example:
 *
 * <pre>{@code
 * Connector hr = new CsvConnectorFactory().create(
 *     Map.of("file", "/srv/hr/people.csv", "dnColumn", "employeeNumber"), context);
 * hr.fullImport("default", item -> staging.add(item));
 * }</pre>
 *
 * <p><b>Threading:</b> the factory is stateless and thread-safe. A connector holds no open file
 * between calls and serializes its own imports and exports, so it is safe to share; two
 * connectors (or other programs) writing one file must not run at the same time, the last
 * write wins.
 */
public final class CsvConnectorFactory implements ConnectorFactory {

  /** The type name in configuration. */
  public static final String TYPE = "csv";

  /** Creates the factory; it has no state. */
  public CsvConnectorFactory() {}

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public List<String> options() {
    return CsvOptions.NAMES;
  }

  @Override
  public List<String> validate(Map<String, String> options) {
    return CsvOptions.validate(options);
  }

  /**
   * Creates a connector; reads nothing yet.
   *
   * @throws IllegalArgumentException listing the problems when the options are not valid
   */
  @Override
  public Connector create(Map<String, String> options, ConnectorContext context) {
    return new CsvConnector(CsvOptions.parse(options), context);
  }
}
