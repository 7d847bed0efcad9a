package org.autosync.host.gallery;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** SHA-256 of files, as lower-case hex. Stateless. */
final class FileHashes {

  /** What a SHA-256 looks like in records and the index. */
  static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

  private FileHashes() {}

  static String sha256(Path file) throws IOException {
    return sha256(Files.readAllBytes(file));
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /** The regular files directly in {@code folder} whose names pass {@code keep}, sorted. */
  static List<Path> files(Path folder, Predicate<String> keep) throws IOException {
    try (Stream<Path> s = Files.list(folder)) {
      return s.filter(Files::isRegularFile)
          .filter(p -> keep.test(p.getFileName().toString()))
          .sorted()
          .toList();
    }
  }

  /** File name to SHA-256 of {@code files}, sorted by name. */
  static Map<String, String> hashes(List<Path> files) throws IOException {
    Map<String, String> result = new TreeMap<>();
    for (Path f : files) {
      result.put(f.getFileName().toString(), sha256(f));
    }
    return result;
  }
}
