package org.autosync.trigger.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The daylight-saving rule on schedules that fire several times around a change. */
class WallClockScheduleTest {

  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  private static List<String> next(WallClockSchedule schedule, String from, int count) {
    List<String> times = new ArrayList<>();
    Instant t = Instant.parse(from);
    for (int i = 0; i < count; i++) {
      t = schedule.nextAfter(t).orElseThrow();
      times.add(Times.show(t, schedule.zone()));
    }
    return times;
  }

  private static WallClockSchedule cron(String expression, ZoneId zone) {
    return new WallClockSchedule(CronSchedule.parse(expression), zone);
  }

  @Test
  void hourly_fires_once_for_the_skipped_hour_and_for_the_one_it_moves_to() {
    assertEquals(List.of("2026-03-29T01:00+01:00", "2026-03-29T03:00+02:00",
            "2026-03-29T04:00+02:00"),
        next(cron("0 * * * *", BERLIN), "2026-03-28T23:30:00Z", 3));
  }

  @Test
  void hourly_rests_during_the_repeated_hour() {
    assertEquals(List.of("2026-10-25T02:00+02:00", "2026-10-25T03:00+01:00",
            "2026-10-25T04:00+01:00"),
        next(cron("0 * * * *", BERLIN), "2026-10-24T23:30:00Z", 3));
  }

  @Test
  void counting_from_inside_the_repeated_hour_skips_to_after_it() {
    assertEquals(List.of("2026-10-25T03:00+01:00"),
        next(cron("0 * * * *", BERLIN), "2026-10-25T01:15:00Z", 1)); // 02:15 CET
    assertEquals(List.of("2026-10-25T02:30+02:00"),
        next(cron("30 * * * *", BERLIN), "2026-10-25T00:15:00Z", 1)); // 02:15 CEST
  }

  @Test
  void times_in_the_gap_move_forward_by_an_hour_and_merge_with_the_times_there() {
    assertEquals(List.of("2026-03-29T01:40+01:00", "2026-03-29T03:00+02:00",
            "2026-03-29T03:20+02:00", "2026-03-29T03:40+02:00", "2026-03-29T04:00+02:00"),
        next(cron("*/20 * * * *", BERLIN), "2026-03-29T00:30:00Z", 5));
  }

  @Test
  void counting_from_inside_a_moved_time_finds_the_rest_of_the_gap() {
    // 02:00 and 02:40 fall in the gap and move to 03:00 and 03:40 CEST; 03:20 exists.
    assertEquals(List.of("2026-03-29T03:40+02:00", "2026-03-29T04:00+02:00"),
        next(cron("0,40 * * * *", BERLIN), "2026-03-29T01:20:00Z", 2));
  }

  @Test
  void a_start_interval_schedule_moves_through_the_gap_the_same_way() {
    WallClockSchedule every2h =
        new WallClockSchedule(StartIntervalSchedule.of("00:00", Duration.ofHours(2)), BERLIN);
    assertEquals(List.of("2026-03-29T00:00+01:00", "2026-03-29T03:00+02:00",
            "2026-03-29T04:00+02:00"),
        next(every2h, "2026-03-28T22:30:00Z", 3));
  }

  @Test
  void a_weekly_time_in_the_gap_fires_that_week() {
    // Unix cron-utils alone skips 02:30 on the Sunday of the change entirely.
    assertEquals(List.of("2026-03-22T02:30+01:00", "2026-03-29T03:30+02:00",
            "2026-04-05T02:30+02:00"),
        next(cron("30 2 * * 0", BERLIN), "2026-03-20T00:00:00Z", 3));
  }

  @Test
  void a_zone_without_transitions_is_the_plain_schedule() {
    assertEquals(List.of("2026-03-29T02:30:00Z", "2026-03-30T02:30:00Z"),
        next(cron("30 2 * * *", ZoneId.of("UTC")), "2026-03-29T00:00:00Z", 2));
    assertEquals(List.of("2026-03-29T02:30+05:00"),
        next(cron("30 2 * * *", ZoneId.of("+05:00")), "2026-03-28T20:00:00Z", 1));
  }

  @Test
  void fractions_of_a_second_do_not_shift_fire_times() {
    assertEquals(List.of("2026-01-05T02:00:01Z"),
        next(cron("* * * * * ?", ZoneId.of("UTC")), "2026-01-05T02:00:00.500Z", 1));
  }
}
