package org.autosync.host.gallery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What {@code autosync gallery install} recorded about an installed copy, in {@code
 * scripts/<id>/.gallery.json}:
 *
 * <pre>{@code
 * {
 *   "id": "nightly-full-import",
 *   "version": "1.0.0",
 *   "source": "file:///opt/autosync/gallery/nightly-full-import/",
 *   "installed": "2026-01-05T08:00:00Z",
 *   "files": {
 *     "README.md": "9f2c…",
 *     "manifest.json": "41d0…",
 *     "trigger.py": "e3b0…"
 *   }
 * }
 * }</pre>
 *
 * <p>The record lives beside the files it describes, so a copied or moved script folder keeps
 * it. It is not signed: {@link GalleryVerifier} also compares it with the gallery's own files
 * for the same version, which catches a record edited to match edited files.
 *
 * <p>Immutable and thread-safe.
 *
 * @param id the entry's id
 * @param version the entry's version
 * @param source where it came from, as a URI (the entry's folder in a gallery)
 * @param installed when it was installed
 * @param files file name to SHA-256 (lower-case hex) as installed, sorted by name
 */
public record InstallRecord(String id, String version, String source, Instant installed,
    Map<String, String> files) {

  /** The record's file name in an installed script's folder. */
  public static final String FILE_NAME = ".gallery.json";

  public InstallRecord {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(installed, "installed");
    files = java.util.Collections.unmodifiableMap(new TreeMap<>(files));
  }

  /** Whether {@code folder} has a record (readable or not). */
  public static boolean exists(Path folder) {
    return Files.exists(folder.resolve(FILE_NAME));
  }

  /**
   * Reads the record in {@code folder}.
   *
   * @throws GalleryException naming every problem when the record is not a well-formed record
   * @throws IOException when it cannot be read
   */
  public static InstallRecord read(Path folder) throws IOException {
    Path file = folder.resolve(FILE_NAME);
    JsonNode root;
    try {
      root = Json.MAPPER.readTree(Files.readString(file));
    } catch (JsonProcessingException e) {
      throw new GalleryException(FILE_NAME + " is not JSON (" + e.getOriginalMessage() + ")",
          file, e);
    }
    List<String> problems = new ArrayList<>();
    if (root == null || !root.isObject()) {
      throw new GalleryException(FILE_NAME + " is not a JSON object", file);
    }
    String id = text(root, "id", problems);
    String version = text(root, "version", problems);
    String source = text(root, "source", problems);
    String installedText = text(root, "installed", problems);
    Instant installed = Instant.EPOCH;
    if (installedText != null) {
      try {
        installed = Instant.parse(installedText);
      } catch (DateTimeParseException e) {
        problems.add("installed: expected an instant such as 2026-01-05T08:00:00Z, got '"
            + installedText + "'");
      }
    }
    Map<String, String> files = new TreeMap<>();
    JsonNode filesNode = root.get("files");
    if (filesNode == null || !filesNode.isObject() || filesNode.isEmpty()) {
      problems.add("files: expected an object of file name to SHA-256, got " + filesNode);
    } else {
      for (Map.Entry<String, JsonNode> f : filesNode.properties()) {
        String hash = f.getValue().asText("");
        if (!FileHashes.SHA256.matcher(hash).matches() || f.getKey().contains("/")
            || f.getKey().startsWith(".")) {
          problems.add("files." + f.getKey() + ": expected a file name and a SHA-256 of 64"
              + " lower-case hex digits, got " + f.getValue());
        } else {
          files.put(f.getKey(), hash);
        }
      }
    }
    if (!problems.isEmpty() || id == null || version == null || source == null) {
      throw new GalleryException(FILE_NAME + " is not a valid install record: "
          + String.join("; ", problems), file);
    }
    return new InstallRecord(id, version, source, installed, files);
  }

  private static @org.jspecify.annotations.Nullable String text(JsonNode root, String key,
      List<String> problems) {
    JsonNode n = root.get(key);
    if (n == null || !n.isTextual() || n.asText().isBlank()) {
      problems.add(key + ": expected a text, got " + n);
      return null;
    }
    return n.asText();
  }

  /** Writes the record into {@code folder} (replacing any). */
  void write(Path folder) throws IOException {
    ObjectNode root = Json.MAPPER.createObjectNode();
    root.put("id", id);
    root.put("version", version);
    root.put("source", source);
    root.put("installed", installed.toString());
    ObjectNode f = root.putObject("files");
    files.forEach(f::put);
    Json.writeAtomically(folder.resolve(FILE_NAME), Json.pretty(root));
  }
}
