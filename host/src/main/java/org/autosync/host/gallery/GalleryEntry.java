package org.autosync.host.gallery;

import com.github.zafarkhaja.semver.Version;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.autosync.scripts.ScriptManifest;
import org.jspecify.annotations.Nullable;

/**
 * One entry of a gallery: its folder, its manifest, and the files an installation gets (every
 * file of the folder but its test cases) with their SHA-256.
 *
 * <p>Immutable and thread-safe.
 *
 * @param folder the entry's folder, {@code <gallery>/<id>}
 * @param manifest what the entry is
 * @param files file name to SHA-256 (lower-case hex) of the files {@code install} copies, sorted
 */
public record GalleryEntry(Path folder, ScriptManifest manifest, Map<String, String> files) {

  public GalleryEntry {
    Objects.requireNonNull(folder, "folder");
    Objects.requireNonNull(manifest, "manifest");
    files = java.util.Collections.unmodifiableMap(new TreeMap<>(files));
  }

  public String id() {
    return manifest.id();
  }

  public String version() {
    return manifest.version();
  }

  /**
   * Why this entry does not work with plugin API {@code apiVersion}; null when it does.
   *
   * @param apiVersion the host's plugin API version, such as {@code 0.1.0}
   */
  public @Nullable String incompatibility(String apiVersion) {
    return incompatibility(manifest.api(), apiVersion);
  }

  static @Nullable String incompatibility(String range, String apiVersion) {
    if ("*".equals(range.strip())) {
      return null;
    }
    try {
      return Version.parse(apiVersion).satisfies(range) ? null
          : "needs plugin API " + range + ", but this AutoSync offers " + apiVersion;
    } catch (RuntimeException e) {
      return "its api '" + range + "' is not a version range such as >=0.1.0";
    }
  }
}
