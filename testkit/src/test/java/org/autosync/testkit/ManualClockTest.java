package org.autosync.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ManualClockTest {

  @Test
  void stands_still_until_moved() {
    ManualClock clock = ManualClock.startingAt("2026-01-05T08:00:00Z");
    assertEquals(Instant.parse("2026-01-05T08:00:00Z"), clock.instant());
    assertEquals(Instant.parse("2026-01-05T08:00:00Z"), clock.instant());
    assertEquals(Instant.parse("2026-01-05T08:00:00Z").toEpochMilli(), clock.millis());
  }

  @Test
  void advance_moves_forward_and_returns_the_new_time() {
    ManualClock clock = new ManualClock(Instant.parse("2026-01-05T08:00:00Z"));
    assertEquals(Instant.parse("2026-01-05T08:05:00Z"), clock.advance(Duration.ofMinutes(5)));
    assertEquals(Instant.parse("2026-01-05T08:05:00Z"), clock.instant());
  }

  @Test
  void set_can_jump_backwards_but_advance_cannot() {
    ManualClock clock = ManualClock.startingAt("2026-01-05T08:00:00Z");
    clock.set(Instant.parse("2025-12-31T23:59:59Z"));
    assertEquals(Instant.parse("2025-12-31T23:59:59Z"), clock.instant());
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> clock.advance(Duration.ofSeconds(-1)));
    assertEquals(true, e.getMessage().contains("set(Instant)"));
  }

  @Test
  void concurrent_advances_are_all_counted() throws InterruptedException {
    ManualClock clock = ManualClock.startingAt("2026-01-05T08:00:00Z");
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 8; t++) {
      threads.add(Thread.ofPlatform().start(() -> {
        for (int i = 0; i < 1000; i++) {
          clock.advance(Duration.ofMillis(1));
        }
      }));
    }
    for (Thread thread : threads) {
      thread.join();
    }
    assertEquals(Instant.parse("2026-01-05T08:00:08Z"), clock.instant());
  }
}
