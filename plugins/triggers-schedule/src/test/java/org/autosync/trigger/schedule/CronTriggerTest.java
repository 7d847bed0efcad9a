package org.autosync.trigger.schedule;

import static org.autosync.trigger.schedule.Fixtures.fireTimesUntil;
import static org.autosync.trigger.schedule.Fixtures.instants;
import static org.autosync.trigger.schedule.Fixtures.start;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.autosync.api.ExecutionRequest;
import org.autosync.api.ProfileType;
import org.autosync.api.RequestSource;
import org.autosync.api.trigger.TriggerHealth;
import org.autosync.testkit.InMemoryStateStore;
import org.autosync.testkit.ManualClock;
import org.autosync.testkit.RunningTrigger;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class CronTriggerTest {

  private final CronTriggerFactory factory = new CronTriggerFactory();

  private RunningTrigger daily(String expression, String zone, String now) {
    return start(factory, Map.of("expression", expression, "timeZone", zone), now);
  }

  @Test
  void fires_every_day_at_the_wall_clock_time_of_its_zone() {
    try (RunningTrigger running = daily("0 2 * * *", "Europe/Berlin", "2026-01-05T08:00:00Z")) {
      assertEquals(
          instants("2026-01-06T01:00:00Z", "2026-01-07T01:00:00Z", "2026-01-08T01:00:00Z"),
          fireTimesUntil(running, "2026-01-09T00:00:00Z"));
      ExecutionRequest request = running.context().fired().getFirst();
      assertEquals(ExecutionRequest.ofType("HR", ProfileType.DELTA_IMPORT)
          .withSource(RequestSource.trigger("cron", "cron 0 2 * * * Europe/Berlin")), request);
    }
  }

  @Test
  void takes_quartz_expressions_with_seconds_and_weekdays() {
    try (RunningTrigger running =
        daily("0 30 6 ? * MON-FRI", "UTC", "2026-01-09T00:00:00Z")) { // a Friday
      assertEquals(instants("2026-01-09T06:30:00Z", "2026-01-12T06:30:00Z"),
          fireTimesUntil(running, "2026-01-13T00:00:00Z"));
    }
  }

  @Test
  void fires_every_few_minutes_without_drift() {
    try (RunningTrigger running = daily("*/15 * * * *", "UTC", "2026-01-05T08:07:00Z")) {
      assertEquals(instants("2026-01-05T08:15:00Z", "2026-01-05T08:30:00Z",
          "2026-01-05T08:45:00Z", "2026-01-05T09:00:00Z"),
          fireTimesUntil(running, "2026-01-05T09:00:00Z"));
    }
  }

  @Test
  void reports_healthy_with_the_next_fire_time() {
    try (RunningTrigger running = daily("0 2 * * *", "Europe/Berlin", "2026-01-05T08:00:00Z")) {
      TriggerHealth health = running.context().lastHealth().orElseThrow();
      assertEquals(TriggerHealth.State.HEALTHY, health.state());
      assertEquals("next fire at 2026-01-06T02:00+01:00 (cron 0 2 * * * Europe/Berlin)",
          health.message());
      assertNull(health.lastEvent());

      fireTimesUntil(running, "2026-01-06T01:30:00Z");
      health = running.context().lastHealth().orElseThrow();
      assertEquals("next fire at 2026-01-07T02:00+01:00 (cron 0 2 * * * Europe/Berlin)",
          health.message());
      assertEquals(Instant.parse("2026-01-06T01:00:00Z"), health.lastEvent());
    }
  }

  @Test
  void fires_the_configured_profile_or_type_with_its_flags() {
    try (RunningTrigger running = start(factory, Map.of("expression", "0 2 * * *",
        "timeZone", "UTC", "profile", "FI", "exclusive", "true", "front", "true"),
        "2026-01-05T08:00:00Z")) {
      fireTimesUntil(running, "2026-01-06T03:00:00Z");
      ExecutionRequest request = running.context().fired().getFirst();
      assertEquals("FI", request.profileName());
      assertNull(request.profileType());
      assertTrue(request.exclusive());
      assertTrue(request.front());
    }
    try (RunningTrigger running = start(factory, Map.of("expression", "0 2 * * *",
        "timeZone", "UTC", "profileType", "FullImport", "partition", "DC=res"),
        "2026-01-05T08:00:00Z")) {
      fireTimesUntil(running, "2026-01-06T03:00:00Z");
      ExecutionRequest request = running.context().fired().getFirst();
      assertEquals(ProfileType.FULL_IMPORT, request.profileType());
      assertEquals("DC=res", request.partition());
      assertFalse(request.exclusive());
      assertFalse(request.front());
    }
  }

  @Test
  void stop_cancels_its_task_and_is_idempotent() {
    RunningTrigger running = daily("* * * * *", "UTC", "2026-01-05T08:00:00Z");
    assertEquals(1, running.context().scheduledTaskCount());
    running.trigger().stop();
    assertEquals(0, running.context().scheduledTaskCount());
    running.trigger().stop();
    running.advance(Duration.ofHours(1));
    assertEquals(List.of(), running.context().fired());
    running.stop();
  }

  @Test
  void an_expression_without_future_fire_times_schedules_nothing() {
    try (RunningTrigger running = daily("0 0 2 * * ? 2020", "UTC", "2026-01-05T08:00:00Z")) {
      assertEquals(0, running.context().scheduledTaskCount());
      TriggerHealth health = running.context().lastHealth().orElseThrow();
      assertEquals(TriggerHealth.State.DEGRADED, health.state());
      assertEquals("no fire time after 2026-01-05T08:00:00Z (cron 0 0 2 * * ? 2020 UTC)",
          health.message());
    }
  }

  @Test
  void the_time_zone_defaults_to_the_jvms() {
    try (RunningTrigger running = start(factory, Map.of("expression", "0 2 * * *"),
        "2026-01-05T08:00:00Z")) {
      assertEquals(java.time.ZoneId.systemDefault().getId(),
          running.config().string("timeZone"));
    }
  }

  /** One fire per day across daylight-saving changes, at the instants documented in the README. */
  @Nested
  class DaylightSaving {

    @Test
    void berlin_spring_forward_moves_0230_to_0330_summer_time_and_fires_once() {
      // 2026-03-29: 02:00 CET becomes 03:00 CEST, so 02:30 does not exist that day.
      try (RunningTrigger running = daily("30 2 * * *", "Europe/Berlin", "2026-03-27T12:00:00Z")) {
        assertEquals(instants(
                "2026-03-28T01:30:00Z", // 02:30 CET
                "2026-03-29T01:30:00Z", // 03:30 CEST
                "2026-03-30T00:30:00Z", // 02:30 CEST
                "2026-03-31T00:30:00Z"),
            fireTimesUntil(running, "2026-03-31T12:00:00Z"));
      }
    }

    @Test
    void berlin_fall_back_fires_0230_once_at_its_first_occurrence() {
      // 2026-10-25: 03:00 CEST becomes 02:00 CET, so 02:30 happens twice.
      try (RunningTrigger running = daily("30 2 * * *", "Europe/Berlin", "2026-10-23T12:00:00Z")) {
        assertEquals(instants(
                "2026-10-24T00:30:00Z", // 02:30 CEST
                "2026-10-25T00:30:00Z", // 02:30 CEST, the first 02:30; not 01:30Z (02:30 CET)
                "2026-10-26T01:30:00Z", // 02:30 CET
                "2026-10-27T01:30:00Z"),
            fireTimesUntil(running, "2026-10-27T12:00:00Z"));
      }
    }

    @Test
    void new_york_spring_forward_moves_0230_to_0330_daylight_time_and_fires_once() {
      // 2026-03-08: 02:00 EST becomes 03:00 EDT.
      try (RunningTrigger running =
          daily("30 2 * * *", "America/New_York", "2026-03-06T12:00:00Z")) {
        assertEquals(instants(
                "2026-03-07T07:30:00Z", // 02:30 EST
                "2026-03-08T07:30:00Z", // 03:30 EDT
                "2026-03-09T06:30:00Z", // 02:30 EDT
                "2026-03-10T06:30:00Z"),
            fireTimesUntil(running, "2026-03-10T12:00:00Z"));
      }
    }

    @Test
    void new_york_fall_back_fires_0130_once_at_its_first_occurrence() {
      // 2026-11-01: 02:00 EDT becomes 01:00 EST, so 01:30 happens twice.
      try (RunningTrigger running =
          daily("30 1 * * *", "America/New_York", "2026-10-30T12:00:00Z")) {
        assertEquals(instants(
                "2026-10-31T05:30:00Z", // 01:30 EDT
                "2026-11-01T05:30:00Z", // 01:30 EDT, the first; not 06:30Z (01:30 EST)
                "2026-11-02T06:30:00Z", // 01:30 EST
                "2026-11-03T06:30:00Z"),
            fireTimesUntil(running, "2026-11-03T12:00:00Z"));
      }
    }

    @Test
    void a_restart_inside_the_repeated_hour_does_not_fire_its_time_again() {
      InMemoryStateStore state = new InMemoryStateStore();
      ManualClock clock = ManualClock.startingAt("2026-10-24T12:00:00Z");
      Map<String, String> values = Map.of("expression", "30 2 * * *", "timeZone", "Europe/Berlin");
      try (RunningTrigger first = start(factory, values, clock, state)) {
        assertEquals(instants("2026-10-25T00:30:00Z"),
            fireTimesUntil(first, "2026-10-25T01:10:00Z")); // now 02:10 CET, the second pass
      }
      try (RunningTrigger second = start(factory, values, clock, state)) {
        assertEquals(instants("2026-10-26T01:30:00Z"),
            fireTimesUntil(second, "2026-10-26T12:00:00Z"));
      }
    }
  }

  /** Clock corrections: re-read the clock at every wake-up, never fire a time twice or lose one. */
  @Nested
  class ClockJumps {

    @Test
    void the_clock_going_back_just_after_a_fire_does_not_fire_it_again() {
      // The reference product's #156: corrected back by a few hundred ms, "05:00" fired twice.
      try (RunningTrigger running = daily("0 5 * * *", "UTC", "2026-01-05T04:00:00Z")) {
        assertEquals(instants("2026-01-05T05:00:00Z"),
            fireTimesUntil(running, "2026-01-05T05:00:00Z"));
        running.clock().set(Instant.parse("2026-01-05T04:59:59.700Z"));
        assertEquals(List.of(), fireTimesUntil(running, "2026-01-05T12:00:00Z"));
        assertEquals(instants("2026-01-06T05:00:00Z"),
            fireTimesUntil(running, "2026-01-06T12:00:00Z"));
      }
    }

    @Test
    void the_clock_going_back_an_hour_does_not_repeat_the_hour_s_fires() {
      try (RunningTrigger running = daily("0 * * * *", "UTC", "2026-01-05T08:30:00Z")) {
        assertEquals(instants("2026-01-05T09:00:00Z"),
            fireTimesUntil(running, "2026-01-05T09:10:00Z"));
        running.clock().set(Instant.parse("2026-01-05T08:10:00Z"));
        assertEquals(instants("2026-01-05T10:00:00Z", "2026-01-05T11:00:00Z"),
            fireTimesUntil(running, "2026-01-05T11:30:00Z"));
      }
    }

    @Test
    void the_clock_jumping_forward_over_a_fire_time_fires_once() {
      try (RunningTrigger running = daily("0 2 * * *", "UTC", "2026-01-05T22:00:00Z")) {
        fireTimesUntil(running, "2026-01-06T01:00:00Z");
        running.clock().set(Instant.parse("2026-01-06T05:00:00Z"));
        running.scheduler().runDue();
        assertEquals(1, running.context().fired().size());
        assertEquals(instants("2026-01-07T02:00:00Z"),
            fireTimesUntil(running, "2026-01-07T12:00:00Z"));
      }
    }

    @Test
    void the_clock_jumping_forward_over_many_fire_times_fires_once() {
      try (RunningTrigger running = daily("0 * * * *", "UTC", "2026-01-05T08:30:00Z")) {
        running.clock().set(Instant.parse("2026-01-05T14:15:00Z"));
        running.scheduler().runDue();
        assertEquals(1, running.context().fired().size());
        assertEquals(instants("2026-01-05T15:00:00Z"),
            fireTimesUntil(running, "2026-01-05T15:30:00Z"));
      }
    }

    @Test
    void wakes_at_least_every_ten_minutes_to_notice_corrections() {
      try (RunningTrigger running = daily("0 2 * * *", "UTC", "2026-01-05T08:00:00Z")) {
        assertEquals(Instant.parse("2026-01-05T08:10:00Z"),
            running.scheduler().nextDue().orElseThrow());
      }
    }
  }

  /** Fire times missed while AutoSync was stopped. */
  @Nested
  class CatchUp {
    private final InMemoryStateStore state = new InMemoryStateStore();
    private final ManualClock clock = ManualClock.startingAt("2026-01-05T08:00:00Z");

    private RunningTrigger startWith(Map<String, String> values) {
      return start(factory, values, clock, state);
    }

    @Test
    void fires_once_after_downtime_however_many_were_missed() {
      Map<String, String> values = Map.of("expression", "0 2 * * *", "timeZone", "UTC");
      try (RunningTrigger first = startWith(values)) {
        assertEquals(instants("2026-01-06T02:00:00Z"),
            fireTimesUntil(first, "2026-01-06T03:00:00Z"));
      }
      clock.set(Instant.parse("2026-01-09T10:00:00Z")); // missed the 7th, 8th and 9th
      try (RunningTrigger second = startWith(values)) {
        assertEquals(List.of(), second.context().fired());
        second.scheduler().runDue();
        List<ExecutionRequest> fired = second.context().fired();
        assertEquals(1, fired.size());
        assertEquals("catch-up: cron 0 2 * * * UTC, missed 2026-01-07T02:00:00Z while AutoSync"
            + " was stopped", fired.getFirst().source().detail());
        assertEquals(instants("2026-01-10T02:00:00Z"),
            fireTimesUntil(second, "2026-01-10T12:00:00Z"));
      }
    }

    @Test
    void does_not_catch_up_with_catch_up_off() {
      Map<String, String> values =
          Map.of("expression", "0 2 * * *", "timeZone", "UTC", "catchUp", "false");
      try (RunningTrigger first = startWith(values)) {
        fireTimesUntil(first, "2026-01-06T03:00:00Z");
      }
      clock.set(Instant.parse("2026-01-09T10:00:00Z"));
      try (RunningTrigger second = startWith(values)) {
        assertEquals(List.of(), fireTimesUntil(second, "2026-01-10T01:00:00Z"));
        assertEquals(instants("2026-01-10T02:00:00Z"),
            fireTimesUntil(second, "2026-01-10T12:00:00Z"));
      }
    }

    @Test
    void does_not_fire_at_start_when_nothing_was_missed() {
      Map<String, String> values = Map.of("expression", "0 2 * * *", "timeZone", "UTC");
      try (RunningTrigger first = startWith(values)) {
        fireTimesUntil(first, "2026-01-06T03:00:00Z");
      }
      clock.set(Instant.parse("2026-01-06T20:00:00Z"));
      try (RunningTrigger second = startWith(values)) {
        assertEquals(instants("2026-01-07T02:00:00Z"),
            fireTimesUntil(second, "2026-01-07T12:00:00Z"));
      }
    }

    @Test
    void catches_up_on_a_fire_time_missed_before_the_first_fire() {
      Map<String, String> values = Map.of("expression", "0 2 * * *", "timeZone", "UTC");
      startWith(values).stop(); // started on the 5th at 08:00, never fired
      assertEquals("2026-01-05T08:00:00Z", state.get(WallClockTrigger.STATE_KEY).orElseThrow());
      clock.set(Instant.parse("2026-01-06T09:00:00Z"));
      try (RunningTrigger second = startWith(values)) {
        second.scheduler().runDue();
        assertEquals(1, second.context().fired().size());
      }
    }

    @Test
    void a_first_start_never_fires_at_once() {
      try (RunningTrigger running =
          startWith(Map.of("expression", "0 2 * * *", "timeZone", "UTC"))) {
        running.scheduler().runDue();
        assertEquals(List.of(), running.context().fired());
      }
    }

    @Test
    void ignores_a_saved_mark_that_is_not_an_instant() {
      state.put(WallClockTrigger.STATE_KEY, "yesterday");
      try (RunningTrigger running =
          startWith(Map.of("expression", "0 2 * * *", "timeZone", "UTC"))) {
        running.scheduler().runDue();
        assertEquals(List.of(), running.context().fired());
        assertEquals(instants("2026-01-06T02:00:00Z"),
            fireTimesUntil(running, "2026-01-06T12:00:00Z"));
      }
    }
  }
}
