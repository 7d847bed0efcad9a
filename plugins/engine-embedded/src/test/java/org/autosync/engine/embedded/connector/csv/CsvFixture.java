package org.autosync.engine.embedded.connector.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.autosync.engine.embedded.connector.Connector;
import org.autosync.engine.embedded.connector.ConnectorContext;
import org.autosync.engine.embedded.connector.ConnectorException;
import org.autosync.engine.embedded.connector.ExportChange;
import org.autosync.engine.embedded.connector.ImportItem;
import org.junit.jupiter.api.function.Executable;

/** Builds csv connectors over real files and the changes tests export. */
final class CsvFixture {

  static final String PARTITION = "default";

  private CsvFixture() {}

  /** A connector for {@code file} with {@code dnColumn=employeeNumber} and extra options. */
  static Connector connector(Path file, String... keysAndValues) {
    Map<String, String> options = new HashMap<>();
    options.put("file", file.toString());
    options.put("dnColumn", "employeeNumber");
    for (int i = 0; i < keysAndValues.length; i += 2) {
      options.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return new CsvConnectorFactory().create(options, context(file.getParent()));
  }

  static ConnectorContext context(Path folder) {
    return new ConnectorContext("HR", folder.resolve("work"), UnaryOperator.identity());
  }

  static List<ImportItem> importAll(Connector connector) throws ConnectorException {
    List<ImportItem> items = new ArrayList<>();
    connector.fullImport(PARTITION, items::add);
    return items;
  }

  static Path write(Path file, String text) {
    try {
      return Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Asserts that {@code call} throws a ConnectorException with {@code code}, returned. */
  static ConnectorException assertFailsWith(String code, Executable call) {
    ConnectorException e = assertThrows(ConnectorException.class, call);
    assertEquals(code, e.resultCode(), e.getMessage());
    return e;
  }

  static ExportChange add(String dn, Map<String, List<String>> attributes) {
    return new ExportChange(ExportChange.Op.ADD, dn, null, "person", attributes);
  }

  static ExportChange update(String dn, Map<String, List<String>> attributes) {
    return new ExportChange(ExportChange.Op.UPDATE, dn, null, "person", attributes);
  }

  static ExportChange rename(String dn, String newDn, Map<String, List<String>> attributes) {
    return new ExportChange(ExportChange.Op.RENAME, dn, newDn, "person", attributes);
  }

  static ExportChange delete(String dn) {
    return new ExportChange(ExportChange.Op.DELETE, dn, null, "person", Map.of());
  }
}
