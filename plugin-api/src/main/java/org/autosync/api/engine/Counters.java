package org.autosync.api.engine;

final class Counters {
  private Counters() {}

  static void requireNonNegative(long... values) {
    for (long v : values) {
      if (v < 0) {
        throw new IllegalArgumentException("Counters cannot be negative, got " + v);
      }
    }
  }
}
