package org.autosync.engine.embedded.connector.csv;

import static org.autosync.engine.embedded.connector.csv.CsvFixture.PARTITION;
import static org.autosync.engine.embedded.connector.csv.CsvFixture.add;
import static org.autosync.engine.embedded.connector.csv.CsvFixture.assertFailsWith;
import static org.autosync.engine.embedded.connector.csv.CsvFixture.connector;
import static org.autosync.engine.embedded.connector.csv.CsvFixture.read;
import static org.autosync.engine.embedded.connector.csv.CsvFixture.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.autosync.engine.embedded.connector.Connector;
import org.autosync.engine.embedded.connector.ConnectorException;
import org.autosync.engine.embedded.connector.ExportResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvExportWriteTest {

  private static final String PEOPLE = "employeeNumber,sn\n1001,Ng\n";

  @TempDir
  Path folder;

  private static List<String> names(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  private static void export(Connector connector) throws ConnectorException {
    List<ExportResult> results =
        connector.export(PARTITION, List.of(add("1002", Map.of("sn", List.of("Li")))));
    assertEquals(List.of(ExportResult.OK), results);
  }

  @Test
  void leaves_no_temporary_file_behind() throws Exception {
    Path file = write(folder.resolve("people.csv"), PEOPLE);

    export(connector(file));

    assertEquals(List.of("people.csv"), names(folder));
    assertEquals(PEOPLE + "1002,Li\n", read(file));
  }

  @Test
  void keeps_the_original_intact_and_says_so_when_the_write_fails() throws Exception {
    Path file = write(folder.resolve("people.csv"), PEOPLE);
    // A non-empty folder where the temporary file must go: fails for root too.
    Path blocker = Files.createDirectory(AtomicFile.temporaryFor(file));
    Files.writeString(blocker.resolve("keep"), "x");

    ConnectorException e = assertFailsWith("stopped-export-write",
        () -> export(connector(file)));

    assertTrue(e.getMessage().contains("nothing was written, the file is unchanged"),
        e.getMessage());
    assertEquals(PEOPLE, read(file));
  }

  @Test
  void writes_again_once_the_cause_of_a_failed_write_is_gone() throws Exception {
    Path file = write(folder.resolve("people.csv"), PEOPLE);
    Path blocker = Files.createDirectory(AtomicFile.temporaryFor(file));
    Files.writeString(blocker.resolve("keep"), "x");
    Connector connector = connector(file);
    assertFailsWith("stopped-export-write", () -> export(connector));

    Files.delete(blocker.resolve("keep"));
    Files.delete(blocker);
    export(connector);

    assertEquals(PEOPLE + "1002,Li\n", read(file));
  }

  @Test
  void replaces_a_temporary_file_left_by_a_crash() throws Exception {
    Path file = write(folder.resolve("people.csv"), PEOPLE);
    write(AtomicFile.temporaryFor(file), "half a fi");

    export(connector(file));

    assertEquals(List.of("people.csv"), names(folder));
    assertEquals(PEOPLE + "1002,Li\n", read(file));
  }

  @Test
  void does_not_create_a_missing_folder() {
    Path file = folder.resolve("absent").resolve("people.csv");

    assertFailsWith("stopped-export-write", () -> export(connector(file)));

    assertFalse(Files.exists(file.getParent()));
  }

  @Test
  void fails_to_write_where_a_file_stands_in_for_the_folder() throws Exception {
    Path notAFolder = write(folder.resolve("exports"), "x");

    assertFailsWith("stopped-export-write",
        () -> export(connector(notAFolder.resolve("people.csv"))));

    assertEquals("x", read(notAFolder));
  }

  @Test
  void replaces_the_file_a_symbolic_link_points_to_and_keeps_the_link() throws Exception {
    Path file = write(folder.resolve("people-2025.csv"), PEOPLE);
    Path link = Files.createSymbolicLink(folder.resolve("people.csv"), file.getFileName());

    export(connector(link));

    assertTrue(Files.isSymbolicLink(link));
    assertEquals(PEOPLE + "1002,Li\n", read(file));
    assertEquals(List.of("people-2025.csv", "people.csv"), names(folder));
  }

  @Test
  void keeps_the_original_intact_in_a_read_only_folder() throws Exception {
    assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
    Path readOnly = Files.createDirectory(folder.resolve("read-only"));
    Path file = write(readOnly.resolve("people.csv"), PEOPLE);
    Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("r-xr-xr-x"));
    try {
      assumeFalse(Files.isWritable(readOnly), "permissions are not enforced for this user (root)");

      assertFailsWith("stopped-export-write", () -> export(connector(file)));

      assertEquals(PEOPLE, read(file));
      assertEquals(List.of("people.csv"), names(readOnly));
    } finally {
      Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
  }

  @Test
  void keeps_the_permissions_of_the_file_it_replaces() throws Exception {
    assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
    Path file = write(folder.resolve("people.csv"), PEOPLE);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));

    export(connector(file));

    assertEquals("rw-r-----",
        PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
  }
}
