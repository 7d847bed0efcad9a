package org.autosync.host.config;

import java.time.Duration;

/** Writes durations the way operators write them: {@code 5m}, {@code 250ms}, {@code 8h}. */
final class DurationText {

  private DurationText() {}

  /**
   * The shortest of {@code Nd}, {@code Nh}, {@code Nm}, {@code Ns}, {@code Nms} that is exact, or
   * ISO-8601 when none is (sub-millisecond or negative durations).
   */
  static String format(Duration d) {
    if (d.isZero()) {
      return "0s";
    }
    if (d.isNegative() || d.getNano() % 1_000_000 != 0) {
      return d.toString();
    }
    long ms = d.toMillis();
    long[] units = {86_400_000L, 3_600_000L, 60_000L, 1_000L, 1L};
    String[] names = {"d", "h", "m", "s", "ms"};
    for (int i = 0; i < units.length; i++) {
      if (ms % units[i] == 0) {
        return ms / units[i] + names[i];
      }
    }
    return d.toString();
  }
}
