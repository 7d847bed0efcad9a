package org.autosync.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.autosync.api.engine.EngineException;
import org.autosync.api.engine.EngineMaStatus;
import org.autosync.api.engine.ExportCounters;
import org.autosync.api.engine.InboundFlowCounters;
import org.autosync.api.engine.ManagementAgent;
import org.autosync.api.engine.OutboundFlowCounters;
import org.autosync.api.engine.PartitionWork;
import org.autosync.api.engine.PendingWork;
import org.autosync.api.engine.ProfileStep;
import org.autosync.api.engine.RunDetails;
import org.autosync.api.engine.RunProfile;
import org.autosync.api.engine.RunResult;
import org.autosync.api.engine.StagingCounters;
import org.autosync.api.engine.StepDetails;
import org.autosync.api.engine.StepKind;
import org.junit.jupiter.api.Test;

class FakeEngineModelTest {

  private final ManualClock clock = ManualClock.startingAt("2026-01-05T08:00:00Z");
  private final FakeEngine engine = FakeEngine.builder()
      .ma("HR", ma -> ma.category("LDAP").partitions("default").standardProfiles())
      .ma("AD", ma -> ma.category("AD").partitions("DC=corp", "DC=res").standardProfiles())
      .ma("MIMS", ma -> ma.category("FIM").standardProfiles()
          .profile(RunProfile.of("custom", StepKind.DELTA_IMPORT, "default")))
      .flow("HR", "AD")
      .flow("HR", "MIMS")
      .clock(clock)
      .build();

  private StepDetails onlyStep(RunResult result, String ma) {
    RunDetails details = engine.runDetails(ma, result.runNumber().orElseThrow()).orElseThrow();
    assertEquals(1, details.steps().size());
    return details.steps().getFirst();
  }

  @Test
  void describes_mas_with_standard_profiles_named_per_partition() {
    List<ManagementAgent> mas = engine.managementAgents();
    assertEquals(List.of("HR", "AD", "MIMS"), mas.stream().map(ManagementAgent::name).toList());
    assertEquals(List.of("FI", "DI", "FS", "DS", "E"),
        mas.get(0).runProfiles().stream().map(RunProfile::name).toList());
    assertEquals(List.of("FI:DC=corp", "DI:DC=corp", "FS:DC=corp", "DS:DC=corp", "E:DC=corp",
            "FI:DC=res", "DI:DC=res", "FS:DC=res", "DS:DC=res", "E:DC=res"),
        mas.get(1).runProfiles().stream().map(RunProfile::name).toList());
    assertEquals(RunProfile.of("DS:DC=res", StepKind.DELTA_SYNC, "DC=res"),
        mas.get(1).profile("DS:DC=res").orElseThrow());
    assertTrue(mas.get(2).isFim());
    assertTrue(mas.get(2).profile("custom").isPresent());
    assertEquals("AD", mas.get(1).category());
  }

  @Test
  void import_stages_changes_waiting_in_the_system() {
    engine.changeInConnectedSystem("HR", "default", 3);

    StepDetails step = onlyStep(engine.run("HR", "DI"), "HR");

    assertEquals(new StagingCounters(0, 0, 3, 0, 0, 0, 0), step.staging());
    assertTrue(step.stagedChanges());
    assertEquals(3, engine.staged("HR", "default"));
    assertEquals(0, engine.changesWaiting("HR", "default"));
  }

  @Test
  void full_import_counts_the_rest_of_the_connector_space_as_unchanged() {
    engine.changeInConnectedSystem("HR", "default", 3);
    StepDetails step = onlyStep(engine.run("HR", "FI"), "HR");
    assertEquals(new StagingCounters(97, 0, 3, 0, 0, 0, 0), step.staging());
  }

  @Test
  void import_with_nothing_waiting_stages_nothing() {
    StepDetails step = onlyStep(engine.run("HR", "DI"), "HR");
    assertFalse(step.stagedChanges());
    assertEquals(StagingCounters.NONE, step.staging());
  }

