package org.autosync.distribution;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The distribution folder this build assembled (before the tests run), and its plugin ZIPs. */
final class Installation {

  private Installation() {}

  /** {@code target/autosync-VERSION}, as Maven passes it to the tests. */
  static Path home() {
    String home = System.getProperty("autosync.distribution");
    if (home == null || !Files.isDirectory(Path.of(home))) {
      throw new IllegalStateException("Cannot find the assembled distribution ('" + home
          + "'); run the tests with Maven, which assembles it first: ./dev mvn -pl distribution"
          + " -am verify");
    }
    return Path.of(home);
  }

  /** The built-in plugin ZIPs in {@code plugins/}. */
  static List<Path> pluginZips() {
    try (Stream<Path> files = Files.list(home().resolve("plugins"))) {
      return files.filter(p -> p.toString().endsWith(".zip")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A fresh plugins folder holding copies of the built-in ZIPs, so that pf4j unpacks them there
   * rather than in the shared distribution folder.
   */
  static Path pluginsFolder(Path parent) throws IOException {
    Path folder = Files.createDirectories(parent.resolve("plugins"));
    for (Path zip : pluginZips()) {
      if (!Files.exists(folder.resolve(zip.getFileName()))) {
        Files.copy(zip, folder.resolve(zip.getFileName()));
      }
    }
    return folder;
  }
}
