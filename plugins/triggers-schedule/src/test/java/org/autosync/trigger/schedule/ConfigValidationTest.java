package org.autosync.trigger.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.autosync.api.trigger.ConfigProblem;
import org.autosync.api.trigger.TriggerFactory;
import org.autosync.testkit.TriggerTestKit;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ConfigValidationTest {

  private static List<String> problems(TriggerFactory factory, Map<String, String> values) {
    return factory.validate(values).stream().map(ConfigProblem::toString).toList();
  }

  private static void assertOneProblem(String expected, List<String> problems) {
    assertEquals(1, problems.size(), problems::toString);
    assertTrue(problems.getFirst().startsWith(expected), problems.getFirst());
  }

  @Nested
  class Common {
    private final TriggerFactory factory = new IntervalTriggerFactory();

    @Test
    void refuses_both_profile_and_profile_type_naming_both() {
      assertOneProblem("profile: cannot be set together with profileType",
          problems(factory, Map.of("interval", "5m", "profile", "FI",
              "profileType", "DeltaImport")));
    }

    @Test
    void refuses_a_partition_with_a_profile() {
      assertEquals(List.of("partition: can only be given with profileType; the run profile 'FI'"
              + " already names its partitions"),
          problems(factory, Map.of("interval", "5m", "profile", "FI", "partition", "default")));
    }

    @Test
    void refuses_blank_profiles_and_partitions() {
      assertEquals(List.of("profile: must not be blank"),
          problems(factory, Map.of("interval", "5m", "profile", " ")));
      assertEquals(List.of("partition: must not be blank"),
          problems(factory, Map.of("interval", "5m", "partition", "")));
    }

    @Test
    void refuses_an_unknown_profile_type() {
      assertOneProblem("profileType: expected one of [DeltaImport, FullImport, DeltaSync,"
          + " FullSync, Export, ConfirmingImport, ScheduledImport], got 'Nightly'",
          problems(factory, Map.of("interval", "5m", "profileType", "Nightly")));
    }

    @Test
    void refuses_unknown_parameters_and_bad_booleans() {
      List<String> problems = problems(factory,
          Map.of("interval", "5m", "every", "5m", "exclusive", "yes"));
      assertEquals(2, problems.size(), problems::toString);
      assertTrue(problems.contains("exclusive: expected true or false, got 'yes'"), problems::toString);
      assertTrue(problems.stream().anyMatch(p -> p.startsWith(
          "every: is not a parameter of trigger type 'interval'")), problems::toString);
    }

    @Test
    void the_test_kit_refuses_to_start_an_invalid_block_listing_every_problem() {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> TriggerTestKit.start(factory, Map.of("profile", "FI", "profileType", "FullImport"),
              Fixtures.HR));
      assertTrue(e.getMessage().contains("interval: is required"), e.getMessage());
      assertTrue(e.getMessage().contains("profile: cannot be set together with profileType"),
          e.getMessage());
    }
  }

  @Nested
  class Interval {
    private final TriggerFactory factory = new IntervalTriggerFactory();

    @Test
    void accepts_a_full_block() {
      assertEquals(List.of(), problems(factory, Map.of("interval", "15m", "firstFire", "atStart",
          "onlyIfNoImportFor", "PT10M", "profileType", "FullImport", "partition", "default",
          "exclusive", "true", "front", "false")));
    }

    @Test
    void requires_an_interval() {
      assertOneProblem("interval: is required", problems(factory, Map.of()));
    }

    @Test
    void refuses_a_bad_duration_once() {
      assertEquals(List.of("interval: expected a duration such as 30s, 5m, 2h, 1d or PT5M,"
          + " got '5 minutes'"), problems(factory, Map.of("interval", "5 minutes")));
    }

    @Test
    void refuses_an_interval_under_a_second() {
      assertEquals(List.of("interval: must be at least 1s, got '500ms'"),
          problems(factory, Map.of("interval", "500ms")));
      assertEquals(List.of("onlyIfNoImportFor: must be at least 1s, got 'PT0S'"),
          problems(factory, Map.of("interval", "1m", "onlyIfNoImportFor", "PT0S")));
    }

    @Test
    void refuses_an_unknown_first_fire() {
      assertOneProblem("firstFire: expected one of [atStart, afterInterval], got 'now'",
          problems(factory, Map.of("interval", "1m", "firstFire", "now")));
    }
  }

  @Nested
  class Cron {
    private final TriggerFactory factory = new CronTriggerFactory();

    @Test
    void accepts_unix_and_quartz_expressions() {
      assertEquals(List.of(), problems(factory, Map.of("expression", "0 2 * * *")));
      assertEquals(List.of(), problems(factory, Map.of("expression", "0 0 2 ? * MON-FRI",
          "timeZone", "America/New_York", "catchUp", "false")));
      assertEquals(List.of(), problems(factory, Map.of("expression", "0 0 2 * * ? 2030",
          "timeZone", "+01:00")));
    }

    @Test
    void requires_an_expression() {
      assertOneProblem("expression: is required", problems(factory, Map.of()));
    }

    @Test
    void refuses_an_expression_with_the_wrong_number_of_fields() {
      assertEquals(List.of("expression: '0 2 * *' has 4 fields; expected 5 as in Unix cron"
          + " (minute hour day-of-month month day-of-week, such as '0 2 * * *') or 6 to 7 as in"
          + " Quartz (second minute hour day-of-month month day-of-week [year], such as"
          + " '0 0 2 ? * MON-FRI')"), problems(factory, Map.of("expression", "0 2 * *")));
    }

    @Test
    void refuses_an_expression_with_a_value_out_of_range() {
      assertOneProblem("expression: '61 2 * * *' is not a valid Unix cron expression: ",
          problems(factory, Map.of("expression", "61 2 * * *")));
      assertOneProblem("expression: '0 0 25 * * ?' is not a valid Quartz cron expression: ",
          problems(factory, Map.of("expression", "0 0 25 * * ?")));
    }

    @Test
    void refuses_an_unknown_time_zone() {
      assertEquals(List.of("timeZone: is not a time zone: 'Europe/Berln'; expected a region such"
              + " as Europe/Berlin or America/New_York, UTC, or an offset such as +01:00"),
          problems(factory, Map.of("expression", "0 2 * * *", "timeZone", "Europe/Berln")));
    }

    @Test
    void refuses_a_bad_catch_up() {
      assertOneProblem("catchUp: expected true or false",
          problems(factory, Map.of("expression", "0 2 * * *", "catchUp", "once")));
    }
  }

  @Nested
  class StartInterval {
    private final TriggerFactory factory = new StartIntervalTriggerFactory();

    @Test
    void accepts_a_date_time_or_a_time_of_day() {
      assertEquals(List.of(), problems(factory, Map.of("startTime", "2026-01-01T02:00",
          "interval", "5h", "timeZone", "Europe/Berlin")));
      assertEquals(List.of(), problems(factory, Map.of("startTime", "2026-01-01 02:00:30")));
      assertEquals(List.of(), problems(factory, Map.of("startTime", "02:00", "interval", "6h")));
      assertEquals(List.of(), problems(factory, Map.of("startTime", "23:15")));
    }

    @Test
    void requires_a_start_time() {
      assertOneProblem("startTime: is required", problems(factory, Map.of("interval", "1d")));
    }

    @Test
    void refuses_a_start_time_that_is_not_a_time() {
      assertEquals(List.of("startTime: expected a local date-time such as 2026-01-01T02:00 or a"
              + " time of day such as 02:00, got 'tonight'"),
          problems(factory, Map.of("startTime", "tonight")));
    }

    @Test
    void refuses_a_time_of_day_with_an_interval_that_does_not_divide_a_day() {
      assertEquals(List.of("startTime: a start given as a time of day ('02:00') needs an interval"
              + " that divides a day, such as 1h, 6h or 1d; got 5h. Give a start date, such as"
              + " 2026-01-01T02:00, to count from that day"),
          problems(factory, Map.of("startTime", "02:00", "interval", "5h")));
    }

    @Test
    void refuses_a_bad_interval_and_zone() {
      List<String> problems = problems(factory, Map.of("startTime", "02:00", "interval", "0s",
          "timeZone", "Mars/Olympus"));
      assertEquals(2, problems.size(), problems::toString);
      assertTrue(problems.contains("interval: must be at least 1s, got '0s'"), problems::toString);
      assertTrue(problems.get(1).startsWith("timeZone: is not a time zone: 'Mars/Olympus'"),
          problems::toString);
    }
  }
}
