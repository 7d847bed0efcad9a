package org.autosync.host.controller;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

  @Test
  void delays_grow_exponentially_up_to_the_cap() {
    var policy = new RetryPolicy(10, Duration.ofSeconds(1), 2, Duration.ofSeconds(10), 0);
    var random = new SplittableRandom(1);
    assertEquals(Duration.ofSeconds(1), policy.delay(1, random));
    assertEquals(Duration.ofSeconds(2), policy.delay(2, random));
    assertEquals(Duration.ofSeconds(8), policy.delay(4, random));
    assertEquals(Duration.ofSeconds(10), policy.delay(5, random));
  }

  @Test
  void jitter_spreads_within_its_fraction() {
    var policy = new RetryPolicy(3, Duration.ofSeconds(10), 2, Duration.ofMinutes(1), 0.2);
    var random = new SplittableRandom(7);
    long min = Long.MAX_VALUE;
    long max = 0;
    for (int i = 0; i < 1000; i++) {
      long ms = policy.delay(1, random).toMillis();
      min = Math.min(min, ms);
      max = Math.max(max, ms);
    }
    assertTrue(min >= 8000 && max <= 12000, min + ".." + max);
    assertTrue(max - min > 2000, "spread " + (max - min));
  }

  @Test
  void attempts_are_bounded() {
    var policy = RetryPolicy.DEFAULT;
    assertTrue(policy.allows(5));
    assertFalse(policy.allows(6));
  }

  @Test
  void nonsense_is_refused_with_the_reason() {
    var e = assertThrows(IllegalArgumentException.class,
        () -> new RetryPolicy(1, Duration.ofSeconds(1), 0.5, Duration.ofSeconds(2), 0));
    assertTrue(e.getMessage().contains("multiplier"));
  }
}
