package org.autosync.host.controller;

import static org.autosync.host.controller.Fixtures.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.autosync.api.ProfileType;
import org.autosync.api.RequestSource;
import org.autosync.api.engine.ExportCounters;
import org.autosync.api.engine.OutboundFlowCounters;
import org.autosync.api.engine.PartitionWork;
import org.autosync.api.engine.PendingWork;
import org.autosync.api.engine.RunDetails;
import org.autosync.api.engine.StagingCounters;
import org.autosync.api.engine.StepKind;
import org.junit.jupiter.api.Test;

class FollowUpPlannerTest {

  private final List<String> notes = new ArrayList<>();

  private List<String> plan(RunDetails details, Map<String, PendingWork> pending) {
    return FollowUpPlanner.plan(details, ma -> pending.getOrDefault(ma, PendingWork.unknown(ma)),
            notes)
        .stream()
        .map(p -> p.request().ma() + " " + p.request().profileType() + " "
            + p.request().partition() + (p.request().front() ? " front" : " back"))
        .toList();
  }

  @Test
  void an_import_that_staged_changes_leads_to_a_delta_sync_at_the_front() {
    var planned = FollowUpPlanner.plan(
        run("HR").importing(StepKind.DELTA_IMPORT, "default", 3).build(),
        PendingWork::unknown, notes);
    assertEquals(1, planned.size());
    var request = planned.getFirst().request();
    assertEquals(ProfileType.DELTA_SYNC, request.profileType());
    assertEquals("default", request.partition());
    assertTrue(request.front());
    assertEquals(RequestSource.Kind.FOLLOW_UP, request.source().kind());
    assertEquals(7L, request.source().runNumber());
  }

  @Test
  void no_change_and_failures_alone_need_no_sync() {
    var details = run("HR").step(StepKind.FULL_IMPORT, "default",
        new StagingCounters(100, 0, 0, 0, 0, 0, 4), Map.of(), ExportCounters.NONE).build();
    assertEquals(List.of(), plan(details, Map.of()));
  }

  @Test
  void a_combined_import_and_sync_step_needs_no_further_sync() {
    var details = run("HR").importing(StepKind.DELTA_IMPORT_DELTA_SYNC, "default", 3).build();
    assertEquals(List.of(), plan(details, Map.of()));
  }

  @Test
  void a_later_sync_of_the_same_partition_covers_the_import_but_not_another_partition() {
    var details = run("AD")
        .importing(StepKind.DELTA_IMPORT, "DC=a", 2)
        .importing(StepKind.DELTA_IMPORT, "DC=b", 2)
        .syncing(StepKind.DELTA_SYNC, "DC=a", Map.of())
        .build();
    assertEquals(List.of("AD DeltaSync DC=b front"), plan(details, Map.of()));
  }

  @Test
  void an_export_with_any_counter_leads_to_a_confirming_import_at_the_front() {
    var details = run("AD").exporting("default", new ExportCounters(0, 0, 0, 0, 0, 2)).build();
    assertEquals(List.of("AD ConfirmingImport default front"), plan(details, Map.of()));
  }

  @Test
  void an_export_followed_by_an_import_of_the_partition_needs_no_confirming_import() {
    var details = run("AD")
        .exporting("default", new ExportCounters(1, 0, 0, 0, 0, 0))
        .importing(StepKind.DELTA_IMPORT, "default", 0)
        .build();
    assertEquals(List.of(), plan(details, Map.of()));
  }

  @Test
  void an_export_with_nothing_written_needs_nothing() {
    var details = run("AD").exporting("default", ExportCounters.NONE).build();
    assertEquals(List.of(), plan(details, Map.of()));
  }

  @Test
  void outbound_changes_lead_to_exports_of_the_target_partitions_that_have_pending_exports() {
    var details = run("HR").syncing(StepKind.DELTA_SYNC, "default",
        Map.of("AD", OutboundFlowCounters.connectorFlow(3))).build();
    var pending = Map.of("AD", new PendingWork("AD", List.of(
        PartitionWork.of("DC=a", 0, 3, 0), PartitionWork.of("DC=b", 0, 0, 0))));
    assertEquals(List.of("AD Export DC=a back"), plan(details, pending));
  }

  @Test
  void when_the_engine_cannot_tell_every_partition_of_the_target_is_exported() {
    var details = run("HR").syncing(StepKind.DELTA_SYNC, "default",
        Map.of("AD", OutboundFlowCounters.provisionedAdds(1))).build();
    assertEquals(List.of("AD Export null back"), plan(details, Map.of()));
    var maWide = Map.of("AD", new PendingWork("AD", List.of(new PartitionWork(null,
        OptionalLong.of(0), OptionalLong.empty(), OptionalLong.empty()))));
    assertEquals(List.of("AD Export null back"), plan(details, maWide));
  }

  @Test
  void connector_no_flow_is_not_an_outbound_change() {
    var details = run("HR").syncing(StepKind.DELTA_SYNC, "default",
        Map.of("AD", new OutboundFlowCounters(0, 0, 0, 0, 0, 0, 0, 0, 9))).build();
    assertEquals(List.of(), plan(details, Map.of()));
  }

  @Test
  void a_target_without_pending_exports_is_noted_not_exported() {
    var details = run("HR").syncing(StepKind.DELTA_SYNC, "default",
        Map.of("AD", OutboundFlowCounters.connectorFlow(1))).build();
    var pending = Map.of("AD", new PendingWork("AD", List.of(PartitionWork.of("DC=a", 0, 0, 0))));
    assertEquals(List.of(), plan(details, pending));
    assertTrue(notes.getFirst().contains("no pending exports"), notes.toString());
  }

  @Test
  void follow_ups_come_in_step_order() {
    var details = run("AD")
        .importing(StepKind.DELTA_IMPORT, "DC=a", 1)
        .exporting("DC=b", new ExportCounters(1, 0, 0, 0, 0, 0))
        .build();
    assertEquals(List.of("AD DeltaSync DC=a front", "AD ConfirmingImport DC=b front"),
        plan(details, Map.of()));
  }
}
