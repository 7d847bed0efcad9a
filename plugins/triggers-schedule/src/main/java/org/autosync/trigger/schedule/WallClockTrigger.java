package org.autosync.trigger.schedule;

import org.autosync.api.trigger.RunTarget;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;
import org.autosync.api.trigger.TriggerContext;
import org.autosync.api.trigger.TriggerHealth;
import org.jspecify.annotations.Nullable;

/**
 * Fires at the times of a {@link WallClockSchedule} ({@code cron} and {@code start-interval}).
 *
 * <p>How it keeps time: the trigger remembers the instant up to which fire times are handled
 * ({@value #STATE_KEY} in its state). At every wake-up it reads {@code clock()}; when the first fire
 * time after that mark has come, it fires once (however many have passed) and moves the mark to
 * now. It then schedules its next wake-up at the next fire time after both now and the mark, but
 * sleeps at most {@link #MAX_SLEEP}, so that a clock correction is noticed. So:
 *
 * <ul>
 *   <li>the clock going back (even by a few hundred milliseconds just after a fire) never fires a
 *       time twice: times up to the mark are done;
 *   <li>the clock jumping forward over fire times fires once, at the next wake-up;
 *   <li>after a restart, a fire time that passed while AutoSync was stopped fires once at start
 *       ({@code catchUp}); without {@code catchUp} it is logged and skipped.
 * </ul>
 *
 * <p>The mark is saved after the fire, so a crash between the two fires again after the restart
 * rather than losing the fire.
 *
 * <p><b>Threading:</b> see {@link ScheduleTrigger}. {@code start} reads the state and schedules the
 * first wake-up; every wake-up runs on the scheduler thread, one at a time.
 */
final class WallClockTrigger extends ScheduleTrigger {

  /** The state key of the instant up to which fire times are handled. */
  static final String STATE_KEY = "handledThrough";

  /** The longest the trigger sleeps before it reads the clock again. */
  static final Duration MAX_SLEEP = Duration.ofMinutes(10);

  private final WallClockSchedule schedule;
  private final boolean catchUp;
  private final String description;
  // Read and written on the scheduler thread (and in start, before the first wake-up).
  private volatile Instant handledThrough = Instant.EPOCH;
  private volatile @Nullable Instant missedWhileStopped;
  private volatile @Nullable Instant reportedNext;

  WallClockTrigger(RunTarget target, WallClockSchedule schedule, boolean catchUp) {
    super(target);
    this.schedule = Objects.requireNonNull(schedule, "schedule");
    this.catchUp = catchUp;
    this.description = schedule.describe();
  }

  @Override
  void begin(TriggerContext ctx) {
    Instant now = ctx.clock().instant();
    Optional<Instant> saved = savedMark(ctx);
    handledThrough = saved.orElse(now);
    if (saved.isEmpty()) {
      saveMark(ctx, now);
    } else if (saved.get().isAfter(now)) {
      ctx.log().warn("The clock ({}) is behind the last fire time handled ({}); fire times up to"
          + " then are not fired again", now, saved.get());
    }
    Optional<Instant> missed = saved.flatMap(schedule::nextAfter).filter(t -> !t.isAfter(now));
    ctx.log().info("Runs {} on '{}' at {}{}", target().describe(), ctx.managementAgent().name(),
        description, catchUp ? ", catching up once after downtime" : "");
    if (missed.isPresent() && catchUp) {
      ctx.log().info("The fire time {} passed while AutoSync was stopped; firing once now",
          Times.show(missed.get(), schedule.zone()));
      missedWhileStopped = missed.get();
      ctx.reportHealth(TriggerHealth.healthy("catching up on "
          + Times.show(missed.get(), schedule.zone()) + " now (" + description + ")"));
      wakeAt(now, this::wake);
      return;
    }
    if (missed.isPresent()) {
      ctx.log().info("The fire time {} passed while AutoSync was stopped; not firing it, as"
          + " catchUp is false", Times.show(missed.get(), schedule.zone()));
      handledThrough = now;
      saveMark(ctx, now);
    }
    planNext();
  }

  private void wake() {
    if (isStopped()) {
      return;
    }
    try {
      fireIfDue();
    } catch (RuntimeException e) {
      context().log().warn("Firing {} failed; carrying on with the next fire time", description, e);
    }
    planNext();
  }

  private void fireIfDue() {
    TriggerContext ctx = context();
    Instant now = ctx.clock().instant();
    Optional<Instant> due = schedule.nextAfter(handledThrough);
    if (due.isEmpty() || due.get().isAfter(now)) {
      return; // woken to look at the clock, or early because the clock went back
    }
    Instant missed = missedWhileStopped;
    missedWhileStopped = null;
    fire(missed == null ? description : "catch-up: " + description + ", missed "
        + Times.show(missed, schedule.zone()) + " while AutoSync was stopped");
    handledThrough = now;
    saveMark(ctx, now);
  }

  /** Schedules the next wake-up from the clock as it is now, and reports the next fire time. */
  private void planNext() {
    TriggerContext ctx = context();
    try {
      Instant now = ctx.clock().instant();
      Instant mark = handledThrough;
      Optional<Instant> next = schedule.nextAfter(mark.isAfter(now) ? mark : now);
      if (next.isEmpty()) {
        ctx.log().warn("{} has no fire time after {}; the trigger will not fire again",
            description, now);
        String message = "no fire time after " + Times.show(now, schedule.zone()) + " ("
            + description + ")";
        ctx.reportHealth(
            new TriggerHealth(TriggerHealth.State.DEGRADED, message, null, message));
        return;
      }
      Instant latest = now.plus(MAX_SLEEP);
      wakeAt(next.get().isBefore(latest) ? next.get() : latest, this::wake);
      if (!next.get().equals(reportedNext)) {
        reportedNext = next.get();
        ctx.log().debug("Next fire at {}", Times.show(next.get(), schedule.zone()));
        reportNext(next.get(), schedule.zone(), description);
      }
    } catch (RuntimeException e) {
      ctx.log().error("Cannot compute the next fire time of {}", description, e);
      ctx.reportHealth(TriggerHealth.failed("Cannot compute the next fire time of " + description
          + ": " + e.getMessage()));
    }
  }

  private Optional<Instant> savedMark(TriggerContext ctx) {
    Optional<String> text = ctx.state().get(STATE_KEY);
    try {
      return text.map(Instant::parse);
    } catch (DateTimeParseException e) {
      ctx.log().warn("Ignoring the saved {} '{}', which is not an instant; counting from now",
          STATE_KEY, text.orElse(""));
      return Optional.empty();
    }
  }

  private static void saveMark(TriggerContext ctx, Instant mark) {
    try {
      ctx.state().put(STATE_KEY, mark.toString());
    } catch (RuntimeException e) {
      ctx.log().warn("Cannot save the last fire time; after a restart, catch-up counts from an"
          + " older one", e);
    }
  }
}
