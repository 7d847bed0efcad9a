package org.autosync.trigger.schedule;

import static org.autosync.trigger.schedule.Fixtures.fireTimesUntil;
import static org.autosync.trigger.schedule.Fixtures.instants;
import static org.autosync.trigger.schedule.Fixtures.start;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.autosync.api.ExecutionRequest;
import org.autosync.api.ProfileType;
import org.autosync.testkit.InMemoryStateStore;
import org.autosync.testkit.ManualClock;
import org.autosync.testkit.RunningTrigger;
import org.junit.jupiter.api.Test;

class StartIntervalTriggerTest {

  private final StartIntervalTriggerFactory factory = new StartIntervalTriggerFactory();

  @Test
  void fires_at_start_plus_multiples_of_the_interval_the_next_one_after_now() {
    try (RunningTrigger running = start(factory, Map.of("startTime", "2026-01-01T02:00",
        "interval", "6h", "timeZone", "UTC"), "2026-01-05T08:00:00Z")) {
      // 02:00 + k × 6h: 08:00 is now, so the next is 14:00.
      assertEquals(instants("2026-01-05T14:00:00Z", "2026-01-05T20:00:00Z",
          "2026-01-06T02:00:00Z", "2026-01-06T08:00:00Z"),
          fireTimesUntil(running, "2026-01-06T09:00:00Z"));
      ExecutionRequest request = running.context().fired().getFirst();
      assertEquals(ProfileType.DELTA_IMPORT, request.profileType());
      assertEquals("every 6h from 2026-01-01T02:00 UTC", request.source().detail());
      assertEquals("next fire at 2026-01-06T14:00:00Z (every 6h from 2026-01-01T02:00 UTC)",
          running.context().lastHealth().orElseThrow().message());
    }
  }

  @Test
  void waits_for_a_start_in_the_future() {
    try (RunningTrigger running = start(factory, Map.of("startTime", "2026-01-10T02:00",
        "interval", "7d", "timeZone", "UTC"), "2026-01-05T08:00:00Z")) {
      assertEquals(instants("2026-01-10T02:00:00Z", "2026-01-17T02:00:00Z"),
          fireTimesUntil(running, "2026-01-20T00:00:00Z"));
    }
  }

  @Test
  void a_time_of_day_fires_every_day_at_that_local_time_across_daylight_saving() {
    try (RunningTrigger running = start(factory, Map.of("startTime", "02:00",
        "timeZone", "Europe/Berlin"), "2026-03-27T12:00:00Z")) {
      assertEquals(instants(
              "2026-03-28T01:00:00Z", // 02:00 CET
              "2026-03-29T01:00:00Z", // 02:00 does not exist: 03:00 CEST
              "2026-03-30T00:00:00Z", // 02:00 CEST
              "2026-03-31T00:00:00Z"),
          fireTimesUntil(running, "2026-03-31T12:00:00Z"));
    }
    try (RunningTrigger running = start(factory, Map.of("startTime", "02:00",
        "timeZone", "Europe/Berlin"), "2026-10-24T12:00:00Z")) {
      assertEquals(instants(
              "2026-10-25T00:00:00Z", // the first 02:00 (CEST) only
              "2026-10-26T01:00:00Z"), // 02:00 CET
          fireTimesUntil(running, "2026-10-26T12:00:00Z"));
    }
  }

  @Test
  void a_time_of_day_with_an_interval_that_divides_a_day_fires_every_day() {
    try (RunningTrigger running = start(factory, Map.of("startTime", "01:30",
        "interval", "8h", "timeZone", "UTC"), "2026-01-05T08:00:00Z")) {
      assertEquals(instants("2026-01-05T09:30:00Z", "2026-01-05T17:30:00Z",
          "2026-01-06T01:30:00Z"), fireTimesUntil(running, "2026-01-06T02:00:00Z"));
    }
  }

  @Test
  void catches_up_once_after_downtime() {
    InMemoryStateStore state = new InMemoryStateStore();
    ManualClock clock = ManualClock.startingAt("2026-01-05T08:00:00Z");
    Map<String, String> values = Map.of("startTime", "03:00", "timeZone", "UTC");
    start(factory, values, clock, state).stop();
    clock.set(Instant.parse("2026-01-08T08:00:00Z"));
    try (RunningTrigger running = start(factory, values, clock, state)) {
      running.scheduler().runDue();
      assertEquals(1, running.context().fired().size());
      assertTrue(running.context().fired().getFirst().source().detail().startsWith("catch-up: "));
      assertEquals(instants("2026-01-09T03:00:00Z"),
          fireTimesUntil(running, "2026-01-09T12:00:00Z"));
    }
  }

  @Test
  void stop_cancels_its_task() {
    RunningTrigger running = start(factory, Map.of("startTime", "02:00", "interval", "1h",
        "timeZone", "UTC"), "2026-01-05T08:00:00Z");
    running.trigger().stop();
    assertEquals(0, running.context().scheduledTaskCount());
    running.advance(Duration.ofDays(1));
    assertEquals(List.of(), running.context().fired());
    running.stop();
  }
}
