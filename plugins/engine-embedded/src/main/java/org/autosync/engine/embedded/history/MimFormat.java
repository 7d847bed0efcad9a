package org.autosync.engine.embedded.history;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

/** MIM's text forms: UTC timestamps without a 'T', GUIDs in braces, XML-safe strings. */
final class MimFormat {

  /** {@code yyyy-MM-dd HH:mm:ss.fff}, always three fraction digits, as MIM writes it. */
  private static final DateTimeFormatter WRITE_DATE =
      DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSS", Locale.ROOT)
          .withResolverStyle(ResolverStyle.STRICT);

  /** Accepts zero to nine fraction digits (the XSD allows one to three). */
  private static final DateTimeFormatter READ_DATE = new DateTimeFormatterBuilder()
      .appendPattern("uuuu-MM-dd HH:mm:ss")
      .optionalStart()
      .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
      .optionalEnd()
      .toFormatter(Locale.ROOT)
      .withResolverStyle(ResolverStyle.STRICT);

  private static final Pattern GUID = Pattern.compile(
      "\\{?[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}}?");

  private MimFormat() {}

  /** The instant in UTC, truncated to milliseconds. */
  static String date(Instant instant) {
    return WRITE_DATE.format(LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
  }

  /** Parses a MIM timestamp, read as UTC. */
  static Instant parseDate(String text) throws DateTimeParseException {
    return LocalDateTime.parse(text, READ_DATE).toInstant(ZoneOffset.UTC);
  }

  /**
   * A GUID in MIM's text form: in braces, upper case. Accepts it with or without braces, any case.
   *
   * @throws IllegalArgumentException if {@code text} is not a GUID
   */
  static String guid(String text) {
    String t = text.strip();
    if (!GUID.matcher(t).matches() || t.startsWith("{") != t.endsWith("}")) {
      throw new IllegalArgumentException("'" + text + "' is not a GUID");
    }
    String bare = t.startsWith("{") ? t.substring(1, t.length() - 1) : t;
    return "{" + bare.toUpperCase(Locale.ROOT) + "}";
  }

  /** A name-based (version 3) GUID in MIM's text form; the same input gives the same id. */
  static String nameGuid(String name) {
    UUID uuid = UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
    return "{" + uuid.toString().toUpperCase(Locale.ROOT) + "}";
  }

  /**
   * Replaces characters that XML 1.0 cannot carry (most C0 controls, lone surrogates, U+FFFE and
   * U+FFFF) with U+FFFD, so that an error message from a connected system cannot make the document
   * unreadable.
   */
  static String xmlSafe(String text) {
    StringBuilder out = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean ok;
      if (Character.isHighSurrogate(c)) {
        ok = i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
        if (ok) {
          if (out != null) {
            out.append(c).append(text.charAt(i + 1));
          }
          i++;
          continue;
        }
      } else {
        ok = c == '\t' || c == '\n' || c == '\r'
            || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD);
      }
      if (!ok && out == null) {
        out = new StringBuilder(text.length()).append(text, 0, i);
      }
      if (out != null) {
        out.append(ok ? c : '\uFFFD');
      }
    }
    return out == null ? text : out.toString();
  }
}
