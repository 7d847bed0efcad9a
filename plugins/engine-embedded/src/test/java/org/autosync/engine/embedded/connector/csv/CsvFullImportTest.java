package org.autosync.engine.embedded.connector.csv;

import static org.autosync.engine.embedded.connector.csv.CsvFixture.PARTITION;
import static org.autosync.engine.embedded.connector.csv.CsvFixture.assertFailsWith;
import static org.autosync.engine.embedded.connector.csv.CsvFixture.connector;
import static org.autosync.engine.embedded.connector.csv.CsvFixture.importAll;
import static org.autosync.engine.embedded.connector.csv.CsvFixture.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.autosync.engine.embedded.connector.Connector;
import org.autosync.engine.embedded.connector.ConnectorEntry;
import org.autosync.engine.embedded.connector.ConnectorException;
import org.autosync.engine.embedded.connector.ImportItem;
import org.autosync.engine.embedded.connector.ImportItem.Present;
import org.autosync.engine.embedded.connector.ImportItem.Unreadable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvFullImportTest {

  @TempDir
  Path folder;

  private static Present person(String dn, Map<String, List<String>> attributes) {
    return new Present(new ConnectorEntry(dn, "person", attributes));
  }

  @Test
  void reads_every_row_as_an_entry_named_by_its_dn_column() throws Exception {
    Path file = write(folder.resolve("people.csv"), """
        employeeNumber,givenName,SN,Mail,memberOf
        1001,Zoë,Łukasiewicz,zoe@example.org,staff;admins
        1002,渡辺,"Smith, Jr.",,staff
        1003,"Ann ""Annie""\","Line one
        line two",ann@example.org,
        """);

    List<ImportItem> items = importAll(connector(file));

    assertEquals(List.of(
        person("1001", Map.of("employeenumber", List.of("1001"), "givenname", List.of("Zoë"),
            "sn", List.of("Łukasiewicz"), "mail", List.of("zoe@example.org"),
            "memberof", List.of("staff", "admins"))),
        person("1002", Map.of("employeenumber", List.of("1002"), "givenname", List.of("渡辺"),
            "sn", List.of("Smith, Jr."), "memberof", List.of("staff"))),
        person("1003", Map.of("employeenumber", List.of("1003"),
            "givenname", List.of("Ann \"Annie\""), "sn", List.of("Line one\nline two"),
            "mail", List.of("ann@example.org")))), items);
  }

  @Test
  void leaves_empty_cells_out_and_drops_empty_parts_of_multi_valued_cells() throws Exception {
    Path file = write(folder.resolve("people.csv"), """
        employeeNumber,mail,memberOf,title
        1001,,;staff;;admins;,
        1002,"",;,
        """);

    List<ImportItem> items = importAll(connector(file));

    assertEquals(List.of(
        person("1001", Map.of("employeenumber", List.of("1001"),
            "memberof", List.of("staff", "admins"))),
        person("1002", Map.of("employeenumber", List.of("1002")))), items);
  }

  @Test
  void never_splits_the_dn_column_and_keeps_blanks_inside_values() throws Exception {
    Path file = write(folder.resolve("people.csv"), """
        employeeNumber,memberOf
        A;1, staff ; admins
        """);

    List<ImportItem> items = importAll(connector(file));

    assertEquals(List.of(person("A;1", Map.of("employeenumber", List.of("A;1"),
        "memberof", List.of(" staff ", " admins")))), items);
  }

  @Test
  void reads_one_value_per_cell_when_the_separator_is_empty() throws Exception {
    Path file = write(folder.resolve("people.csv"), "employeeNumber,memberOf\n1,a;b\n");

    List<ImportItem> items = importAll(connector(file, "multiValueSeparator", ""));

    assertEquals(List.of(person("1", Map.of("employeenumber", List.of("1"),
        "memberof", List.of("a;b")))), items);
  }

  @Test
  void reads_a_byte_order_mark_crlf_line_breaks_and_blank_lines() throws Exception {
    Path file = write(folder.resolve("people.csv"),
        "\uFEFF\r\nemployeeNumber,sn\r\n1001,Ng\r\n\r\n   \r\n1002,Li");

    List<ImportItem> items = importAll(connector(file));

    assertEquals(List.of(
        person("1001", Map.of("employeenumber", List.of("1001"), "sn", List.of("Ng"))),
        person("1002", Map.of("employeenumber", List.of("1002"), "sn", List.of("Li")))), items);
  }

  @Test
  void reads_another_delimiter_encoding_separator_and_object_type() throws Exception {
    Path file = folder.resolve("people.csv");
    Files.write(file, "Nr;Name;Gruppen\n7;Müller;a|b\n".getBytes(StandardCharsets.ISO_8859_1));

    List<ImportItem> items = importAll(connector(file, "dnColumn", "nr", "delimiter", ";",
        "encoding", "ISO-8859-1", "multiValueSeparator", "|", "objectType", "user"));

    assertEquals(List.of(new Present(new ConnectorEntry("7", "user", Map.of("nr", List.of("7"),
        "name", List.of("Müller"), "gruppen", List.of("a", "b"))))), items);
  }

  @Test
  void reports_each_bad_row_with_its_line_and_reads_on() throws Exception {
    Path file = write(folder.resolve("people.csv"), """
        employeeNumber,sn
        1001,Ng
        1002,Li,extra
        ,Empty
        1003,"Fine"
        1001,Again
        1004,"Bad"quote
        1005,Ok
        """);

    List<ImportItem> items = importAll(connector(file));

    assertEquals(List.of(
        person("1001", Map.of("employeenumber", List.of("1001"), "sn", List.of("Ng"))),
        new Unreadable("line 3", "the row has 3 cells but the header has 2 columns"),
        new Unreadable("line 4", "the dnColumn 'employeeNumber' is empty; every row needs a"
            + " unique name there"),
        person("1003", Map.of("employeenumber", List.of("1003"), "sn", List.of("Fine"))),
        new Unreadable("line 6", "duplicate employeeNumber '1001': line 2 has it already"),
        new Unreadable("line 7", "unparsable quoting: a quoted cell must end with a quote"
            + " followed by the delimiter or the end of the line, and a quote inside it must be"
            + " doubled (\"\")"),
        person("1005", Map.of("employeenumber", List.of("1005"), "sn", List.of("Ok")))), items);
  }

  @Test
  void reports_the_lines_a_stray_quote_swallows_and_reads_on_after_them() throws Exception {
    Path file = write(folder.resolve("people.csv"), """
        employeeNumber,sn
        1001,"Ng
        1002,Li
        1003,"Wu"
        1004,Ok
        """);

    List<ImportItem> items = importAll(connector(file));

    assertEquals(List.of(
        new Unreadable("line 2", "unparsable quoting in lines 2-4: a quoted cell must end with"
            + " a quote followed by the delimiter or the end of the line, and a quote inside it"
            + " must be doubled (\"\"); look for a stray quote on line 2"),
        person("1004", Map.of("employeenumber", List.of("1004"), "sn", List.of("Ok")))), items);
  }

  @Test
  void reports_a_quote_never_closed_as_one_unreadable_rest_of_the_file() throws Exception {
    Path file = write(folder.resolve("people.csv"), """
        employeeNumber,sn
        1001,Ng
        1002,"Li
        1003,Wu
        """);

    List<ImportItem> items = importAll(connector(file));

    assertEquals(2, items.size(), items.toString());
    assertEquals(new Unreadable("line 3", "unparsable quoting in lines 3-4: a quoted cell must"
        + " end with a quote followed by the delimiter or the end of the line, and a quote inside"
        + " it must be doubled (\"\"); look for a stray quote on line 3"), items.get(1));
  }

  @Test
  void reports_text_after_the_closing_quote_of_a_multi_line_cell_from_its_first_line()
      throws Exception {
    Path file = write(folder.resolve("people.csv"), """
        employeeNumber,sn
        1001,"Ng
        more"x
        1002,Li
        """);

    List<ImportItem> items = importAll(connector(file));

    assertEquals(List.of(
        new Unreadable("line 2", "unparsable quoting in lines 2-3: a quoted cell must end with"
            + " a quote followed by the delimiter or the end of the line, and a quote inside it"
            + " must be doubled (\"\"); look for a stray quote on line 2"),
        person("1002", Map.of("employeenumber", List.of("1002"), "sn", List.of("Li")))), items);
  }

  @Test
  void a_missing_file_is_file_not_found_naming_the_path() {
    Path file = folder.resolve("absent.csv");

    ConnectorException e = assertFailsWith("no-start-file-not-found",
        () -> importAll(connector(file)));

    assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
  }

  @Test
  void a_folder_instead_of_a_file_is_file_not_found() throws Exception {
    Path file = Files.createDirectory(folder.resolve("people.csv"));

    assertFailsWith("no-start-file-not-found", () -> importAll(connector(file)));
  }

  @Test
  void a_file_where_a_folder_of_the_path_should_be_is_file_not_found() {
    Path notAFolder = write(folder.resolve("exports"), "x");

    assertFailsWith("no-start-file-not-found",
        () -> importAll(connector(notAFolder.resolve("people.csv"))));
  }

  @Test
  void an_unreadable_file_is_access_denied() throws Exception {
    Path file = write(folder.resolve("people.csv"), "employeeNumber\n1\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
    assumeFalse(Files.isReadable(file), "permissions are not enforced for this user (root)");

    assertFailsWith("no-start-file-access-denied", () -> importAll(connector(file)));
  }

  @Test
  void a_header_without_the_dn_column_is_a_header_mismatch_naming_the_columns() {
    Path file = write(folder.resolve("people.csv"), "id,givenName,sn\n1,A,B\n");

    ConnectorException e = assertFailsWith("no-start-header-row-mismatch",
        () -> importAll(connector(file)));

    assertTrue(e.getMessage().endsWith("the header row has no column 'employeeNumber' (option"
        + " dnColumn); columns found: id, givenName, sn"), e.getMessage());
  }

  @Test
  void a_header_naming_a_column_twice_or_not_at_all_is_a_header_mismatch() {
    Path twice = write(folder.resolve("twice.csv"), "employeeNumber,mail,Mail\n");
    Path unnamed = write(folder.resolve("unnamed.csv"), "employeeNumber,,sn\n");

    ConnectorException e = assertFailsWith("no-start-header-row-mismatch",
        () -> importAll(connector(twice)));
    assertTrue(e.getMessage().contains("'mail' and 'Mail'"), e.getMessage());
    e = assertFailsWith("no-start-header-row-mismatch", () -> importAll(connector(unnamed)));
    assertTrue(e.getMessage().contains("column 2 of the header row has no name"), e.getMessage());
  }

  @Test
  void an_empty_file_is_a_header_mismatch() {
    Path file = write(folder.resolve("people.csv"), "\n\n");

    assertFailsWith("no-start-header-row-mismatch", () -> importAll(connector(file)));
  }

  @Test
  void a_header_row_that_cannot_be_parsed_is_a_parsing_error() {
    Path file = write(folder.resolve("people.csv"), "\"employeeNumber\"x,sn\n1,2\n");

    assertFailsWith("stopped-parsing-errors", () -> importAll(connector(file)));
  }

  @Test
  void bytes_that_are_not_valid_in_the_encoding_are_a_parsing_error() throws Exception {
    Path file = folder.resolve("people.csv");
    Files.write(file, new byte[] {'e', 'm', 'p', 'l', 'o', 'y', 'e', 'e', 'N', 'u', 'm', 'b',
        'e', 'r', '\n', '1', (byte) 0xC3, '\n'});

    ConnectorException e = assertFailsWith("stopped-parsing-errors",
        () -> importAll(connector(file)));

    assertTrue(e.getMessage().contains("byte 16 is not valid UTF-8"), e.getMessage());
  }

  @Test
  void only_the_default_partition_exists() throws Exception {
    Path file = write(folder.resolve("people.csv"), "employeeNumber\n1\n");
    try (Connector connector = connector(file)) {
      List<ImportItem> items = new ArrayList<>();

      assertFailsWith("no-start-partition-not-configured",
          () -> connector.fullImport("OU=People", items::add));
      assertFailsWith("no-start-partition-not-configured",
          () -> connector.currentWatermark("OU=People"));
      assertFailsWith("no-start-partition-not-configured",
          () -> connector.export("OU=People", List.of(CsvFixture.delete("1"))));
      assertEquals(List.of(), items);
    }
  }

  @Test
  void has_no_delta_import_of_its_own() {
    Path file = write(folder.resolve("people.csv"), "employeeNumber\n1\n");
    Connector connector = connector(file);

    assertEquals(Connector.DeltaSupport.SNAPSHOT, connector.deltaSupport());
    assertFailsWith("no-start-delta-step-type-not-configured",
        () -> connector.deltaImport(PARTITION, "anything", item -> { }));
  }

  @Test
  void its_watermark_follows_the_file_for_information() throws Exception {
    Path file = folder.resolve("people.csv");
    Connector connector = connector(file);
    assertEquals("missing", connector.currentWatermark(PARTITION));

    write(file, "employeeNumber\n1\n");
    String first = connector.currentWatermark(PARTITION);
    write(file, "employeeNumber\n1\n2\n");

    assertTrue(first.startsWith("size=17;modified="), first);
    assertNotEquals(first, connector.currentWatermark(PARTITION));
  }

  @Test
  void close_is_idempotent_and_ends_use() {
    Path file = write(folder.resolve("people.csv"), "employeeNumber\n1\n");
    Connector connector = connector(file);

    connector.close();
    connector.close();

    assertThrows(IllegalStateException.class, () -> importAll(connector));
    assertThrows(IllegalStateException.class,
        () -> connector.export(PARTITION, List.of(CsvFixture.delete("1"))));
  }
}
