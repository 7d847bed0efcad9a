package org.autosync.scripts;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * A language scripts can be written in, with the GraalVM language id and the entry file's
 * extension.
 *
 * <p>Immutable and thread-safe.
 */
public enum ScriptLanguage {
  /** JavaScript (ECMAScript 2024) on GraalJS; entry files end in {@code .js}. */
  JAVASCRIPT("js", "javascript", ".js"),
  /** Python 3 on GraalPy; entry files end in {@code .py}. */
  PYTHON("python", "python", ".py");

  private final String graalId;
  private final String label;
  private final String extension;

  ScriptLanguage(String graalId, String label, String extension) {
    this.graalId = graalId;
    this.label = label;
    this.extension = extension;
  }

  /** The GraalVM polyglot language id: {@code js} or {@code python}. */
  public String graalId() {
    return graalId;
  }

  /** The name manifests use: {@code javascript} or {@code python}. */
  public String label() {
    return label;
  }

  /** The entry file's extension, with the dot. */
  public String extension() {
    return extension;
  }

  /**
   * Parses a manifest's {@code language}: {@code javascript}, {@code js}, {@code python} or
   * {@code py}, ignoring case.
   *
   * @throws IllegalArgumentException naming the accepted values
   */
  public static ScriptLanguage parse(String text) {
    String t = text.strip().toLowerCase(Locale.ROOT);
    return switch (t) {
      case "javascript", "js" -> JAVASCRIPT;
      case "python", "py" -> PYTHON;
      default -> throw new IllegalArgumentException(
          "expected javascript or python, got '" + text + "'");
    };
  }

  /** The language of a file, by its extension. */
  public static Optional<ScriptLanguage> ofFile(String fileName) {
    String lower = fileName.toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(l -> lower.endsWith(l.extension)).findFirst();
  }

  @Override
  public String toString() {
    return label;
  }
}
