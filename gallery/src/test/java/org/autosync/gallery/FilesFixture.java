package org.autosync.gallery;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.InstantSource;
import java.util.Map;

/**
 * A drop folder. Files are written with their modification time set from the test's clock, so
 * that a script comparing it with {@code ctx.now()} sees consistent times; {@code null} deletes.
 */
final class FilesFixture {

  private final Path folder;
  private final InstantSource clock;

  FilesFixture(Path folder, InstantSource clock, JsonNode files) throws IOException {
    this.folder = Files.createDirectories(folder);
    this.clock = clock;
    apply(files);
  }

  /** The folder, for {@code ${folder}}. */
  Path folder() {
    return folder;
  }

  void apply(JsonNode files) throws IOException {
    for (Map.Entry<String, JsonNode> f : files.properties()) {
      Path file = folder.resolve(f.getKey());
      if (f.getValue().isNull()) {
        Files.deleteIfExists(file);
      } else {
        Files.createDirectories(file.getParent());
        Files.writeString(file, f.getValue().asText());
        Files.setLastModifiedTime(file, FileTime.from(clock.instant()));
      }
    }
  }
}
