package org.autosync.engine.embedded.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Attribute images: lower-case names to sorted values, with absent attributes left out, so that
 * two images of the same object compare equal whatever order a system returned values in.
 */
public final class Images {
  private Images() {}

  /** A normalised copy of {@code attributes}. */
  public static Map<String, List<String>> of(Map<String, List<String>> attributes) {
    Map<String, List<String>> result = new TreeMap<>();
    attributes.forEach((name, values) -> {
      if (values != null && !values.isEmpty()) {
        List<String> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        result.put(name.toLowerCase(Locale.ROOT), List.copyOf(sorted));
      }
    });
    return Collections.unmodifiableMap(result);
  }

  /** Sorted values, for comparing one attribute. */
  public static List<String> values(List<String> values) {
    List<String> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return List.copyOf(sorted);
  }

  /** A DN in a form that compares equal across case and spacing differences. */
  public static String normalizeDn(String dn) {
    return dn.strip().toLowerCase(Locale.ROOT).replaceAll("\\s*([,=+])\\s*", "$1");
  }
}
