package org.autosync.engine.embedded.history;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.StringReader;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.autosync.api.engine.ExportCounters;
import org.autosync.api.engine.InboundFlowCounters;
import org.autosync.api.engine.OutboundFlowCounters;
import org.autosync.api.engine.RunDetails;
import org.autosync.api.engine.RunError;
import org.autosync.api.engine.StagingCounters;
import org.autosync.api.engine.StepDetails;
import org.autosync.api.engine.StepKind;
import org.junit.jupiter.api.Test;

/** The reference notes' §2.3 fixture: one delta import and delta sync on an HR source. */
class RunHistoryXmlFixtureTest {

  private static RunDetails readFixture() throws Exception {
    List<RunDetails> runs = RunHistoryXml.read(Histories.fixture());
    assertEquals(1, runs.size());
    return runs.get(0);
  }

  @Test
  void the_fixture_reads_into_the_run_it_describes() throws Exception {
    StepDetails deltaImport = new StepDetails(1, StepKind.DELTA_IMPORT, "default", "success",
        Instant.parse("2024-03-05T06:10:00.000Z"), Instant.parse("2024-03-05T06:10:12.400Z"),
        new StagingCounters(0, 2, 7, 0, 0, 0, 0), InboundFlowCounters.NONE, Map.of(),
        ExportCounters.NONE, List.of());
    StepDetails deltaSync = new StepDetails(2, StepKind.DELTA_SYNC, "default",
        "completed-sync-errors",
        Instant.parse("2024-03-05T06:10:12.500Z"), Instant.parse("2024-03-05T06:10:14.125Z"),
        StagingCounters.NONE,
        new InboundFlowCounters(0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 5, 0, 1, 0, 0, 0, 1),
        Map.of("Corp Directory", new OutboundFlowCounters(2, 0, 0, 0, 0, 0, 0, 5, 0)),
        ExportCounters.NONE,
        List.of(new RunError(RunError.Phase.IMPORT,
            "ambiguous-import-flow-from-multiple-connectors", "EMP-0099", "")));
    RunDetails expected = new RunDetails(42, "HR Feed", "DI-DS", "completed-sync-errors",
        Instant.parse("2024-03-05T06:10:00.000Z"), Instant.parse("2024-03-05T06:10:14.125Z"),
        List.of(deltaImport, deltaSync));

    assertEquals(expected, readFixture());
  }

  @Test
  void steps_come_back_oldest_first_although_the_document_lists_the_newest_first()
      throws Exception {
    RunDetails run = readFixture();

    assertEquals(List.of(1, 2), run.steps().stream().map(StepDetails::stepNumber).toList());
    assertEquals(List.of(StepKind.DELTA_IMPORT, StepKind.DELTA_SYNC),
        run.steps().stream().map(StepDetails::kind).toList());
  }

  @Test
  void the_run_takes_its_result_and_end_from_the_newest_step_and_its_start_from_the_oldest()
      throws Exception {
    RunDetails run = readFixture();

    assertEquals("completed-sync-errors", run.result());
    assertEquals(Instant.parse("2024-03-05T06:10:00Z"), run.start());
    assertEquals(Instant.parse("2024-03-05T06:10:14.125Z"), run.end());
  }

  @Test
  void what_the_import_staged_is_what_the_sync_processed() throws Exception {
    RunDetails run = readFixture();
    StepDetails imported = run.steps().get(0);
    InboundFlowCounters in = run.steps().get(1).inbound();

    assertEquals(9, imported.staging().changes());
    assertEquals(imported.staging().changes(), in.disconnectorProjectedFlow() + in.connectorFlow()
        + in.connectorNoFlow() + in.flowFailure());
  }

  @Test
  void the_source_needs_no_confirming_import_and_the_directory_needs_an_export()
      throws Exception {
    RunDetails run = readFixture();
    StepDetails sync = run.steps().get(1);

    assertEquals(false, run.steps().stream().anyMatch(StepDetails::exportedChanges));
    assertEquals(List.of("Corp Directory"), sync.outboundTargets());
    assertEquals(7, sync.outbound().get("Corp Directory").changes());
  }

  @Test
  void counters_the_fixture_leaves_out_read_as_zero() throws Exception {
    StepDetails imported = readFixture().steps().get(0);

    assertEquals(InboundFlowCounters.NONE, imported.inbound());
    assertEquals(ExportCounters.NONE, imported.export());
  }

  @Test
  void reading_from_a_reader_gives_the_same_runs_as_from_a_string() throws Exception {
    String xml = Histories.fixture();

    assertEquals(RunHistoryXml.read(xml), RunHistoryXml.read(new StringReader(xml)));
  }

  @Test
  void the_fixture_survives_a_write_and_a_second_read() throws Exception {
    RunDetails run = readFixture();

    String written = RunHistoryXml.write(List.of(run), Histories.HR_ID);

    assertEquals(List.of(run), RunHistoryXml.read(written));
  }
}
