package org.autosync.testkit;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that stands still until a test moves it.
 *
 * <p>Hand it to code that takes an {@link InstantSource}; move it with {@link #advance} or {@link
 * #set}. To run scheduled tasks as time passes, move time through a {@link ManualScheduler}
 * instead.
 *
 * <pre>{@code
 * ManualClock clock = ManualClock.startingAt("2026-01-05T08:00:00Z");
 * clock.advance(Duration.ofMinutes(5));
 * assertEquals(Instant.parse("2026-01-05T08:05:00Z"), clock.instant());
 * }</pre>
 *
 * <p><b>Threading:</b> thread-safe; any thread may read or move the clock.
 */
public final class ManualClock implements InstantSource {

  /** Where clocks created by the test kit without an explicit start begin. */
  public static final Instant DEFAULT_START = Instant.parse("2026-01-05T08:00:00Z");

  private final AtomicReference<Instant> now;

  /** A clock standing at {@code start}. */
  public ManualClock(Instant start) {
    this.now = new AtomicReference<>(Objects.requireNonNull(start, "start"));
  }

  /** A clock at an ISO-8601 instant such as {@code 2026-01-05T08:00:00Z}. */
  public static ManualClock startingAt(String iso8601) {
    return new ManualClock(Instant.parse(iso8601));
  }

  @Override
  public Instant instant() {
    return now.get();
  }

  /**
   * Moves the clock forward.
   *
   * @return the new time
   * @throws IllegalArgumentException when {@code duration} is negative; use {@link #set} to go back
   */
  public Instant advance(Duration duration) {
    Objects.requireNonNull(duration, "duration");
    if (duration.isNegative()) {
      throw new IllegalArgumentException(
          "Cannot advance a clock by a negative duration (" + duration + "); use set(Instant)");
    }
    return now.updateAndGet(t -> t.plus(duration));
  }

  /** Sets the clock to {@code instant}, forwards or backwards (to test clock jumps). */
  public void set(Instant instant) {
    now.set(Objects.requireNonNull(instant, "instant"));
  }

  /** Moves the clock to {@code instant} unless it is already later; returns the time now. */
  Instant moveForwardTo(Instant instant) {
    return now.updateAndGet(t -> t.isBefore(instant) ? instant : t);
  }

  @Override
  public String toString() {
    return "ManualClock[" + now.get() + "]";
  }
}