  @Test
  void sync_flows_new_changes_to_every_flow_target() {
    engine.changeInConnectedSystem("HR", "default", 4);
    engine.run("HR", "DI");

    StepDetails step = onlyStep(engine.run("HR", "DS"), "HR");

    assertEquals(4, step.inbound().connectorFlow());
    assertEquals(0, step.inbound().connectorNoFlow());
    assertEquals(Map.of("AD", OutboundFlowCounters.connectorFlow(4),
        "MIMS", OutboundFlowCounters.connectorFlow(4)), step.outbound());
    assertEquals(List.of("AD", "MIMS"), step.outboundTargets());
    assertEquals(0, engine.staged("HR", "default"));
    assertEquals(4, engine.pendingExports("AD", "DC=corp"));
    assertEquals(0, engine.pendingExports("AD", "DC=res"));
    assertEquals(4, engine.pendingExports("MIMS", "default"));
  }

  @Test
  void sync_with_nothing_staged_has_no_outbound_entries() {
    StepDetails step = onlyStep(engine.run("HR", "DS"), "HR");
    assertEquals(InboundFlowCounters.NONE, step.inbound());
    assertEquals(Map.of(), step.outbound());
  }

  @Test
  void export_moves_pending_exports_to_unconfirmed() {
    engine.changeInConnectedSystem("HR", "default", 2);
    engine.run("HR", "DI");
    engine.run("HR", "DS");

    StepDetails step = onlyStep(engine.run("AD", "E:DC=corp"), "AD");

    assertEquals(new ExportCounters(0, 2, 0, 0, 0, 0), step.export());
    assertTrue(step.exportedChanges());
    assertEquals(0, engine.pendingExports("AD", "DC=corp"));
    assertEquals(2, engine.unconfirmed("AD", "DC=corp"));
  }

  @Test
  void export_with_nothing_pending_reports_zero_counters() {
    StepDetails step = onlyStep(engine.run("AD", "E:DC=res"), "AD");
    assertEquals(ExportCounters.NONE, step.export());
    assertFalse(step.exportedChanges());
  }

  @Test
  void confirming_import_stages_echoes_that_the_next_sync_does_not_flow_back() {
    FakeEngine twoWay = FakeEngine.builder().ma("HR").ma("AD").flow("HR", "AD").flow("AD", "HR")
        .build();
    twoWay.changeInConnectedSystem("HR", "default", 5);
    twoWay.run("HR", "DI");
    twoWay.run("HR", "DS");
    twoWay.run("AD", "E");

    RunResult confirming = twoWay.run("AD", "DI");
    StepDetails imported =
        twoWay.runDetails("AD", confirming.runNumber().orElseThrow()).orElseThrow().steps().get(0);
    assertEquals(5, imported.staging().update());
    assertFalse(twoWay.isQuiet());

    RunResult sync = twoWay.run("AD", "DS");
    StepDetails synced =
        twoWay.runDetails("AD", sync.runNumber().orElseThrow()).orElseThrow().steps().get(0);
    assertEquals(0, synced.inbound().connectorFlow());
    assertEquals(5, synced.inbound().connectorNoFlow());
    assertFalse(synced.inbound().hasChanges());
    assertEquals(Map.of(), synced.outbound());
    assertTrue(twoWay.isQuiet(), twoWay.describeModel());
  }

  @Test
  void changes_and_echoes_staged_together_flow_only_the_changes() {
    engine.changeInConnectedSystem("HR", "default", 2);
    engine.run("HR", "DI");
    engine.run("HR", "DS");
    engine.run("MIMS", "E");
    engine.changeInConnectedSystem("MIMS", "default", 1);
    engine.run("MIMS", "DI");
    engine.run("MIMS", "DS");
    RunDetails sync = engine.runDetails("MIMS", 3).orElseThrow();
    assertEquals(1, sync.steps().get(0).inbound().connectorFlow());
    assertEquals(2, sync.steps().get(0).inbound().connectorNoFlow());
  }

