package org.autosync.scripts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * An installed script: its manifest and where its entry file is.
 *
 * @param manifest what the script is
 * @param entryFile the file to load
 */
record ScriptDefinition(ScriptManifest manifest, Path entryFile) {

  ScriptDefinition {
    Objects.requireNonNull(manifest, "manifest");
    Objects.requireNonNull(entryFile, "entryFile");
  }

  /** The name errors and stack traces show: {@code <id>/<entry>}. */
  String sourceName() {
    return manifest.id() + "/" + manifest.entry();
  }

  /** The entry file's text and its SHA-256. */
  Code read() throws IOException {
    byte[] bytes = Files.readAllBytes(entryFile);
    return new Code(new String(bytes, java.nio.charset.StandardCharsets.UTF_8), sha256(bytes));
  }

  /** A version of the script's code. */
  record Code(String text, String sha256) {}

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
