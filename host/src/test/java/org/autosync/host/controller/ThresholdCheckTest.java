package org.autosync.host.controller;

import static org.autosync.host.controller.Fixtures.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.autosync.api.engine.ExportCounters;
import org.autosync.api.engine.RunDetails;
import org.autosync.api.engine.StagingCounters;
import org.autosync.api.engine.StepKind;
import org.autosync.host.controller.StagingThreshold.Operation;
import org.junit.jupiter.api.Test;

class ThresholdCheckTest {

  private final List<String> notes = new ArrayList<>();

  private static RunDetails deletes(long n) {
    return run("HR").step(StepKind.FULL_IMPORT, "default",
        new StagingCounters(0, 1, 2, 0, n, 0, 0), Map.of(), ExportCounters.NONE).build();
  }

  private List<String> check(RunDetails run, List<StagingThreshold> t, OptionalLong size) {
    return ThresholdCheck.breaches(run, t, p -> size, notes);
  }

  @Test
  void an_absolute_limit_is_breached_only_above_it() {
    var limit = List.of(StagingThreshold.absolute(Operation.DELETE, 50));
    assertEquals(List.of(), check(deletes(50), limit, OptionalLong.empty()));
    var breaches = check(deletes(51), limit, OptionalLong.empty());
    assertEquals(List.of("step 1 staged 51 delete(s) on 'default' (limit 50)"), breaches);
  }

  @Test
  void a_percentage_is_of_the_connector_space() {
    var limit = List.of(StagingThreshold.percentage(Operation.DELETE, 10));
    assertEquals(List.of(), check(deletes(10), limit, OptionalLong.of(100)));
    assertEquals(1, check(deletes(11), limit, OptionalLong.of(100)).size());
  }

  @Test
  void total_counts_every_change() {
    var limit = List.of(StagingThreshold.absolute(Operation.TOTAL, 5));
    assertEquals(1, check(deletes(3), limit, OptionalLong.empty()).size(), "1+2+3 > 5");
  }

  @Test
  void a_partition_threshold_ignores_other_partitions() {
    var limit = List.of(StagingThreshold.absolute(Operation.DELETE, 0).forPartition("other"));
    assertEquals(List.of(), check(deletes(99), limit, OptionalLong.empty()));
  }

  @Test
  void a_percentage_without_a_connector_space_size_is_noted_not_guessed() {
    var limit = List.of(StagingThreshold.percentage(Operation.DELETE, 1));
    assertEquals(List.of(), check(deletes(99), limit, OptionalLong.empty()));
    assertTrue(notes.getFirst().contains("size unknown"), notes.toString());
  }

  @Test
  void exports_and_syncs_are_not_staging() {
    var details = run("HR").exporting("default", new ExportCounters(0, 0, 0, 500, 0, 0)).build();
    assertEquals(List.of(), check(details,
        List.of(StagingThreshold.absolute(Operation.DELETE, 1)), OptionalLong.empty()));
  }
}
