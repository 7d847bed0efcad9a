package org.autosync.trigger.schedule;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** Instants shown for operators. Stateless and thread-safe. */
final class Times {
  private Times() {}

  /** {@code 2026-03-29T03:30+02:00}, or {@code 2026-01-05T08:00:00Z} in UTC. */
  static String show(Instant instant, ZoneId zone) {
    if (zone.normalized().equals(ZoneOffset.UTC)) {
      return instant.toString();
    }
    return instant.atZone(zone).toOffsetDateTime().toString();
  }
}
