package org.autosync.trigger.schedule;

import org.autosync.api.trigger.RunTarget;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.Optional;
import org.autosync.api.trigger.TriggerContext;
import org.jspecify.annotations.Nullable;

/**
 * Fires every {@code interval} of elapsed time, on the scheduler's fixed rate (so wall-clock
 * corrections neither add nor drop fires), optionally skipping a fire when the MA finished an import
 * less than {@code onlyIfNoImportFor} ago.
 *
 * <p><b>Threading:</b> see {@link ScheduleTrigger}; each tick runs on the scheduler thread.
 */
final class IntervalTrigger extends ScheduleTrigger {

  /** When the first fire comes. */
  enum FirstFire {
    /** At once when the trigger starts. */
    AT_START("atStart"),
    /** One interval after the trigger starts (the reference product's behaviour). */
    AFTER_INTERVAL("afterInterval");

    private final String label;

    FirstFire(String label) {
      this.label = label;
    }

    String label() {
      return label;
    }

    static FirstFire parse(String text) {
      for (FirstFire f : values()) {
        if (f.label.equalsIgnoreCase(text.strip())) {
          return f;
        }
      }
      throw new IllegalArgumentException("expected atStart or afterInterval, got '" + text + "'");
    }
  }

  private final Duration interval;
  private final FirstFire firstFire;
  private final @Nullable Duration onlyIfNoImportFor;
  private final String schedule;

  IntervalTrigger(RunTarget target, Duration interval, FirstFire firstFire,
      @Nullable Duration onlyIfNoImportFor) {
    super(target);
    this.interval = Objects.requireNonNull(interval, "interval");
    this.firstFire = Objects.requireNonNull(firstFire, "firstFire");
    this.onlyIfNoImportFor = onlyIfNoImportFor;
    if (interval.compareTo(Settings.MIN_INTERVAL) < 0) {
      throw new IllegalArgumentException("interval must be at least 1s, got " + interval);
    }
    this.schedule = "every " + Settings.format(interval);
  }

  @Override
  void begin(TriggerContext ctx) {
    Duration initialDelay = firstFire == FirstFire.AT_START ? Duration.ZERO : interval;
    Instant first = ctx.clock().instant().plus(initialDelay);
    ctx.log().info("Runs {} on '{}' {}{}, first at {}", target().describe(),
        ctx.managementAgent().name(), schedule,
        onlyIfNoImportFor == null ? ""
            : " unless an import finished in the last " + Settings.format(onlyIfNoImportFor),
        first);
    wakeEvery(initialDelay, interval, this::tick);
    reportNext(first, ZoneOffset.UTC, schedule);
  }

  private void tick() {
    if (isStopped()) {
      return;
    }
    TriggerContext ctx = context();
    Instant now = ctx.clock().instant();
    Optional<String> skip = skipReason(ctx, now);
    if (skip.isPresent()) {
      ctx.log().debug("Skipping this fire ({}): {}", schedule, skip.get());
    } else {
      fire(schedule);
    }
    reportNext(now.plus(interval), ZoneOffset.UTC, schedule);
  }

  /** Why this tick is skipped; empty to fire. Unknown import times never skip. */
  private Optional<String> skipReason(TriggerContext ctx, Instant now) {
    if (onlyIfNoImportFor == null) {
      return Optional.empty();
    }
    Optional<Instant> lastImport = ctx.lastImport();
    if (lastImport.isEmpty()) {
      return Optional.empty();
    }
    Duration age = Duration.between(lastImport.get(), now);
    if (age.compareTo(onlyIfNoImportFor) >= 0) {
      return Optional.empty();
    }
    return Optional.of("'" + ctx.managementAgent().name() + "' finished an import at "
        + lastImport.get() + ", " + Settings.format(age.isNegative() ? Duration.ZERO : age)
        + " ago, less than onlyIfNoImportFor " + Settings.format(onlyIfNoImportFor));
  }
}
