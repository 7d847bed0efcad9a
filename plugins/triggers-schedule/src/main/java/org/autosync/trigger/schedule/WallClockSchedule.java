package org.autosync.trigger.schedule;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link LocalSchedule} in a time zone: turns its wall-clock times into instants, with one rule
 * for daylight-saving changes. Each wall-clock time fires once, at the instant {@link
 * ZonedDateTime#ofLocal ZonedDateTime.ofLocal(time, zone, null)} gives it:
 *
 * <ul>
 *   <li>a time in a spring-forward gap moves forward by the length of the gap: 02:30 in
 *       Europe/Berlin on the last Sunday of March fires at 03:30 summer time (01:30 UTC). When the
 *       schedule also names the time it moves to, the two coincide and fire once;
 *   <li>a time in a fall-back overlap fires at its first occurrence, in summer time: 02:30 in
 *       Europe/Berlin on the last Sunday of October fires at 02:30+02:00 (00:30 UTC), and not again
 *       at 02:30+01:00. A schedule that fires several times an hour therefore rests during the
 *       repeated hour.
 * </ul>
 *
 * <p>In a zone without transitions (UTC, fixed offsets) this is the plain schedule.
 *
 * <p>Immutable and thread-safe.
 */
final class WallClockSchedule {

  /** How far ahead a schedule without regular fire times is searched for fires moved by a gap. */
  private static final Duration GAP_SEARCH_HORIZON = Duration.ofDays(400);

  /** A bound on the steps over gaps in one computation, against a schedule that never ends. */
  private static final int MAX_STEPS = 10_000;

  private final LocalSchedule local;
  private final ZoneId zone;
  private final ZoneRules rules;

  WallClockSchedule(LocalSchedule local, ZoneId zone) {
    this.local = Objects.requireNonNull(local, "local");
    this.zone = Objects.requireNonNull(zone, "zone");
    this.rules = zone.getRules();
  }

  ZoneId zone() {
    return zone;
  }

  /** The schedule and its zone, such as {@code cron 0 2 * * * Europe/Berlin}. */
  String describe() {
    return local.describe() + " " + zone.getId();
  }

  /** The first fire time strictly after {@code time}; empty when the schedule has no more. */
  Optional<Instant> nextAfter(Instant time) {
    Objects.requireNonNull(time, "time");
    Optional<Instant> regular = nextOutsideGaps(time);
    Instant horizon = regular.orElse(time.plus(GAP_SEARCH_HORIZON));
    Optional<Instant> moved = nextMovedByGap(time, horizon);
    if (moved.isPresent() && (regular.isEmpty() || moved.get().isBefore(regular.get()))) {
      return moved;
    }
    return regular;
  }

  /**
   * The first fire time after {@code time} among the wall-clock times that exist in the zone. The
   * mapping is strictly increasing on them, so this is the next such time after the wall-clock
   * reading of {@code time}.
   */
  private Optional<Instant> nextOutsideGaps(Instant time) {
    LocalDateTime from = LocalDateTime.ofInstant(time, zone);
    ZoneOffsetTransition overlap = rules.getTransition(from);
    if (overlap != null && overlap.isOverlap()
        && rules.getOffset(time).equals(overlap.getOffsetAfter())) {
      // In the repeated hour's second pass: its wall-clock times fired (or would have) in the first.
      from = overlap.getDateTimeBefore().minusNanos(1);
    }
    for (int step = 0; step < MAX_STEPS; step++) {
      Optional<LocalDateTime> next = local.nextAfter(from);
      if (next.isEmpty()) {
        return Optional.empty();
      }
      ZoneOffsetTransition gap = rules.getTransition(next.get());
      if (gap == null || gap.isOverlap()) {
        return Optional.of(ZonedDateTime.ofLocal(next.get(), zone, null).toInstant());
      }
      from = gap.getDateTimeAfter().minusNanos(1); // times in the gap: see nextMovedByGap
    }
    throw new IllegalStateException(describe() + " has no time outside daylight-saving gaps in "
        + MAX_STEPS + " steps after " + time);
  }

  /**
   * The first fire time after {@code time} and before {@code horizon} among wall-clock times that
   * fall in a spring-forward gap, each moved forward by the gap's length (that is, read with the
   * offset before the gap).
   */
  private Optional<Instant> nextMovedByGap(Instant time, Instant horizon) {
    ZoneOffsetTransition transition = rules.previousTransition(time);
    if (transition == null) {
      transition = rules.nextTransition(time);
    }
    for (int step = 0; transition != null && transition.getInstant().isBefore(horizon)
        && step < MAX_STEPS; step++) {
      if (transition.isGap()
          && transition.getInstant().plus(transition.getDuration()).isAfter(time)) {
        LocalDateTime afterTime = LocalDateTime.ofInstant(time, transition.getOffsetBefore());
        LocalDateTime gapStart = transition.getDateTimeBefore().minusNanos(1);
        LocalDateTime gapEnd = transition.getDateTimeAfter();
        Optional<LocalDateTime> inGap =
            local.nextAfter(afterTime.isAfter(gapStart) ? afterTime : gapStart)
                .filter(t -> t.isBefore(gapEnd));
        if (inGap.isPresent()) {
          return Optional.of(inGap.get().toInstant(transition.getOffsetBefore()));
        }
      }
      transition = rules.nextTransition(transition.getInstant());
    }
    return Optional.empty();
  }
}
