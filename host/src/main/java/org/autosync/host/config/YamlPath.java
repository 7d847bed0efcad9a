package org.autosync.host.config;

import java.util.regex.Pattern;

/**
 * A field path as errors show it: {@code mas.HR.thresholds[0].operation}. Keys that are not plain
 * words (MA names with spaces, partition DNs) are quoted: {@code mappings["ou=users,o=hr"]}.
 *
 * @param text the path; empty for the document itself
 */
record YamlPath(String text) {

  static final YamlPath ROOT = new YamlPath("");

  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_-]+");

  YamlPath key(String key) {
    if (PLAIN.matcher(key).matches()) {
      return new YamlPath(text.isEmpty() ? key : text + "." + key);
    }
    return new YamlPath(text + "[\"" + key.replace("\\", "\\\\").replace("\"", "\\\"") + "\"]");
  }

  YamlPath index(int index) {
    return new YamlPath(text + "[" + index + "]");
  }

  /** A path below this one given as text, such as a trigger parameter's {@code hosts[1]}. */
  YamlPath append(String relative) {
    return new YamlPath(text.isEmpty() ? relative : text + "." + relative);
  }

  @Override
  public String toString() {
    return text;
  }
}
