package org.autosync.host.controller;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with jitter for runs that ended with a transient or busy result.
 *
 * <p>The delay before attempt {@code n} (1 for the first retry) is {@code initialDelay ×
 * multiplier^(n-1)}, capped at {@code maxDelay}, then spread by ±{@code jitter} (a fraction, 0.2 =
 * ±20%) so that MAs failing together do not retry together. Immutable and thread-safe.
 *
 * @param maxAttempts retries after the first run; 0 disables retries
 * @param initialDelay delay before the first retry
 * @param multiplier growth per attempt, at least 1
 * @param maxDelay upper bound of a delay before jitter
 * @param jitter fraction of the delay to spread by, between 0 and 1
 */
public record RetryPolicy(
    int maxAttempts, Duration initialDelay, double multiplier, Duration maxDelay, double jitter) {

  public static final int DEFAULT_MAX_ATTEMPTS = 5;
  public static final Duration DEFAULT_INITIAL_DELAY = Duration.ofSeconds(5);
  public static final double DEFAULT_MULTIPLIER = 2.0;
  public static final Duration DEFAULT_MAX_DELAY = Duration.ofMinutes(5);
  public static final double DEFAULT_JITTER = 0.2;

  /** The defaults: 5 retries from 5 s, doubling, at most 5 min apart, ±20%. */
  public static final RetryPolicy DEFAULT = new RetryPolicy(DEFAULT_MAX_ATTEMPTS,
      DEFAULT_INITIAL_DELAY, DEFAULT_MULTIPLIER, DEFAULT_MAX_DELAY, DEFAULT_JITTER);

  public RetryPolicy {
    Objects.requireNonNull(initialDelay, "initialDelay");
    Objects.requireNonNull(maxDelay, "maxDelay");
    if (maxAttempts < 0) {
      throw new IllegalArgumentException("maxAttempts must be 0 or more, got " + maxAttempts);
    }
    if (initialDelay.isNegative() || maxDelay.compareTo(initialDelay) < 0) {
      throw new IllegalArgumentException("need 0 <= initialDelay <= maxDelay, got "
          + initialDelay + " and " + maxDelay);
    }
    if (!(multiplier >= 1.0)) {
      throw new IllegalArgumentException("multiplier must be at least 1, got " + multiplier);
    }
    if (!(jitter >= 0.0 && jitter <= 1.0)) {
      throw new IllegalArgumentException("jitter must be between 0 and 1, got " + jitter);
    }
  }

  /** Whether attempt {@code n} (1 for the first retry) is allowed. */
  public boolean allows(int attempt) {
    return attempt <= maxAttempts;
  }

  /** The delay before retry {@code attempt}, with jitter drawn from {@code random}. */
  public Duration delay(int attempt, RandomGenerator random) {
    double base = initialDelay.toNanos() * Math.pow(multiplier, Math.max(0, attempt - 1));
    base = Math.min(base, maxDelay.toNanos());
    double spread = jitter == 0 ? 0 : (random.nextDouble() * 2 - 1) * jitter;
    return Duration.ofNanos(Math.max(0, Math.round(base * (1 + spread))));
  }
}
