package org.autosync.host.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Builds a settings record whose constructor checks ranges, and turns its {@link
 * IllegalArgumentException} into an error at the node of the field the message names. The records
 * stay the one place that knows the rules; this only says where in the file the rule was broken.
 * Stateless.
 */
final class Ranges {

  private static final Pattern ISO_DURATION = Pattern.compile("\\bPT[0-9HMS.]+\\b");

  private Ranges() {}

  /**
   * Runs {@code build}; on {@link IllegalArgumentException} reports its message at the first key of
   * {@code keys} that the message names and the block sets, or at the block itself.
   *
   * @param block the block the record was read from
   * @param keys the block's keys, in the order they are looked for
   * @param renames record component names that the file spells differently (component → key)
   * @param blame the key to report at when the message names none the block sets; null for the
   *     block itself
   * @param fallback what to return after reporting
   */
  static <T> T build(Block block, List<String> keys, Map<String, String> renames,
      @Nullable String blame, Supplier<T> build, T fallback) {
    try {
      return build.get();
    } catch (IllegalArgumentException e) {
      String message = humanize(String.valueOf(e.getMessage()), renames);
      String field = null;
      int at = Integer.MAX_VALUE;
      for (String key : keys) {
        Matcher m = Pattern.compile("\\b" + Pattern.quote(key) + "\\b").matcher(message);
        if (block.has(key) && m.find() && m.start() < at) {
          field = key;
          at = m.start();
        }
      }
      if (field == null && blame != null && block.has(blame)) {
        field = blame;
      }
      Node node = field == null ? block.node() : block.value(field).orElseThrow();
      block.problems().add(node, field == null ? block.path() : block.path(field), message);
      return fallback;
    }
  }

  /** Renames fields to their keys and writes durations as the file does ({@code 5m}, not PT5M). */
  private static String humanize(String message, Map<String, String> renames) {
    String result = message;
    for (Map.Entry<String, String> rename : renames.entrySet()) {
      result = result.replaceAll("\\b" + Pattern.quote(rename.getKey()) + "\\b", rename.getValue());
    }
    return ISO_DURATION.matcher(result).replaceAll(m -> {
      try {
        return Matcher.quoteReplacement(DurationText.format(Duration.parse(m.group())));
      } catch (DateTimeParseException e) {
        return Matcher.quoteReplacement(m.group());
      }
    });
  }
}