  @Test
  void combined_and_multi_step_profiles_run_their_steps_in_order() {
    FakeEngine multi = FakeEngine.builder()
        .ma("HR", ma -> ma.profile(new RunProfile("DIDS+E", List.of(
            new ProfileStep(StepKind.DELTA_IMPORT_DELTA_SYNC, "default"),
            new ProfileStep(StepKind.EXPORT, "default")))))
        .ma("AD", ma -> ma.profile(new RunProfile("E+DI+DS", List.of(
            new ProfileStep(StepKind.EXPORT, "default"),
            new ProfileStep(StepKind.DELTA_IMPORT, "default"),
            new ProfileStep(StepKind.DELTA_SYNC, "default")))))
        .flow("HR", "AD")
        .build();
    multi.changeInConnectedSystem("HR", "default", 3);

    RunDetails hr = multi.runDetails("HR", multi.run("HR", "DIDS+E").runNumber().orElseThrow())
        .orElseThrow();
    assertEquals(List.of(1, 2), hr.steps().stream().map(StepDetails::stepNumber).toList());
    StepDetails combined = hr.steps().get(0);
    assertEquals(3, combined.staging().update());
    assertEquals(3, combined.inbound().connectorFlow());
    assertEquals(Map.of("AD", OutboundFlowCounters.connectorFlow(3)), combined.outbound());
    assertEquals(ExportCounters.NONE, hr.steps().get(1).export());

    RunDetails ad = multi.runDetails("AD", multi.run("AD", "E+DI+DS").runNumber().orElseThrow())
        .orElseThrow();
    assertEquals(3, ad.steps().get(0).export().update());
    assertEquals(3, ad.steps().get(1).staging().update());
    assertEquals(3, ad.steps().get(2).inbound().connectorNoFlow());
    assertTrue(multi.isQuiet(), multi.describeModel());
  }

  @Test
  void a_flow_can_target_a_named_partition() {
    FakeEngine e = FakeEngine.builder().ma("HR")
        .ma("AD", ma -> ma.partitions("DC=corp", "DC=res").standardProfiles())
        .flow("HR", "AD", "DC=res").build();
    e.changeInConnectedSystem("HR", "default", 1);
    e.run("HR", "DI");
    e.run("HR", "DS");
    assertEquals(0, e.pendingExports("AD", "DC=corp"));
    assertEquals(1, e.pendingExports("AD", "DC=res"));
  }

  @Test
  void run_numbers_start_at_one_and_details_carry_the_run() {
    engine.changeInConnectedSystem("HR", "default", 1);
    assertEquals(RunResult.of("success", 1), engine.run("HR", "DI"));
    clock.advance(java.time.Duration.ofMinutes(1));
    assertEquals(RunResult.of("success", 2), engine.run("HR", "DS"));
    assertEquals(RunResult.of("success", 1), engine.run("AD", "E:DC=corp"));

    RunDetails details = engine.runDetails("HR", 2).orElseThrow();
    assertEquals(2, details.runNumber());
    assertEquals("HR", details.ma());
    assertEquals("DS", details.profile());
    assertEquals("success", details.result());
    assertEquals(Instant.parse("2026-01-05T08:01:00Z"), details.start());
    assertEquals(Instant.parse("2026-01-05T08:01:00Z"), details.end());
    StepDetails step = details.steps().get(0);
    assertEquals(StepKind.DELTA_SYNC, step.kind());
    assertEquals("default", step.partition());
    assertEquals("success", step.result());
    assertTrue(engine.runDetails("HR", 3).isEmpty());
    assertTrue(engine.runDetails("HR", 0).isEmpty());
  }

  @Test
  void status_reports_the_last_run_when_idle() {
    assertEquals(EngineMaStatus.idle(null, null, 0), engine.status("HR"));
    engine.run("HR", "DI");
    assertEquals(EngineMaStatus.idle("DI", "success", 1), engine.status("HR"));
  }

