package org.autosync.host.gallery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** JSON as the gallery writes it: two-space indents, {@code "key": value}, a final newline. */
final class Json {

  static final ObjectMapper MAPPER = new ObjectMapper();

  private static final DefaultPrettyPrinter PRINTER = new DefaultPrettyPrinter(
      Separators.createDefaultInstance()
          .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
          .withArrayEmptySeparator("")
          .withObjectEmptySeparator(""))
      .withObjectIndenter(new DefaultIndenter("  ", "\n"))
      .withArrayIndenter(new DefaultIndenter("  ", "\n"));

  private Json() {}

  static String pretty(JsonNode node) {
    try {
      return MAPPER.writer(PRINTER).writeValueAsString(node) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot write JSON", e);
    }
  }

  /** Writes {@code text} to a temporary file beside {@code file}, then moves it into place. */
  static void writeAtomically(Path file, String text) throws IOException {
    writeAtomically(file, text.getBytes(StandardCharsets.UTF_8));
  }

  static void writeAtomically(Path file, byte[] bytes) throws IOException {
    Path temp = file.resolveSibling("." + file.getFileName() + ".tmp");
    Files.write(temp, bytes);
    try {
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
