package org.autosync.gallery;

import java.nio.file.Path;
import org.autosync.host.gallery.Gallery;

/** The gallery in this repository: the module's folder, as Maven passes it to the tests. */
final class GalleryFolder {

  private GalleryFolder() {}

  static Path path() {
    return Path.of(System.getProperty("gallery.folder", ".")).toAbsolutePath().normalize();
  }

  static Gallery open() {
    return Gallery.open(path());
  }
}