  @Test
  void pending_work_is_exact_per_partition_by_default() {
    engine.changeInConnectedSystem("HR", "default", 2);
    engine.run("HR", "DI");
    engine.run("HR", "DS");
    engine.run("AD", "E:DC=corp");
    engine.changeInConnectedSystem("HR", "default", 1);
    engine.run("HR", "DI");

    assertEquals(new PendingWork("HR", List.of(PartitionWork.of("default", 1, 0, 0))),
        engine.pendingWork("HR"));
    assertEquals(new PendingWork("AD", List.of(PartitionWork.of("DC=corp", 0, 0, 2),
        PartitionWork.of("DC=res", 0, 0, 0))), engine.pendingWork("AD"));
  }

  @Test
  void pending_work_can_imitate_an_engine_that_knows_less() {
    FakeEngine e = FakeEngine.builder().ma("HR")
        .ma("AD", ma -> ma.partitions("DC=corp", "DC=res").standardProfiles()
            .pendingWorkMaWideOnly())
        .ma("LDS", ma -> ma.standardProfiles().pendingWorkUnknown())
        .flow("HR", "AD", "DC=corp").flow("HR", "LDS").build();
    e.changeInConnectedSystem("HR", "default", 2);
    e.run("HR", "DI");
    e.run("HR", "DS");
    e.run("AD", "E:DC=corp");
    e.changeInConnectedSystem("HR", "default", 1);
    e.run("HR", "DI");
    e.run("HR", "DS");

    PendingWork ad = e.pendingWork("AD");
    assertEquals(List.of(PartitionWork.of(null, 0, 1, 2)), ad.partitions());
    assertTrue(ad.partitions().get(0).wholeMa());
    assertEquals(PendingWork.unknown("LDS"), e.pendingWork("LDS"));
    assertEquals(3, e.pendingExports("LDS", "default"));
  }

  @Test
  void connector_space_size_defaults_to_one_hundred_and_can_be_set() {
    FakeEngine e = FakeEngine.builder().ma("HR")
        .ma("AD", ma -> ma.standardProfiles().connectorSpaceSize(5000)).build();
    assertEquals(OptionalLong.of(100), e.connectorSpaceSize("HR", "default"));
    assertEquals(OptionalLong.of(5000), e.connectorSpaceSize("AD", "DEFAULT"));
    e.setConnectorSpaceSize("HR", "default", 7);
    assertEquals(OptionalLong.of(7), e.connectorSpaceSize("HR", "default"));
    assertEquals(OptionalLong.empty(), e.connectorSpaceSize("HR", "nope"));
  }

  @Test
  void unknown_mas_are_engine_errors_in_the_spi_and_argument_errors_in_test_hooks() {
    assertThrows(EngineException.class, () -> engine.status("Nope"));
    assertThrows(EngineException.class, () -> engine.pendingWork("Nope"));
    assertThrows(EngineException.class, () -> engine.runDetails("Nope", 1));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> engine.changeInConnectedSystem("AD", "DC=nope", 1));
    assertTrue(e.getMessage().contains("DC=nope"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> engine.onRun("HR", "nope"));
  }

  @Test
  void the_builder_refuses_inconsistent_descriptions() {
    assertThrows(IllegalArgumentException.class,
        () -> FakeEngine.builder().ma("HR").flow("HR", "AD").build());
    assertThrows(IllegalArgumentException.class,
        () -> FakeEngine.builder().ma("HR").flow("HR", "HR").build());
    assertThrows(IllegalArgumentException.class,
        () -> FakeEngine.builder().ma("HR").ma("AD").flow("HR", "AD", "DC=x").build());
    assertThrows(IllegalArgumentException.class, () -> FakeEngine.builder()
        .ma("HR", ma -> ma.profile(RunProfile.of("x", StepKind.DELTA_IMPORT, "other"))).build());
    assertThrows(IllegalArgumentException.class, () -> FakeEngine.builder()
        .ma("HR", ma -> ma.standardProfiles()
            .profile(RunProfile.of("DI", StepKind.DELTA_IMPORT, "default"))).build());
    assertThrows(IllegalArgumentException.class, () -> FakeEngine.builder().ma("HR").ma("HR"));
  }
}
