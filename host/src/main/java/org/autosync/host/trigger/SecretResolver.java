package org.autosync.host.trigger;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Resolves secret references in configuration values (DESIGN §8).
 *
 * <ul>
 *   <li>{@code ${env:NAME}} is the value of environment variable {@code NAME};
 *   <li>{@code ${file:/run/secrets/ldap}} is the file's content (UTF-8) with one trailing newline
 *       removed, so files written by {@code echo} work;
 *   <li>any other text is returned as it is, so a literal value works too. References are whole
 *       values: {@code pre${env:X}} is literal text.
 * </ul>
 *
 * <p>Text shaped like a reference with another scheme, such as {@code ${vault:x}} or {@code
 * ${ENV:X}}, is refused rather than used as a literal password, since it is almost certainly a
 * mistyped reference.
 *
 * <pre>{@code
 * String password = new SecretResolver().resolve("${env:LDAP_PASSWORD}");
 * }</pre>
 *
 * <p>Error messages name the reference and why it failed, never the resolved value; callers must
 * not log resolved values either.
 *
 * <p><b>Threading:</b> immutable and thread-safe, provided the environment lookup is.
 */
public final class SecretResolver {

  private static final Pattern REFERENCE =
      Pattern.compile("\\$\\{([A-Za-z][A-Za-z0-9_-]*):(.*)}", Pattern.DOTALL);

  private final Function<String, @Nullable String> environment;

  /** A resolver reading the process environment. */
  public SecretResolver() {
    this(System::getenv);
  }

  /**
   * A resolver reading environment variables through {@code environment}, which returns null for
   * variables that are not set; tests inject a map's {@code get}.
   */
  public SecretResolver(Function<String, @Nullable String> environment) {
    this.environment = Objects.requireNonNull(environment, "environment");
  }

  /** Whether {@code text} is shaped like a secret reference ({@code ${scheme:...}}). */
  public static boolean isReference(String text) {
    return REFERENCE.matcher(text).matches();
  }

  /**
   * Resolves {@code text} if it is a reference, or returns it as it is.
   *
   * @throws IllegalArgumentException naming the reference and the cause when it cannot be resolved
   */
  public String resolve(String text) {
    Objects.requireNonNull(text, "text");
    Matcher m = REFERENCE.matcher(text);
    if (!m.matches()) {
      return text;
    }
    String scheme = m.group(1);
    String target = m.group(2);
    return switch (scheme) {
      case "env" -> fromEnvironment(text, target);
      case "file" -> fromFile(text, target);
      default -> throw cannotResolve(text,
          "unknown scheme '" + scheme + "'; expected ${env:NAME} or ${file:/path}");
    };
  }

  private String fromEnvironment(String reference, String name) {
    if (name.isBlank()) {
      throw cannotResolve(reference, "no environment variable named");
    }
    String value = environment.apply(name);
    if (value == null) {
      throw cannotResolve(reference, "environment variable '" + name + "' is not set");
    }
    return value;
  }

  private String fromFile(String reference, String pathText) {
    if (pathText.isBlank()) {
      throw cannotResolve(reference, "no file named");
    }
    String content;
    try {
      content = Files.readString(Path.of(pathText), StandardCharsets.UTF_8);
    } catch (InvalidPathException e) {
      throw cannotResolve(reference, "'" + pathText + "' is not a valid path");
    } catch (IOException e) {
      // Only the exception's type and the file system's reason: never a message that might quote
      // the file's content.
      String reason = e instanceof FileSystemException fse && fse.getReason() != null
          ? " (" + fse.getReason() + ")"
          : "";
      throw cannotResolve(reference,
          "cannot read file '" + pathText + "': " + e.getClass().getSimpleName() + reason);
    }
    if (content.endsWith("\r\n")) {
      return content.substring(0, content.length() - 2);
    }
    if (content.endsWith("\n")) {
      return content.substring(0, content.length() - 1);
    }
    return content;
  }

  private static IllegalArgumentException cannotResolve(String reference, String why) {
    return new IllegalArgumentException(
        "Cannot resolve secret reference '" + reference + "': " + why);
  }
}
