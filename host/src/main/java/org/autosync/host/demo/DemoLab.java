package org.autosync.host.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.autosync.api.ExecutionRequest;
import org.autosync.api.ProfileType;
import org.autosync.api.RequestSource;
import org.autosync.host.AutoSyncService;

/**
 * The demo lab's configuration and first steps: writes {@code examples/demo/autosync.yaml} into
 * the work folder with the directories' ports and the badge file's path filled in, starts an empty
 * badge file and a fresh engine state (the directories are new on every start), and asks for the
 * first full imports (a new engine has no delta watermarks yet).
 *
 * <p>Stateless and thread-safe.
 */
public final class DemoLab {

  /** The badge file, in the lab's work folder. */
  public static final String BADGES_FILE = "badges.csv";

  private DemoLab() {}

  /** Writes the lab's configuration into {@code work}; returns its path. */
  public static Path writeConfig(Path work, DemoDirectories directories) {
    try (InputStream in = DemoLab.class.getResourceAsStream("autosync.yaml")) {
      if (in == null) {
        throw new IllegalStateException("The demo configuration template is missing from the"
            + " build (examples/demo/autosync.yaml)");
      }
      String template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      Files.createDirectories(work);
      String badges = work.resolve(BADGES_FILE).toAbsolutePath().toString().replace('\\', '/');
      String config = template
          .replace("@HR_PORT@", Integer.toString(directories.hrPort()))
          .replace("@CORP_PORT@", Integer.toString(directories.corpPort()))
          .replace("@BADGES_FILE@", badges);
      Path file = work.resolve("autosync.yaml");
      Files.writeString(file, config);
      Path badgeFile = work.resolve(BADGES_FILE);
      Files.writeString(badgeFile, "employeeNumber,displayName,department\n");
      deleteTree(work.resolve("data")); // the directories start fresh, so does the engine
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the demo configuration into '" + work + "'",
          e);
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (var paths = Files.walk(dir)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  /** Asks for a full import of every lab MA: targets first, so that their watermarks exist. */
  public static void initialFullImports(AutoSyncService service) {
    for (String ma : List.of("CORP", "BADGES", "HR")) {
      service.submit(ExecutionRequest.ofType(ma, ProfileType.FULL_IMPORT)
          .withSource(RequestSource.operator("demo", "first full import of the lab")));
    }
  }
}
