package org.autosync.host.gallery;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.autosync.scripts.ScriptException;
import org.autosync.scripts.ScriptManifest;

/**
 * A gallery folder: one folder per entry, named after its id.
 *
 * <pre>
 * gallery/
 *   index.json                 generated: {@link GalleryIndex}
 *   schema/manifest.schema.json
 *   nightly-full-import/
 *     manifest.json            the scripts module's manifest format
 *     trigger.py               the manifest's entry
 *     README.md
 *     tests.json               test cases, run in CI by the gallery module
 * </pre>
 *
 * <p>An entry that cannot be used — no or broken manifest, folder name not its id, entry file,
 * README or test cases missing — is listed in {@link #problems()} with the reason; the others are
 * offered. Folders starting with '.', and {@code schema}, {@code src} and {@code target} (the
 * gallery's build), are not entries.
 *
 * <p>Immutable and thread-safe.
 */
public final class Gallery {

  /** The generated index's file name. */
  public static final String INDEX_FILE = "index.json";

  /** An entry's test cases; the only file of an entry that is not installed. */
  public static final String TESTS_FILE = "tests.json";

  /** An entry's README. */
  public static final String README_FILE = "README.md";

  private static final Set<String> NOT_ENTRIES = Set.of("schema", "src", "target");

  /** A folder that is not offered as an entry, and why. */
  public record Problem(Path folder, String message) {
    @Override
    public String toString() {
      return folder.getFileName() + ": " + message;
    }
  }

  private final Path folder;
  private final List<GalleryEntry> entries;
  private final List<Problem> problems;

  private Gallery(Path folder, List<GalleryEntry> entries, List<Problem> problems) {
    this.folder = folder;
    this.entries = List.copyOf(entries);
    this.problems = List.copyOf(problems);
  }

  /**
   * Reads a gallery folder.
   *
   * @throws GalleryException when it is not a folder or cannot be listed
   */
  public static Gallery open(Path folder) {
    Objects.requireNonNull(folder, "folder");
    if (!Files.isDirectory(folder)) {
      throw new GalleryException("There is no gallery at " + folder + "; give its folder with"
          + " --gallery DIR (an installation has one in gallery/)", folder);
    }
    List<Path> dirs;
    try (Stream<Path> s = Files.list(folder)) {
      dirs = s.filter(Files::isDirectory)
          .filter(p -> !p.getFileName().toString().startsWith("."))
          .filter(p -> !NOT_ENTRIES.contains(p.getFileName().toString()))
          .sorted().toList();
    } catch (IOException e) {
      throw new GalleryException("Cannot list the gallery " + folder + ": " + e, folder, e);
    }
    List<GalleryEntry> entries = new ArrayList<>();
    List<Problem> problems = new ArrayList<>();
    for (Path dir : dirs) {
      try {
        entries.add(read(dir));
      } catch (ScriptException | GalleryException e) {
        problems.add(new Problem(dir, e.getMessage()));
      } catch (IOException e) {
        problems.add(new Problem(dir, "cannot be read: " + e));
      }
    }
    entries.sort(Comparator.comparing(GalleryEntry::id));
    return new Gallery(folder, entries, problems);
  }

  /**
   * Reads one entry folder.
   *
   * @throws ScriptException when its manifest is not usable (every problem, with the file)
   * @throws GalleryException when the folder is not a complete entry
   */
  static GalleryEntry read(Path dir) throws IOException {
    Path manifestFile = dir.resolve(ScriptManifest.FILE_NAME);
    if (!Files.isRegularFile(manifestFile)) {
      throw new GalleryException("no " + ScriptManifest.FILE_NAME + "; an entry's folder holds"
          + " its manifest, its script, " + README_FILE + " and " + TESTS_FILE, dir);
    }
    ScriptManifest m = ScriptManifest.read(manifestFile);
    String name = dir.getFileName().toString();
    if (!name.equals(m.id())) {
      throw new GalleryException("the folder is named '" + name + "' but the manifest's id is '"
          + m.id() + "'; rename one so that they match", dir);
    }
    for (String required : List.of(m.entry(), README_FILE, TESTS_FILE)) {
      if (!Files.isRegularFile(dir.resolve(required))) {
        throw new GalleryException(required + " is missing; an entry holds "
            + ScriptManifest.FILE_NAME + ", its script ('" + m.entry() + "'), " + README_FILE
            + " and " + TESTS_FILE, dir.resolve(required));
      }
    }
    return new GalleryEntry(dir, m, FileHashes.hashes(FileHashes.files(dir,
        n -> !n.startsWith(".") && !n.equals(TESTS_FILE))));
  }

  /** The folder read. */
  public Path folder() {
    return folder;
  }

  /** Every usable entry, by id. */
  public List<GalleryEntry> entries() {
    return entries;
  }

  /** The entry with this id, if the gallery has a usable one. */
  public Optional<GalleryEntry> entry(String id) {
    return entries.stream().filter(e -> e.id().equals(id)).findFirst();
  }

  /** The entry with this id. */
  public GalleryEntry require(String id) {
    return entry(id).orElseThrow(() -> {
      Optional<Problem> broken = problems.stream()
          .filter(p -> p.folder().getFileName().toString().equals(id)).findFirst();
      return new GalleryException(broken
          .map(p -> "Gallery entry '" + id + "' in " + folder + " cannot be used: " + p.message())
          .orElse("There is no entry '" + id + "' in the gallery " + folder
              + "; 'autosync gallery list' shows its entries"), folder.resolve(id));
    });
  }

  /** Folders left out, with the reason. */
  public List<Problem> problems() {
    return problems;
  }

  @Override
  public String toString() {
    return "Gallery[" + folder + ": " + entries.size() + " entries, " + problems.size()
        + " problems]";
  }
}
