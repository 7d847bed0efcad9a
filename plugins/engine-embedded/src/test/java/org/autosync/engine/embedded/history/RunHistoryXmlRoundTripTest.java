package org.autosync.engine.embedded.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.autosync.api.engine.ExportCounters;
import org.autosync.api.engine.InboundFlowCounters;
import org.autosync.api.engine.RunDetails;
import org.autosync.api.engine.RunError;
import org.autosync.api.engine.StagingCounters;
import org.autosync.api.engine.StepDetails;
import org.autosync.api.engine.StepKind;
import org.junit.jupiter.api.Test;

class RunHistoryXmlRoundTripTest {

  @Test
  void a_run_with_every_kind_counter_target_and_error_phase_reads_back_equal() {
    RunDetails run = Histories.everything();

    List<RunDetails> back = RunHistoryXml.read(RunHistoryXml.write(List.of(run), Histories.HR_ID));

    assertEquals(List.of(run), back);
  }

  @Test
  void the_round_trip_run_really_covers_everything() {
    RunDetails run = Histories.everything();

    assertEquals(Set.of(StepKind.values()),
        run.steps().stream().map(StepDetails::kind).collect(Collectors.toSet()));
    assertEquals(Set.of(RunError.Phase.values()), run.steps().stream()
        .flatMap(s -> s.errors().stream()).map(RunError::phase).collect(Collectors.toSet()));
    for (StepDetails s : run.steps()) {
      assertEquals(2, s.outbound().size());
      assertTrue(s.outbound().values().stream().allMatch(o -> o.provisionedAddNoFlow() > 0
          && o.provisionedDeleteAddFlow() > 0 && o.connectorNoFlow() > 0));
      assertTrue(s.staging().noChange() > 0 && s.staging().failure() > 0);
      assertTrue(s.inbound().disconnectorFiltered() > 0 && s.inbound().flowFailure() > 0);
      assertTrue(s.export().add() > 0 && s.export().failure() > 0);
    }
  }

  @Test
  void runs_of_several_mas_read_back_equal_through_a_writer() throws Exception {
    RunDetails hr = Histories.everything();
    RunDetails corp = Histories.run("Corp Directory", 3,
        Histories.step(1, StepKind.EXPORT), Histories.step(2, StepKind.DELTA_IMPORT));
    StringWriter out = new StringWriter();

    RunHistoryXml.write(List.of(hr, corp),
        Map.of("HR Feed", Histories.HR_ID, "Corp Directory", Histories.CORP_ID), out);

    assertEquals(List.of(hr, corp), RunHistoryXml.read(new StringReader(out.toString())));
  }

  @Test
  void times_are_kept_to_the_millisecond() {
    Instant start = Instant.parse("2024-03-05T06:10:12.123456789Z");
    Instant end = Instant.parse("2024-03-05T06:10:13.999999Z");
    StepDetails step = new StepDetails(1, StepKind.FULL_IMPORT, "default", "success", start, end,
        StagingCounters.NONE, InboundFlowCounters.NONE, Map.of(), ExportCounters.NONE, List.of());

    RunDetails back = RunHistoryXml.read(RunHistoryXml.write(
        List.of(Histories.run("HR Feed", 1, step)), Histories.HR_ID)).get(0);

    assertEquals(Instant.parse("2024-03-05T06:10:12.123Z"), back.steps().get(0).start());
    assertEquals(Instant.parse("2024-03-05T06:10:13.999Z"), back.steps().get(0).end());
    assertEquals(back.steps().get(0).start(), back.start());
  }

  @Test
  void unknown_times_read_back_as_unknown() {
    StepDetails running = new StepDetails(1, StepKind.DELTA_SYNC, "default", "in-progress",
        null, null, StagingCounters.NONE, InboundFlowCounters.NONE, Map.of(), ExportCounters.NONE,
        List.of());
    RunDetails run = new RunDetails(5, "HR Feed", "DS", "in-progress", null, null,
        List.of(running));

    assertEquals(List.of(run),
        RunHistoryXml.read(RunHistoryXml.write(List.of(run), Histories.HR_ID)));
  }

  @Test
  void characters_xml_cannot_carry_become_replacement_characters_and_the_rest_survive() {
    String nasty = "a\u0000b\u0007c \uD83D\uDE00 <&>\"' \uD800";
    StepDetails step = new StepDetails(1, StepKind.EXPORT, "p<&>\"", "completed-export-errors",
        null, null, StagingCounters.NONE, InboundFlowCounters.NONE, Map.of(), ExportCounters.NONE,
        List.of(new RunError(RunError.Phase.EXPORT, "cd-error", "CN=x", nasty)));
    RunDetails run = new RunDetails(1, "HR & \"Feed\"", "P'1", "completed-export-errors", null,
        null, List.of(step));

    RunDetails back = RunHistoryXml.read(RunHistoryXml.write(List.of(run), Histories.HR_ID))
        .get(0);

    assertEquals("HR & \"Feed\"", back.ma());
    assertEquals("P'1", back.profile());
    assertEquals("p<&>\"", back.steps().get(0).partition());
    assertEquals("a\uFFFDb\uFFFDc \uD83D\uDE00 <&>\"' \uFFFD",
        back.steps().get(0).errors().get(0).detail());
  }

  @Test
  void a_history_without_runs_reads_back_empty() {
    String xml = RunHistoryXml.write(List.of(), Histories.HR_ID);

    assertEquals(List.of(), RunHistoryXml.read(xml));
    assertEquals("<?xml version=\"1.0\" encoding=\"utf-16\"?>\n<run-history></run-history>", xml);
  }
}
