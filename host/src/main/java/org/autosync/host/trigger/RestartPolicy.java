package org.autosync.host.trigger;

import java.time.Duration;
import java.util.Objects;

/**
 * How long the supervisor waits before restarting a failed trigger: exponential backoff, capped,
 * with optional jitter so that triggers that failed together do not all retry together.
 *
 * <p>After the {@code n}th consecutive failure the delay is {@code initialDelay × multiplier^(n-1)},
 * capped at {@code maxDelay}, then stretched by a random factor in {@code [1, 1 + jitter)} and
 * capped again. With the defaults: 1 s, 2 s, 4 s, ... up to 5 min, plus up to 10 %. A trigger's
 * own {@code HEALTHY} report resets the count.
 *
 * <p>Immutable and thread-safe.
 *
 * @param initialDelay the delay after the first failure; positive
 * @param multiplier how much each further failure multiplies the delay; at least 1
 * @param maxDelay the longest delay; at least {@code initialDelay}
 * @param jitter the largest random stretch, as a fraction of the delay; 0 (none) to 1
 */
public record RestartPolicy(
    Duration initialDelay, double multiplier, Duration maxDelay, double jitter) {

  public static final Duration DEFAULT_INITIAL_DELAY = Duration.ofSeconds(1);
  public static final double DEFAULT_MULTIPLIER = 2.0;
  public static final Duration DEFAULT_MAX_DELAY = Duration.ofMinutes(5);
  public static final double DEFAULT_JITTER = 0.1;

  public RestartPolicy {
    Objects.requireNonNull(initialDelay, "initialDelay");
    Objects.requireNonNull(maxDelay, "maxDelay");
    if (initialDelay.isNegative() || initialDelay.isZero()) {
      throw new IllegalArgumentException("initialDelay must be positive, got " + initialDelay);
    }
    if (!(multiplier >= 1.0) || Double.isInfinite(multiplier)) {
      throw new IllegalArgumentException("multiplier must be at least 1, got " + multiplier);
    }
    if (maxDelay.compareTo(initialDelay) < 0) {
      throw new IllegalArgumentException(
          "maxDelay (" + maxDelay + ") must not be shorter than initialDelay (" + initialDelay + ")");
    }
    if (!(jitter >= 0.0 && jitter <= 1.0)) {
      throw new IllegalArgumentException("jitter must be between 0 and 1, got " + jitter);
    }
  }

  /** The defaults: 1 s, doubling, at most 5 min, up to 10 % jitter. */
  public static RestartPolicy defaults() {
    return new RestartPolicy(
        DEFAULT_INITIAL_DELAY, DEFAULT_MULTIPLIER, DEFAULT_MAX_DELAY, DEFAULT_JITTER);
  }

  /** Exponential backoff without jitter, for tests and predictable setups. */
  public static RestartPolicy exponential(Duration initialDelay, double multiplier, Duration max) {
    return new RestartPolicy(initialDelay, multiplier, max, 0.0);
  }

  /**
   * The delay before the restart that follows the {@code failures}th consecutive failure.
   *
   * @param failures consecutive failures so far; at least 1
   * @param random a value in {@code [0, 1)} that picks the jitter
   */
  public Duration delay(int failures, double random) {
    if (failures < 1) {
      throw new IllegalArgumentException("failures must be at least 1, got " + failures);
    }
    double max = maxDelay.toNanos();
    double base = Math.min(max, initialDelay.toNanos() * Math.pow(multiplier, failures - 1.0));
    double stretched = Math.min(max, base * (1.0 + jitter * random));
    return Duration.ofNanos((long) stretched);
  }
}
