package org.autosync.host.gallery;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Checks installed copies against their {@link InstallRecord} and, where the gallery has the
 * same version, the record against the gallery:
 *
 * <ul>
 *   <li><b>intact</b>: every recorded file is there with its recorded SHA-256;
 *   <li><b>edited</b>: a file's SHA-256 differs from the record (a local edit);
 *   <li><b>missing files</b>: a recorded file is gone;
 *   <li><b>tampered</b>: the record itself is unreadable, names another id, or disagrees with the
 *       gallery's files of the same version (a record edited to match edited files);
 *   <li><b>not from the gallery</b>: a script folder without a record (written by hand).
 * </ul>
 *
 * Files the record does not list are reported in the details but do not count as a problem:
 * the scripts module loads only the manifest's entry file, which the record covers.
 *
 * <p>Stateless and thread-safe.
 */
public final class GalleryVerifier {

  /** How an installed copy compares; the later constants are worse. */
  public enum Status {
    NOT_FROM_GALLERY("not from the gallery"),
    INTACT("intact"),
    EDITED("edited"),
    MISSING_FILES("missing files"),
    TAMPERED("tampered");

    private final String label;

    Status(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }

    /** Whether {@code verify} should fail because of it. */
    public boolean isProblem() {
      return this == EDITED || this == MISSING_FILES || this == TAMPERED;
    }
  }

  /**
   * What was found about one installed script.
   *
   * @param id the script's folder name
   * @param folder the script's folder
   * @param status the worst finding
   * @param details every finding and note, for people
   * @param record the install record, when it could be read
   */
  public record Finding(String id, Path folder, Status status, List<String> details,
      @Nullable InstallRecord record) {
    public Finding {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(folder, "folder");
      Objects.requireNonNull(status, "status");
      details = List.copyOf(details);
    }
  }

  private static final String CHANGED = "the record was changed after installation (or the"
      + " gallery changed the entry without a new version)";

  private GalleryVerifier() {}

  /**
   * Checks every script folder in {@code scriptsFolder} (none when it does not exist).
   *
   * @param gallery the gallery to compare records with; null to check files against records only
   */
  public static List<Finding> verify(Path scriptsFolder, @Nullable Gallery gallery)
      throws IOException {
    if (!Files.isDirectory(scriptsFolder)) {
      return List.of();
    }
    List<Path> dirs;
    try (Stream<Path> s = Files.list(scriptsFolder)) {
      dirs = s.filter(Files::isDirectory)
          .filter(p -> !p.getFileName().toString().startsWith("."))
          .sorted().toList();
    }
    List<Finding> findings = new ArrayList<>();
    for (Path dir : dirs) {
      findings.add(verifyOne(dir, gallery));
    }
    return findings;
  }

  /** Checks one installed script folder. */
  public static Finding verifyOne(Path folder, @Nullable Gallery gallery) throws IOException {
    String id = folder.getFileName().toString();
    if (!InstallRecord.exists(folder)) {
      return new Finding(id, folder, Status.NOT_FROM_GALLERY,
          List.of("no " + InstallRecord.FILE_NAME + ": written or copied by hand"), null);
    }
    InstallRecord record;
    try {
      record = InstallRecord.read(folder);
    } catch (GalleryException e) {
      return new Finding(id, folder, Status.TAMPERED, List.of(e.getMessage()), null);
    }
    Status status = Status.INTACT;
    List<String> details = new ArrayList<>();
    if (!record.id().equals(id)) {
      status = Status.TAMPERED;
      details.add("the record is for '" + record.id() + "' but the folder is '" + id + "'");
    }
    status = worse(status, checkAgainstGallery(record, gallery, details));
    List<String> edited = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    for (Map.Entry<String, String> f : record.files().entrySet()) {
      Path file = folder.resolve(f.getKey());
      if (!Files.isRegularFile(file)) {
        missing.add(f.getKey());
      } else if (!FileHashes.sha256(file).equals(f.getValue())) {
        edited.add(f.getKey());
      }
    }
    if (!edited.isEmpty()) {
      status = worse(status, Status.EDITED);
      details.add("edited since installed (SHA-256 differs from the record): "
          + String.join(", ", edited));
    }
    if (!missing.isEmpty()) {
      status = worse(status, Status.MISSING_FILES);
      details.add("missing: " + String.join(", ", missing));
    }
    List<String> extra = FileHashes.files(folder, n -> !n.startsWith("."))
        .stream().map(p -> p.getFileName().toString())
        .filter(n -> !record.files().containsKey(n)).toList();
    if (!extra.isEmpty()) {
      details.add("files not from the gallery (not loaded unless the manifest names them): "
          + String.join(", ", extra));
    }
    return new Finding(id, folder, status, details, record);
  }

  private static Status checkAgainstGallery(InstallRecord record, @Nullable Gallery gallery,
      List<String> details) {
    if (gallery == null) {
      return Status.INTACT;
    }
    Optional<GalleryEntry> entry = gallery.entry(record.id());
    if (entry.isEmpty()) {
      details.add("not in the gallery " + gallery.folder() + "; checked against its record only");
      return Status.INTACT;
    }
    GalleryEntry e = entry.get();
    if (!e.version().equals(record.version())) {
      details.add("the gallery has version " + e.version() + " (installed " + record.version()
          + "); 'autosync gallery install " + e.id() + "' updates it; the record could not be"
          + " checked against the gallery");
      return Status.INTACT;
    }
    if (!e.files().keySet().equals(record.files().keySet())) {
      details.add("the record lists " + record.files().keySet() + " but gallery entry '"
          + e.id() + "' " + e.version() + " has " + e.files().keySet() + ": " + CHANGED);
      return Status.TAMPERED;
    }
    List<String> differ = e.files().entrySet().stream()
        .filter(f -> !f.getValue().equals(record.files().get(f.getKey())))
        .map(Map.Entry::getKey).toList();
    if (!differ.isEmpty()) {
      details.add("the record's SHA-256 of " + String.join(", ", differ) + " does not match"
          + " gallery entry '" + e.id() + "' " + e.version() + ": " + CHANGED);
      return Status.TAMPERED;
    }
    return Status.INTACT;
  }

  private static Status worse(Status a, Status b) {
    return a.compareTo(b) >= 0 ? a : b;
  }
}
