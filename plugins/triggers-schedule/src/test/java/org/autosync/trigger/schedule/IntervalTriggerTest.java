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
import org.autosync.testkit.RunningTrigger;
import org.junit.jupiter.api.Test;

class IntervalTriggerTest {

  private static final String NOW = "2026-01-05T08:00:00Z";

  private final IntervalTriggerFactory factory = new IntervalTriggerFactory();

  @Test
  void fires_every_interval_starting_one_interval_after_start() {
    try (RunningTrigger running = start(factory, Map.of("interval", "5m"), NOW)) {
      running.scheduler().runDue();
      assertEquals(List.of(), running.context().fired());
      assertEquals(instants("2026-01-05T08:05:00Z", "2026-01-05T08:10:00Z",
          "2026-01-05T08:15:00Z", "2026-01-05T08:20:00Z"),
          fireTimesUntil(running, "2026-01-05T08:22:00Z"));
      assertEquals(ExecutionRequest.ofType("HR", ProfileType.DELTA_IMPORT)
              .withSource(RequestSource.trigger("interval", "every 5m")),
          running.context().fired().getFirst());
    }
  }

  @Test
  void fires_at_start_with_first_fire_at_start() {
    try (RunningTrigger running =
        start(factory, Map.of("interval", "PT1H30M", "firstFire", "atStart"), NOW)) {
      assertEquals(instants("2026-01-05T08:00:00Z", "2026-01-05T09:30:00Z",
          "2026-01-05T11:00:00Z"), fireTimesUntil(running, "2026-01-05T12:00:00Z"));
      assertEquals("every 1h30m", running.context().fired().getFirst().source().detail());
    }
  }

  @Test
  void reports_healthy_with_the_next_fire_time() {
    try (RunningTrigger running = start(factory, Map.of("interval", "5m"), NOW)) {
      assertEquals(TriggerHealth.healthy("next fire at 2026-01-05T08:05:00Z (every 5m)"),
          running.context().lastHealth().orElseThrow());
      running.advance(Duration.ofMinutes(5));
      TriggerHealth health = running.context().lastHealth().orElseThrow();
      assertEquals("next fire at 2026-01-05T08:10:00Z (every 5m)", health.message());
      assertEquals(Instant.parse("2026-01-05T08:05:00Z"), health.lastEvent());
    }
  }

  @Test
  void skips_a_fire_while_the_ma_imported_recently_and_fires_once_it_has_not() {
    try (RunningTrigger running = start(factory,
        Map.of("interval", "10m", "onlyIfNoImportFor", "30m"), NOW)) {
      running.context().setLastImport(Instant.parse("2026-01-05T07:55:00Z"));
      // 08:10 (15m since the import) and 08:20 (25m) are skipped; 08:30 (35m) fires.
      assertEquals(instants("2026-01-05T08:30:00Z", "2026-01-05T08:40:00Z"),
          fireTimesUntil(running, "2026-01-05T08:40:00Z"));

      running.context().setLastImport(Instant.parse("2026-01-05T08:45:00Z"));
      assertEquals(List.of(), fireTimesUntil(running, "2026-01-05T09:10:00Z"));
      assertEquals(instants("2026-01-05T09:20:00Z"),
          fireTimesUntil(running, "2026-01-05T09:20:00Z"));
    }
  }

  @Test
  void fires_when_the_last_import_is_unknown() {
    try (RunningTrigger running = start(factory,
        Map.of("interval", "10m", "onlyIfNoImportFor", "1h"), NOW)) {
      assertEquals(instants("2026-01-05T08:10:00Z", "2026-01-05T08:20:00Z"),
          fireTimesUntil(running, "2026-01-05T08:20:00Z"));
    }
  }

  @Test
  void fires_exactly_when_the_last_import_is_as_old_as_the_window() {
    try (RunningTrigger running = start(factory,
        Map.of("interval", "10m", "onlyIfNoImportFor", "10m"), NOW)) {
      running.context().setLastImport(Instant.parse(NOW));
      assertEquals(instants("2026-01-05T08:10:00Z"),
          fireTimesUntil(running, "2026-01-05T08:10:00Z"));
    }
  }

  @Test
  void ignores_the_last_import_without_only_if_no_import_for() {
    try (RunningTrigger running = start(factory, Map.of("interval", "10m"), NOW)) {
      running.context().setLastImport(Instant.parse("2026-01-05T08:09:00Z"));
      assertEquals(instants("2026-01-05T08:10:00Z"),
          fireTimesUntil(running, "2026-01-05T08:10:00Z"));
    }
  }

  @Test
  void fires_a_named_profile_exclusive_and_in_front() {
    try (RunningTrigger running = start(factory,
        Map.of("interval", "1m", "profile", "FI", "exclusive", "true", "front", "true"), NOW)) {
      running.advance(Duration.ofMinutes(1));
      ExecutionRequest request = running.context().fired().getFirst();
      assertEquals("FI", request.profileName());
      assertNull(request.profileType());
      assertNull(request.partition());
      assertTrue(request.exclusive());
      assertTrue(request.front());
    }
  }

  @Test
  void fires_a_profile_type_on_one_partition() {
    try (RunningTrigger running = start(factory,
        Map.of("interval", "1m", "profileType", "ScheduledImport", "partition", "DC=res"), NOW)) {
      running.advance(Duration.ofMinutes(1));
      ExecutionRequest request = running.context().fired().getFirst();
      assertEquals(ProfileType.SCHEDULED_IMPORT, request.profileType());
      assertEquals("DC=res", request.partition());
      assertFalse(request.exclusive());
      assertFalse(request.front());
    }
  }

  @Test
  void stop_cancels_its_task_and_is_idempotent() {
    RunningTrigger running = start(factory, Map.of("interval", "1m"), NOW);
    assertEquals(1, running.context().scheduledTaskCount());
    running.trigger().stop();
    running.trigger().stop();
    assertEquals(0, running.context().scheduledTaskCount());
    assertEquals(0, running.scheduler().pendingCount());
    running.advance(Duration.ofMinutes(10));
    assertEquals(List.of(), running.context().fired());
    running.stop();
  }

  @Test
  void stop_from_inside_a_tick_stops_the_next_ticks() {
    try (RunningTrigger running = start(factory, Map.of("interval", "1m"), NOW)) {
      running.scheduler().scheduleAt(Instant.parse("2026-01-05T08:02:30Z"),
          () -> running.trigger().stop());
      running.advance(Duration.ofMinutes(10));
      assertEquals(2, running.context().fired().size());
    }
  }
}
