package org.autosync.engine.embedded.history;

/** Whole numbers in run-history text, with errors that name the element and line. */
final class Numbers {

  private Numbers() {}

  /** The element's text as a counter: a whole number from 0 up. */
  static long counter(XmlElement element) {
    return nonNegative(element, element.value(), "");
  }

  /**
   * A whole number from 0 up.
   *
   * @param suffix added to the element's path in errors, such as {@code "/@step-number"}
   */
  static long nonNegative(XmlElement element, String text, String suffix) {
    long value;
    try {
      value = Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw element.invalid(suffix, "'" + text + "' is not a whole number");
    }
    if (value < 0) {
      throw element.invalid(suffix, "'" + text + "' is negative");
    }
    return value;
  }
}
