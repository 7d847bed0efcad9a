package org.autosync.host.gallery;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * A gallery operation that cannot be done, with a message saying why and what to do ("Cannot X
 * because Y; do Z") and the file or folder concerned.
 */
public final class GalleryException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final @Nullable Path path;

  public GalleryException(String message, @Nullable Path path) {
    super(message);
    this.path = path;
  }

  public GalleryException(String message, @Nullable Path path, Throwable cause) {
    super(message, cause);
    this.path = path;
  }

  /** The file or folder concerned; null when none. */
  public @Nullable Path path() {
    return path;
  }
}
