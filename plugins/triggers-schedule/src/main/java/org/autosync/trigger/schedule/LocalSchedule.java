package org.autosync.trigger.schedule;

import java.time.LocalDateTime;
import java.util.Optional;

/**
 * A schedule on the wall clock, without a time zone: the local date-times at which it fires.
 * {@link WallClockSchedule} turns it into instants in a zone.
 *
 * <p>Implementations are immutable and thread-safe.
 */
interface LocalSchedule {

  /** The first fire time strictly after {@code time}; empty when the schedule has no more. */
  Optional<LocalDateTime> nextAfter(LocalDateTime time);

  /** The schedule for people and request sources, such as {@code cron 0 2 * * *}. */
  String describe();
}
