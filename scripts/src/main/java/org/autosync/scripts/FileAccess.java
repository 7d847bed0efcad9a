package org.autosync.scripts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The {@code files} capability: lists and reads files under one granted folder. A path is
 * resolved against the folder, {@code ..} is removed, and links are followed before the check,
 * so neither {@code ../../etc/passwd} nor a link pointing out of the folder gets through.
 *
 * <p><b>Threading:</b> thread-safe.
 */
final class FileAccess {

  /** The largest file {@code read} returns. */
  static final long MAX_FILE_BYTES = 10L * 1024 * 1024;

  /** The most entries {@code list} returns. */
  static final int MAX_ENTRIES = 10_000;

  private final Path folder;

  FileAccess(Path folder) {
    this.folder = folder.toAbsolutePath().normalize();
  }

  JsonNode read(JsonNode a) throws IOException {
    Path file = resolve(a.path("path").asText(""));
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("'" + a.path("path").asText() + "' is not a file");
    }
    long size = Files.size(file);
    if (size > MAX_FILE_BYTES) {
      throw new IllegalArgumentException("'" + a.path("path").asText() + "' has " + size
          + " bytes; files larger than " + MAX_FILE_BYTES + " bytes are not read");
    }
    return Json.NODES.textNode(Files.readString(file, StandardCharsets.UTF_8));
  }

  JsonNode list(JsonNode a) throws IOException {
    Path dir = resolve(a.path("path").asText("."));
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException("'" + a.path("path").asText() + "' is not a folder");
    }
    ArrayNode result = Json.NODES.arrayNode();
    List<Path> entries;
    try (Stream<Path> s = Files.list(dir)) {
      entries = s.sorted().limit(MAX_ENTRIES).toList();
    }
    for (Path p : entries) {
      ObjectNode e = result.addObject();
      e.put("name", p.getFileName().toString());
      e.put("directory", Files.isDirectory(p));
      e.put("size", Files.isRegularFile(p) ? Files.size(p) : 0);
      e.put("modified", Files.getLastModifiedTime(p).toInstant().toString());
    }
    return result;
  }

  /** The real path of {@code text} under the folder; denied when it leaves the folder. */
  private Path resolve(String text) throws IOException {
    if (text.isBlank() || text.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("expected a path under the granted folder, got '" + text
          + "'");
    }
    Path root;
    try {
      root = folder.toRealPath();
    } catch (NoSuchFileException e) {
      throw new IllegalStateException("the granted folder '" + folder + "' does not exist");
    }
    Path requested = root.resolve(text).normalize();
    if (!requested.startsWith(root)) {
      throw new CapabilityDenied("files: '" + text + "' is outside the granted folder '" + folder
          + "'");
    }
    if (!Files.exists(requested)) {
      throw new IllegalArgumentException("'" + text + "' does not exist under '" + folder + "'");
    }
    Path real = requested.toRealPath();
    if (!real.startsWith(root)) {
      throw new CapabilityDenied("files: '" + text + "' leads outside the granted folder '"
          + folder + "' (through a link)");
    }
    return real;
  }
}
