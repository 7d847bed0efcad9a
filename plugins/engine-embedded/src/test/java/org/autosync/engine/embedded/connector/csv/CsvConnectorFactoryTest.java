package org.autosync.engine.embedded.connector.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvConnectorFactoryTest {

  private final CsvConnectorFactory factory = new CsvConnectorFactory();

  private static Map<String, String> valid(String... keysAndValues) {
    Map<String, String> options = new HashMap<>(Map.of("file", "people.csv",
        "dnColumn", "employeeNumber"));
    for (int i = 0; i < keysAndValues.length; i += 2) {
      options.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return options;
  }

  private static void assertOneProblemStartingWith(String prefix, List<String> problems) {
    assertEquals(1, problems.size(), problems.toString());
    assertTrue(problems.getFirst().startsWith(prefix), problems.getFirst());
  }

  @Test
  void is_the_csv_type_and_lists_every_option() {
    assertEquals("csv", factory.type());
    assertEquals(List.of("file", "objectType", "dnColumn", "columns", "delimiter", "encoding",
        "multiValueSeparator"), factory.options());
  }

  @Test
  void accepts_a_file_and_a_dn_column_alone() {
    assertEquals(List.of(), factory.validate(valid()));
  }

  @Test
  void accepts_every_option_with_a_sensible_value() {
    assertEquals(List.of(), factory.validate(valid("objectType", "user", "columns",
        "employeeNumber, givenName,sn", "delimiter", "\t", "encoding", "windows-1252",
        "multiValueSeparator", "")));
  }

  @Test
  void refuses_an_unknown_option_listing_the_known_ones() {
    List<String> problems = factory.validate(valid("colums", "a,b"));

    assertOneProblemStartingWith("colums: unknown option", problems);
    assertTrue(problems.getFirst().endsWith("known options are file, objectType, dnColumn,"
        + " columns, delimiter, encoding, multiValueSeparator"), problems.getFirst());
  }

  @Test
  void suggests_the_option_an_unknown_one_differs_from_only_in_case() {
    Map<String, String> options = valid();
    options.put("dncolumn", options.remove("dnColumn"));

    List<String> problems = factory.validate(options);

    assertTrue(problems.stream().anyMatch(p -> p.startsWith("dncolumn: unknown option (did you"
        + " mean 'dnColumn'?)")), problems.toString());
  }

  @Test
  void requires_the_file_and_the_dn_column() {
    List<String> problems = factory.validate(Map.of());

    assertEquals(2, problems.size(), problems.toString());
    assertTrue(problems.get(0).startsWith("file: required; the path of the CSV file"));
    assertTrue(problems.get(1).startsWith("dnColumn: required; the column holding each row's"
        + " unique name"));
  }

  @Test
  void refuses_blank_required_options() {
    List<String> problems = factory.validate(Map.of("file", " ", "dnColumn", "",
        "objectType", " "));

    assertEquals(3, problems.size(), problems.toString());
  }

  @Test
  void refuses_a_delimiter_of_more_than_one_character() {
    assertOneProblemStartingWith("delimiter: expected exactly one character such as ',' or ';'"
        + " or a tab, got '::' (2 characters)", factory.validate(valid("delimiter", "::")));
    assertOneProblemStartingWith("delimiter: expected exactly one character",
        factory.validate(valid("delimiter", "")));
  }

  @Test
  void refuses_a_quote_or_line_break_as_delimiter() {
    assertOneProblemStartingWith("delimiter: cannot be a quote or a line break",
        factory.validate(valid("delimiter", "\"")));
    assertOneProblemStartingWith("delimiter: cannot be a quote or a line break",
        factory.validate(valid("delimiter", "\n")));
  }

  @Test
  void refuses_an_unknown_character_set() {
    assertOneProblemStartingWith("encoding: unknown character set 'UTF-9'; expected a name Java"
        + " knows, such as UTF-8", factory.validate(valid("encoding", "UTF-9")));
    assertOneProblemStartingWith("encoding: unknown character set",
        factory.validate(valid("encoding", "not a name!")));
  }

  @Test
  void refuses_columns_without_the_dn_column() {
    assertOneProblemStartingWith("columns: must include the dnColumn 'employeeNumber'",
        factory.validate(valid("columns", "givenName,sn")));
  }

  @Test
  void refuses_columns_with_an_empty_or_repeated_name() {
    assertOneProblemStartingWith("columns: column 2 has no name",
        factory.validate(valid("columns", "employeeNumber,,sn")));
    assertOneProblemStartingWith("columns: 'SN' is listed twice (column names ignore case)",
        factory.validate(valid("columns", "employeeNumber,sn,SN")));
  }

  @Test
  void matches_the_dn_column_in_columns_ignoring_case() {
    assertEquals(List.of(), factory.validate(valid("columns", "EmployeeNumber,sn")));
  }

  @Test
  void create_refuses_invalid_options_with_the_problems(@TempDir Path folder) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> factory.create(Map.of("file", "x.csv", "delimiter", "::"),
            CsvFixture.context(folder)));

    assertTrue(e.getMessage().contains("dnColumn: required"), e.getMessage());
    assertTrue(e.getMessage().contains("delimiter: expected exactly one character"),
        e.getMessage());
  }

  @Test
  void resolves_a_relative_file_against_the_process_working_directory() {
    CsvOptions options = CsvOptions.parse(valid());

    assertEquals(Path.of("people.csv").toAbsolutePath(), options.file());
    assertEquals("person", options.objectType());
    assertEquals(',', options.delimiter());
    assertEquals("UTF-8", options.encoding().name());
    assertEquals(";", options.multiValueSeparator());
    assertEquals(List.of(), options.columns());
  }
}
