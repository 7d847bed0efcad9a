package org.autosync.engine.embedded.connector.csv;

import static org.autosync.engine.embedded.connector.csv.CsvFixture.PARTITION;
import static org.autosync.engine.embedded.connector.csv.CsvFixture.add;
import static org.autosync.engine.embedded.connector.csv.CsvFixture.assertFailsWith;
import static org.autosync.engine.embedded.connector.csv.CsvFixture.connector;
import static org.autosync.engine.embedded.connector.csv.CsvFixture.delete;
import static org.autosync.engine.embedded.connector.csv.CsvFixture.importAll;
import static org.autosync.engine.embedded.connector.csv.CsvFixture.read;
import static org.autosync.engine.embedded.connector.csv.CsvFixture.rename;
import static org.autosync.engine.embedded.connector.csv.CsvFixture.update;
import static org.autosync.engine.embedded.connector.csv.CsvFixture.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import org.autosync.engine.embedded.connector.Connector;
import org.autosync.engine.embedded.connector.ConnectorEntry;
import org.autosync.engine.embedded.connector.ExportChange;
import org.autosync.engine.embedded.connector.ExportResult;
import org.autosync.engine.embedded.connector.ImportItem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvExportTest {

  private static final String PEOPLE = """
      employeeNumber,givenName,sn,mail
      1001,Ann,Ng,ann@example.org
      1002,Bo,Li,
      1003,Cy,Wu,cy@example.org
      """;

  @TempDir
  Path folder;

  private static List<ExportResult> export(Connector connector, ExportChange... changes)
      throws Exception {
    return connector.export(PARTITION, List.of(changes));
  }

  private static void assertFailed(String errorType, String detailPart, ExportResult result) {
    assertFalse(result.ok(), result.toString());
    assertEquals(errorType, result.errorType(), result.toString());
    assertTrue(String.valueOf(result.detail()).contains(detailPart), result.toString());
  }

  @Test
  void adds_updates_renames_and_deletes_rows_in_place() throws Exception {
    Path file = write(folder.resolve("people.csv"), PEOPLE);

    List<ExportResult> results = export(connector(file),
        update("1001", Map.of("mail", List.of("ann.ng@example.org"))),
        rename("1002", "2002", Map.of("sn", List.of("Lee"))),
        delete("1003"),
        add("1004", Map.of("givenname", List.of("Di"), "sn", List.of("O'Hara, Jr."))));

    assertEquals(List.of(ExportResult.OK, ExportResult.OK, ExportResult.OK, ExportResult.OK),
        results);
    assertEquals("""
        employeeNumber,givenName,sn,mail
        1001,Ann,Ng,ann.ng@example.org
        2002,Bo,Lee,
        1004,Di,"O'Hara, Jr.",
        """, read(file));
  }

  @Test
  void clears_a_cell_for_an_update_without_values() throws Exception {
    Path file = write(folder.resolve("people.csv"), PEOPLE);

    List<ExportResult> results = export(connector(file), update("1001", Map.of("mail", List.of(),
        "givenname", List.of())));

    assertEquals(List.of(ExportResult.OK), results);
    assertTrue(read(file).contains("\n1001,,Ng,\n"), read(file));
  }

  @Test
  void keeps_the_exact_text_of_rows_it_does_not_touch() throws Exception {
    String original = "\uFEFFemployeeNumber,givenName,sn,mail\r\n"
        + "\"1001\", Ann ,\"Ng\",ann@example.org\r\n"
        + "\r\n"
        + "1002,Bo,\"Li\nLee\",\r\n"
        + "1003,broken row\r\n"
        + "1004,Cy,Wu,\"\"";
    Path file = write(folder.resolve("people.csv"), original);

    List<ExportResult> results = export(connector(file),
        update("1002", Map.of("givenname", List.of("Bob"))),
        add("1005", Map.of("sn", List.of("Xu"))));

    assertEquals(List.of(ExportResult.OK, ExportResult.OK), results);
    assertEquals("\uFEFFemployeeNumber,givenName,sn,mail\r\n"
        + "\"1001\", Ann ,\"Ng\",ann@example.org\r\n"
        + "\r\n"
        + "1002,Bob,\"Li\nLee\",\r\n"
        + "1003,broken row\r\n"
        + "1004,Cy,Wu,\"\"\r\n"
        + "1005,,Xu,\r\n", read(file));
  }

  @Test
  void copies_untouched_bytes_of_a_file_in_another_encoding() throws Exception {
    Path file = folder.resolve("people.csv");
    Files.write(file, ("employeeNumber;sn;mail\n" + "1001;Müller;\n")
        .getBytes(StandardCharsets.ISO_8859_1));

    export(connector(file, "delimiter", ";", "encoding", "ISO-8859-1"),
        add("1002", Map.of("sn", List.of("Süß"))));

    byte[] expected = ("employeeNumber;sn;mail\n1001;Müller;\n1002;Süß;\n")
        .getBytes(StandardCharsets.ISO_8859_1);
    assertArrayEquals(expected, Files.readAllBytes(file));
  }

  @Test
  void changes_the_first_of_rows_sharing_a_name_and_keeps_the_others_as_they_are()
      throws Exception {
    Path file = write(folder.resolve("people.csv"), """
        employeeNumber,sn
        1001,Ng
        1001,"Duplicate"
        """);

    List<ExportResult> results = export(connector(file),
        update("1001", Map.of("sn", List.of("Ngo"))));

    assertEquals(List.of(ExportResult.OK), results);
    assertEquals("employeeNumber,sn\n1001,Ngo\n1001,\"Duplicate\"\n", read(file));
  }

  @Test
  void applies_the_changes_in_order() throws Exception {
    Path file = write(folder.resolve("people.csv"), PEOPLE);

    List<ExportResult> results = export(connector(file),
        add("1004", Map.of("sn", List.of("Xu"))),
        update("1004", Map.of("mail", List.of("xu@example.org"))),
        delete("1001"),
        add("1001", Map.of("sn", List.of("New"))),
        rename("1004", "1005", Map.of()));

    assertTrue(results.stream().allMatch(ExportResult::ok), results.toString());
    assertEquals("""
        employeeNumber,givenName,sn,mail
        1002,Bo,Li,
        1003,Cy,Wu,cy@example.org
        1005,,Xu,xu@example.org
        1001,,New,
        """, read(file));
  }

  @Test
  void refuses_an_add_whose_name_exists() throws Exception {
    Path file = write(folder.resolve("people.csv"), PEOPLE);

    List<ExportResult> results = export(connector(file), add("1002", Map.of()));

    assertFailed("entry-already-exists", "employeeNumber '1002' exists already (line 3)",
        results.getFirst());
  }

  @Test
  void refuses_updates_renames_and_deletes_of_missing_rows() throws Exception {
    Path file = write(folder.resolve("people.csv"), PEOPLE);

    List<ExportResult> results = export(connector(file),
        update("9", Map.of("sn", List.of("X"))), rename("9", "10", Map.of()), delete("9"));

    for (ExportResult result : results) {
      assertFailed("no-such-object", "no row with employeeNumber '9' in 'people.csv'", result);
    }
  }

  @Test
  void refuses_a_rename_onto_an_existing_name() throws Exception {
    Path file = write(folder.resolve("people.csv"), PEOPLE);

    List<ExportResult> results = export(connector(file), rename("1001", "1003", Map.of()));

    assertFailed("entry-already-exists", "cannot rename '1001' to '1003'", results.getFirst());
  }

  @Test
  void refuses_attributes_that_are_not_columns_naming_them() throws Exception {
    Path file = write(folder.resolve("people.csv"), PEOPLE);

    List<ExportResult> results = export(connector(file),
        update("1001", Map.of("title", List.of("Boss"), "sn", List.of("X"), "l", List.of("Y"))));

    assertFailed("attribute-not-in-file", "attributes l, title not in the columns of"
        + " 'people.csv' (employeeNumber, givenName, sn, mail)", results.getFirst());
    assertEquals(PEOPLE, read(file));
  }

  @Test
  void refuses_values_the_file_cannot_hold() throws Exception {
    Path file = write(folder.resolve("people.csv"), PEOPLE);

    List<ExportResult> results = export(connector(file),
        update("1001", Map.of("sn", List.of("a;b"))),
        update("1001", Map.of("sn", List.of(""))),
        update("1001", Map.of("employeenumber", List.of("7"))),
        new ExportChange(ExportChange.Op.ADD, "1009", null, "group", Map.of()),
        add(" ", Map.of()));

    assertFailed("syntax-violation", "contains the multi-value separator ';'", results.get(0));
    assertFailed("syntax-violation", "an empty value cannot be stored", results.get(1));
    assertFailed("constraint-violation", "its value must be the DN '1001'", results.get(2));
    assertFailed("object-class-violation", "type 'person' (option objectType), not 'group'",
        results.get(3));
    assertFailed("constraint-violation", "the DN is blank", results.get(4));
    assertEquals(PEOPLE, read(file));
  }

  @Test
  void refuses_characters_the_encoding_cannot_hold() throws Exception {
    Path file = folder.resolve("people.csv");
    Files.write(file, PEOPLE.getBytes(StandardCharsets.ISO_8859_1));

    List<ExportResult> results = export(connector(file, "encoding", "ISO-8859-1"),
        update("1001", Map.of("sn", List.of("渡辺"))));

    assertFailed("syntax-violation", "ISO-8859-1 cannot hold", results.getFirst());
  }

  @Test
  void refuses_several_values_when_the_separator_is_empty() throws Exception {
    Path file = write(folder.resolve("people.csv"), PEOPLE);

    List<ExportResult> results = export(connector(file, "multiValueSeparator", ""),
        update("1001", Map.of("mail", List.of("a@x", "b@x"))),
        update("1002", Map.of("mail", List.of("a;b@x"))));

    assertFailed("syntax-violation", "2 values, but option multiValueSeparator is empty",
        results.get(0));
    assertEquals(ExportResult.OK, results.get(1));
  }

  @Test
  void writes_what_succeeded_beside_what_failed() throws Exception {
    Path file = write(folder.resolve("people.csv"), PEOPLE);

    List<ExportResult> results = export(connector(file),
        add("1001", Map.of()),
        update("1002", Map.of("mail", List.of("bo@example.org"))),
        update("1003", Map.of("title", List.of("Boss"))));

    assertEquals(List.of(false, true, false), results.stream().map(ExportResult::ok).toList());
    assertEquals(PEOPLE.replace("1002,Bo,Li,", "1002,Bo,Li,bo@example.org"), read(file));
  }

  @Test
  void leaves_the_file_alone_when_every_change_fails() throws Exception {
    Path file = write(folder.resolve("people.csv"), PEOPLE);
    FileTime longAgo = FileTime.fromMillis(1_000_000_000_000L);
    Files.setLastModifiedTime(file, longAgo);

    List<ExportResult> results = export(connector(file), delete("9"), add("1001", Map.of()));

    assertFalse(results.get(0).ok());
    assertFalse(results.get(1).ok());
    assertEquals(longAgo, Files.getLastModifiedTime(file));
    assertEquals(PEOPLE, read(file));
  }

  @Test
  void does_nothing_for_an_empty_batch() throws Exception {
    Path file = folder.resolve("people.csv");

    assertEquals(List.of(), connector(file).export(PARTITION, List.of()));
    assertFalse(Files.exists(file));
  }

  @Test
  void creates_a_missing_file_with_the_dn_column_then_the_attributes_in_name_order()
      throws Exception {
    Path file = folder.resolve("people.csv");

    List<ExportResult> results = export(connector(file),
        add("1001", Map.of("sn", List.of("Ng"), "mail", List.of("ann@example.org"))),
        add("1002", Map.of("employeenumber", List.of("1002"), "department", List.of("R&D"))));

    assertEquals(List.of(ExportResult.OK, ExportResult.OK), results);
    assertEquals("""
        employeeNumber,department,mail,sn
        1001,,ann@example.org,Ng
        1002,R&D,,
        """, read(file));
  }

  @Test
  void creates_a_missing_file_with_the_configured_columns() throws Exception {
    Path file = folder.resolve("people.csv");

    List<ExportResult> results = export(connector(file, "columns", "sn, employeeNumber, mail"),
        add("1001", Map.of("sn", List.of("Ng"))),
        add("1002", Map.of("title", List.of("Boss"))));

    assertEquals(ExportResult.OK, results.get(0));
    assertFailed("attribute-not-in-file", "attribute title not in the columns",
        results.get(1));
    assertEquals("sn,employeeNumber,mail\nNg,1001,\n", read(file));
  }

  @Test
  void rewrites_an_existing_file_with_added_configured_columns_keeping_its_values()
      throws Exception {
    Path file = write(folder.resolve("people.csv"), "employeeNumber,sn\r\n1001,\"Ng\"\r\n");

    List<ExportResult> results = export(connector(file, "columns", "employeeNumber,mail,sn"),
        add("1002", Map.of("mail", List.of("bo@example.org"))));

    assertEquals(List.of(ExportResult.OK), results);
    assertEquals("employeeNumber,mail,sn\r\n1001,,Ng\r\n1002,bo@example.org,\r\n", read(file));
  }

  @Test
  void refuses_configured_columns_that_would_drop_a_column_of_the_file() throws Exception {
    Path file = write(folder.resolve("people.csv"), PEOPLE);

    var e = assertFailsWith("no-start-header-row-mismatch",
        () -> export(connector(file, "columns", "employeeNumber,sn"), delete("1001")));

    assertTrue(e.getMessage().contains("the file has columns givenName, mail that option columns"
        + " leaves out"), e.getMessage());
    assertEquals(PEOPLE, read(file));
  }

  @Test
  void refuses_to_export_to_a_file_whose_header_lacks_the_dn_column() {
    Path file = write(folder.resolve("people.csv"), "id,sn\n1,Ng\n");

    assertFailsWith("no-start-header-row-mismatch",
        () -> export(connector(file), add("2", Map.of())));
    assertEquals("id,sn\n1,Ng\n", read(file));
  }

  @Test
  void reads_back_what_it_wrote() throws Exception {
    Path file = folder.resolve("people.csv");
    Connector connector = connector(file);
    Map<String, List<String>> attributes = Map.of("employeenumber", List.of("1001"),
        "memberof", List.of("staff", "admins"), "description", List.of("Line one\r\nline \"2\""),
        "displayname", List.of("Łukasz, 渡辺"));

    export(connector, add("1001", attributes));
    List<ImportItem> items = importAll(connector);

    assertEquals(List.of(new ImportItem.Present(new ConnectorEntry("1001", "person",
        attributes))), items);
  }
}
