package org.autosync.host.gallery;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Installs a gallery entry into a scripts folder: {@code scripts/<id>/} gets the entry's files
 * (all but its test cases) and an {@link InstallRecord} with the SHA-256 of each.
 *
 * <p>An existing copy is replaced when it is intact (an update or a reinstall). A copy with local
 * edits, missing files or a tampered record, or a folder that did not come from the gallery, is
 * replaced only when forced, so that nobody loses an edit by accident. An entry whose plugin API
 * range this AutoSync does not satisfy is never installed: the scripts module would not load it.
 *
 * <p>Each file is written to a temporary file and moved into place, and the record is written
 * last; a running AutoSync reloads the entry file when its SHA-256 changes.
 *
 * <p>Stateless and thread-safe; two installs into the same folder at once are not.
 */
public final class GalleryInstaller {

  /** What an install did. */
  public enum Outcome {
    /** There was no copy. */
    INSTALLED,
    /** An intact copy of another version was replaced. */
    UPDATED,
    /** An intact copy of the same version was written again. */
    REINSTALLED,
    /** A copy with local changes, or not from the gallery, was overwritten (forced). */
    REPLACED
  }

  /**
   * The result of an install.
   *
   * @param folder the installed copy's folder
   * @param outcome what happened
   * @param previous the record of the copy that was there, if it had a readable one
   * @param record the new record
   * @param replacedChanges for {@link Outcome#REPLACED}, what was overwritten; else empty
   */
  public record Result(Path folder, Outcome outcome, @Nullable InstallRecord previous,
      InstallRecord record, List<String> replacedChanges) {
    public Result {
      replacedChanges = List.copyOf(replacedChanges);
    }
  }

  private GalleryInstaller() {}

  /**
   * Installs the entry {@code id} of {@code gallery} into {@code scriptsFolder}.
   *
   * @param force whether to overwrite a copy with local changes, a tampered record, or a folder
   *     not from the gallery
   * @param apiVersion the host's plugin API version, checked against the entry's {@code api}
   * @param clock for the record's install time
   * @throws GalleryException when the gallery has no such entry, the entry does not fit this
   *     AutoSync, or a copy with local changes is in the way and {@code force} is false
   */
  public static Result install(Gallery gallery, String id, Path scriptsFolder, boolean force,
      String apiVersion, InstantSource clock) throws IOException {
    GalleryEntry entry = gallery.require(id);
    String incompatible = entry.incompatibility(apiVersion);
    if (incompatible != null) {
      throw new GalleryException("Cannot install '" + entry.id() + "' " + entry.version()
          + ": it " + incompatible + "; upgrade AutoSync or use a gallery built for it",
          entry.folder().resolve("manifest.json"));
    }
    Path target = scriptsFolder.resolve(entry.id());
    Outcome outcome = Outcome.INSTALLED;
    InstallRecord previous = null;
    List<String> changes = List.of();
    if (Files.exists(target)) {
      GalleryVerifier.Finding existing = GalleryVerifier.verifyOne(target, gallery);
      previous = existing.record();
      boolean intact = existing.status() == GalleryVerifier.Status.INTACT;
      if (!intact && !force) {
        throw new GalleryException(refusal(target, existing), target);
      }
      changes = intact ? List.of() : existing.details();
      outcome = !intact ? Outcome.REPLACED
          : previous != null && previous.version().equals(entry.version()) ? Outcome.REINSTALLED
          : Outcome.UPDATED;
    }
    Files.createDirectories(target);
    Map<String, String> written = new TreeMap<>();
    for (String name : entry.files().keySet()) {
      byte[] bytes = Files.readAllBytes(entry.folder().resolve(name));
      Json.writeAtomically(target.resolve(name), bytes);
      written.put(name, FileHashes.sha256(bytes));
    }
    if (previous != null) {
      for (String old : previous.files().keySet()) {
        if (!written.containsKey(old)) {
          Files.deleteIfExists(target.resolve(old)); // a file the new version no longer has
        }
      }
    }
    InstallRecord record = new InstallRecord(entry.id(), entry.version(),
        entry.folder().toAbsolutePath().normalize().toUri().toString(),
        clock.instant().truncatedTo(ChronoUnit.SECONDS), written);
    record.write(target);
    return new Result(target, outcome, previous, record, changes);
  }

  private static String refusal(Path target, GalleryVerifier.Finding existing) {
    String why = switch (existing.status()) {
      case NOT_FROM_GALLERY -> "was not installed from the gallery (it has no "
          + InstallRecord.FILE_NAME + ")";
      case TAMPERED -> "has an install record that does not check out ("
          + String.join("; ", existing.details()) + ")";
      default -> "has local changes (" + String.join("; ", existing.details()) + ")";
    };
    return "Cannot install over " + target + ": it " + why + "; use --force to overwrite it,"
        + " after copying anything you want to keep";
  }
}
