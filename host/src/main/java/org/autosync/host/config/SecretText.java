package org.autosync.host.config;

import java.util.List;
import java.util.Locale;
import org.autosync.host.trigger.SecretResolver;
import org.jspecify.annotations.Nullable;

/**
 * What counts as a secret in the file, and how it is shown. A value written as a reference
 * ({@code ${env:NAME}}, {@code ${file:/path}}) is kept as it is and shown as it is, since it
 * reveals nothing; any other value under a key that looks like a secret is shown as {@link #MASK}.
 * Stateless.
 */
final class SecretText {

  static final String MASK = "********";

  /** Case-insensitive parts of a key that make its value a secret. */
  static final List<String> SECRET_WORDS =
      List.of("password", "passwd", "secret", "token", "credential", "key");

  private SecretText() {}

  /** Whether a value under {@code key} is a secret: its name contains one of the secret words. */
  static boolean looksSecret(String key) {
    String lower = key.toLowerCase(Locale.ROOT);
    return SECRET_WORDS.stream().anyMatch(lower::contains);
  }

  static boolean isReference(String text) {
    return SecretResolver.isReference(text);
  }

  /**
   * What is wrong with a value shaped like a secret reference that {@link SecretResolver} would
   * refuse, or null when it is a usable reference or not a reference at all.
   */
  static @Nullable String problem(String text) {
    if (!isReference(text)) {
      return null;
    }
    int colon = text.indexOf(':');
    String scheme = text.substring(2, colon);
    String target = text.substring(colon + 1, text.length() - 1);
    if (!scheme.equals("env") && !scheme.equals("file")) {
      return "looks like a secret reference, but '" + scheme
          + "' is not a known scheme; expected ${env:NAME} or ${file:/path}";
    }
    if (target.isBlank()) {
      return "secret reference names no " + (scheme.equals("env") ? "variable" : "file")
          + "; expected ${env:NAME} or ${file:/path}";
    }
    return null;
  }

  /** A scalar as it may be shown: references as they are, secrets masked, the rest as it is. */
  static @Nullable Object show(@Nullable Object value, boolean secret) {
    if (value instanceof String s && isReference(s)) {
      return s;
    }
    return secret && value != null ? MASK : value;
  }
}
