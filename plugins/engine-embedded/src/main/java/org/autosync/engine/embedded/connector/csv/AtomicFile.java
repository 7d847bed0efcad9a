package org.autosync.engine.embedded.connector.csv;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Replaces a file's content so that a reader, or a restart after a crash at any moment, sees the
 * old content or the new one, never a mix: the bytes go to a temporary file in the same folder,
 * are forced to disk, and the temporary file is moved over the target atomically; the folder is
 * then forced too where the platform allows it.
 *
 * <p>The temporary file has a fixed name, {@code .<name>.autosync-tmp}, so a crash leaves at most
 * one behind and the next write replaces it. It takes the target's POSIX permissions, so a
 * replaced file stays readable by whoever could read it before.
 *
 * <p>Stateless; concurrent writers of one file must coordinate themselves.
 */
final class AtomicFile {

  private AtomicFile() {}

  /**
   * The temporary file {@link #replace} writes before moving it over {@code file} (over the file
   * a symbolic link points to, when {@code file} is one).
   */
  static Path temporaryFor(Path file) throws IOException {
    Path target = target(file);
    return target.resolveSibling("." + target.getFileName() + ".autosync-tmp");
  }

  /**
   * Replaces the content of {@code file} (creating it) with {@code bytes}. When {@code file} is a
   * symbolic link, the file it points to is replaced and the link stays.
   */
  static void replace(Path file, byte[] bytes) throws IOException {
    Path target = target(file);
    Path temp = temporaryFor(target);
    Files.deleteIfExists(temp);
    boolean created = false;
    try {
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW,
          StandardOpenOption.WRITE)) {
        created = true;
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        channel.force(true);
      }
      copyPermissions(target, temp);
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException | RuntimeException e) {
      if (created) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException cleanup) {
          e.addSuppressed(cleanup);
        }
      }
      throw e;
    }
    forceFolder(target.getParent());
  }

  private static Path target(Path file) throws IOException {
    return Files.exists(file) ? file.toRealPath() : file.toAbsolutePath();
  }

  private static void copyPermissions(Path from, Path to) {
    try {
      if (Files.exists(from)) {
        Files.setPosixFilePermissions(to, Files.getPosixFilePermissions(from));
      }
    } catch (IOException | UnsupportedOperationException e) {
      // Best effort: not a POSIX file system, or not the owner; the default permissions stay.
    }
  }

  private static void forceFolder(Path folder) {
    try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // Best effort: some platforms (Windows) cannot open a folder; the move is done.
    }
  }
}
