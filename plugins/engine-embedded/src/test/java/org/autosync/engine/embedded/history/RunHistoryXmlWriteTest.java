package org.autosync.engine.embedded.history;

import static org.autosync.engine.embedded.history.Histories.child;
import static org.autosync.engine.embedded.history.Histories.children;
import static org.autosync.engine.embedded.history.Histories.dom;
import static org.autosync.engine.embedded.history.Histories.names;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.autosync.api.engine.ExportCounters;
import org.autosync.api.engine.InboundFlowCounters;
import org.autosync.api.engine.OutboundFlowCounters;
import org.autosync.api.engine.RunDetails;
import org.autosync.api.engine.StagingCounters;
import org.autosync.api.engine.StepDetails;
import org.autosync.api.engine.StepKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.w3c.dom.Element;

class RunHistoryXmlWriteTest {

  private static final Pattern MIM_GUID =
      Pattern.compile("\\{[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}}");

  private static Element onlyRun(String xml) {
    Element root = dom(xml).getDocumentElement();
    assertEquals("run-history", root.getTagName());
    List<Element> runs = children(root, "run-details");
    assertEquals(1, runs.size());
    return runs.get(0);
  }

  private static Element firstStep(RunDetails run) {
    return children(onlyRun(RunHistoryXml.write(List.of(run), Histories.HR_ID)), "step-details")
        .get(0);
  }

  @Test
  void run_details_hold_mims_elements_in_mims_order_with_the_newest_step_first() {
    Element run = onlyRun(RunHistoryXml.write(List.of(Histories.everything()), Histories.HR_ID));

    List<String> expected = new ArrayList<>(List.of(
        "ma-id", "ma-name", "run-number", "run-profile-name", "security-id"));
    expected.addAll(Collections.nCopies(StepKind.values().length, "step-details"));
    assertEquals(expected, names(children(run)));
    assertEquals(List.of("8", "7", "6", "5", "4", "3", "2", "1"),
        children(run, "step-details").stream().map(s -> s.getAttribute("step-number")).toList());
    assertEquals(Histories.HR_ID, child(run, "ma-id").getTextContent());
    assertEquals("HR Feed", child(run, "ma-name").getTextContent());
    assertEquals("7", child(run, "run-number").getTextContent());
    assertEquals("Everything", child(run, "run-profile-name").getTextContent());
    assertEquals("AUTOSYNC\\engine", child(run, "security-id").getTextContent());
  }

  @Test
  void step_details_hold_mims_elements_in_mims_order() {
    Element step = firstStep(Histories.everything());

    assertEquals(List.of("start-date", "end-date", "step-result", "step-description",
        "current-export-step-counter", "last-successful-export-step-counter", "ma-connection",
        "ma-discovery-errors", "ma-discovery-counters", "synchronization-errors",
        "mv-retry-errors", "outbound-flow-counters", "outbound-flow-counters",
        "staging-counters", "inbound-flow-counters", "export-counters"), names(children(step)));
    assertEquals(List.of("step-type", "partition"),
        names(children(child(step, "step-description"))));
    assertEquals(List.of("import-error", "import-error", "export-error"),
        names(children(child(step, "synchronization-errors"))));
    assertEquals("0", child(step, "current-export-step-counter").getTextContent());
    assertEquals("0", child(step, "last-successful-export-step-counter").getTextContent());
  }

  @Test
  void times_are_utc_with_milliseconds_and_no_t() {
    Element step = firstStep(Histories.run("HR Feed", 1, Histories.step(1, StepKind.EXPORT)));

    assertEquals("2024-03-05 06:10:01.125", child(step, "start-date").getTextContent());
    assertEquals("2024-03-05 06:10:01.625", child(step, "end-date").getTextContent());
  }

  @Test
  void groups_without_content_are_empty_elements_that_are_always_present() {
    String xml = RunHistoryXml.write(
        List.of(Histories.run("HR Feed", 1, Histories.step(1, StepKind.DELTA_SYNC))),
        Histories.HR_ID);

    for (String empty : List.of("<ma-connection/>", "<ma-discovery-errors/>",
        "<ma-discovery-counters/>", "<synchronization-errors/>", "<mv-retry-errors/>")) {
      assertTrue(xml.contains(empty), empty + " missing from\n" + xml);
    }
    assertTrue(!xml.contains("outbound-flow-counters"), xml);
  }

  @Test
  void staging_inbound_and_export_counters_are_all_written_with_mims_detail_flags() {
    Element step = firstStep(Histories.run("HR Feed", 1, Histories.step(1, StepKind.EXPORT)));

    assertEquals(List.of("stage-no-change=false:0", "stage-add=true:0", "stage-update=true:0",
        "stage-rename=true:0", "stage-delete=true:0", "stage-delete-add=true:0",
        "stage-failure=true:0"), counters(child(step, "staging-counters")));
    List<String> inbound = counters(child(step, "inbound-flow-counters"));
    assertEquals(17, inbound.size());
    assertEquals(List.of("disconnector-filtered=true:0", "disconnector-joined-no-flow=true:0",
        "disconnector-joined-flow=true:0", "disconnector-joined-remove-mv=true:0",
        "disconnector-projected-no-flow=true:0", "disconnector-projected-flow=true:0",
        "disconnector-projected-remove-mv=true:0", "disconnector-remains=false:0",
        "connector-filtered-remove-mv=true:0", "connector-filtered-leave-mv=true:0",
        "connector-flow=true:0", "connector-flow-remove-mv=true:0", "connector-no-flow=true:0",
        "connector-delete-remove-mv=true:0", "connector-delete-leave-mv=true:0",
        "connector-delete-add-processed=true:0", "flow-failure=true:0"), inbound);
    assertEquals(List.of("export-add=true:0", "export-update=true:0", "export-rename=true:0",
        "export-delete=true:0", "export-delete-add=true:0", "export-failure=true:0"),
        counters(child(step, "export-counters")));
  }

  @Test
  void each_counter_lands_in_its_own_element() {
    StepDetails step = new StepDetails(1, StepKind.FULL_IMPORT_FULL_SYNC, "default", "success",
        null, null, Histories.staging(0), Histories.inbound(10),
        Map.of("T", Histories.outbound(40)), Histories.export(80), List.of());

    Element written = firstStep(Histories.run("HR Feed", 1, step));

    assertEquals(List.of("1", "2", "3", "4", "5", "6", "7"),
        values(child(written, "staging-counters")));
    assertEquals(List.of("11", "12", "13", "14", "15", "16", "17", "18", "19", "20", "21", "22",
        "23", "24", "25", "26", "27"), values(child(written, "inbound-flow-counters")));
    assertEquals(List.of("81", "82", "83", "84", "85", "86"),
        values(child(written, "export-counters")));
    // record order: add-flow, add-no-flow, rename-flow, rename-no-flow, disconnect,
    // delete-add-flow, delete-add-no-flow, connector-flow, connector-no-flow
    assertEquals(List.of("provisioned-add-no-flow=true:42", "provisioned-add-flow=true:41",
        "provisioned-rename-no-flow=true:44", "provisioned-rename-flow=true:43",
        "provisioned-disconnect=true:45", "connector-flow=true:48", "connector-no-flow=true:49",
        "provisioned-delete-add-no-flow=true:47", "provisioned-delete-add-flow=true:46"),
        counters(child(written, "outbound-flow-counters")));
  }

  @Test
  void outbound_counters_list_only_non_zero_children_and_only_targets_with_any()
      throws IOException {
    StepDetails sync = new StepDetails(1, StepKind.DELTA_SYNC, "default", "success", null, null,
        StagingCounters.NONE, InboundFlowCounters.NONE, Map.of(
            "Corp Directory", new OutboundFlowCounters(2, 0, 0, 0, 0, 0, 0, 5, 0),
            "Payroll", new OutboundFlowCounters(0, 0, 0, 0, 0, 0, 0, 0, 3),
            "Quiet", OutboundFlowCounters.NONE),
        ExportCounters.NONE, List.of());
    StringWriter out = new StringWriter();

    RunHistoryXml.write(List.of(Histories.run("HR Feed", 1, sync)),
        Map.of("HR Feed", Histories.HR_ID, "Corp Directory", Histories.CORP_ID), out);

    List<Element> targets =
        children(children(onlyRun(out.toString()), "step-details").get(0),
            "outbound-flow-counters");
    assertEquals(List.of("Corp Directory", "Payroll"),
        targets.stream().map(t -> t.getAttribute("ma")).toList());
    assertEquals(Histories.CORP_ID, targets.get(0).getAttribute("ma-id"));
    assertEquals(RunHistoryWriter.derivedMaId("Payroll"), targets.get(1).getAttribute("ma-id"));
    assertEquals(List.of("provisioned-add-flow=true:2", "connector-flow=true:5"),
        counters(targets.get(0)));
    assertEquals(List.of("connector-no-flow=true:3"), counters(targets.get(1)));
  }

  @ParameterizedTest
  @CsvSource({
      "FULL_IMPORT, full-import, import-subtype, to-cs",
      "DELTA_IMPORT, delta-import, import-subtype, to-cs",
      "FULL_IMPORT_DELTA_SYNC, full-import, , ",
      "DELTA_IMPORT_DELTA_SYNC, delta-import, , ",
      "FULL_IMPORT_FULL_SYNC, full-import-reevaluate-rules, , ",
      "DELTA_SYNC, apply-rules, apply-rules-subtype, apply-pending",
      "FULL_SYNC, apply-rules, apply-rules-subtype, reevaluate-flow-connectors",
      "EXPORT, export, , "})
  void each_step_kind_is_written_as_mims_step_type(StepKind kind, String type,
      String subtypeElement, String subtype) {
    Element stepType = child(child(firstStep(Histories.run("HR Feed", 1,
        Histories.step(1, kind))), "step-description"), "step-type");

    assertEquals(type, stepType.getAttribute("type"));
    List<Element> subtypes = children(stepType);
    if (subtypeElement == null) {
      assertEquals(List.of(), subtypes);
    } else {
      assertEquals(List.of(subtypeElement), names(subtypes));
      assertEquals(subtype, subtypes.get(0).getTextContent());
    }
  }

  @Test
  void step_ids_are_mim_guids_that_differ_per_step_and_run_and_repeat_for_the_same_run() {
    RunDetails run = Histories.run("HR Feed", 9,
        Histories.step(1, StepKind.DELTA_IMPORT), Histories.step(2, StepKind.DELTA_SYNC));
    RunDetails next = Histories.run("HR Feed", 10, Histories.step(1, StepKind.DELTA_IMPORT));

    List<String> ids = stepIds(RunHistoryXml.write(List.of(run), Histories.HR_ID));
    List<String> again = stepIds(RunHistoryXml.write(List.of(run), Histories.HR_ID));
    List<String> nextIds = stepIds(RunHistoryXml.write(List.of(next), Histories.HR_ID));

    assertTrue(ids.stream().allMatch(id -> MIM_GUID.matcher(id).matches()), ids.toString());
    assertEquals(ids, again);
    assertNotEquals(ids.get(0), ids.get(1));
    assertNotEquals(ids.get(1), nextIds.get(0), "step 1 of run 9 and of run 10");
    assertEquals(RunHistoryWriter.stepId(Histories.HR_ID, 9, 1), ids.get(1));
  }

  @Test
  void the_ma_id_is_written_in_braces_and_upper_case_whatever_form_it_was_given_in() {
    String xml = RunHistoryXml.write(
        List.of(Histories.run("HR Feed", 1, Histories.step(1, StepKind.EXPORT))),
        "0a1b2c3d-0000-4000-8000-00000000a001");

    assertEquals(Histories.HR_ID, child(onlyRun(xml), "ma-id").getTextContent());
  }

  @Test
  void the_string_form_declares_utf16_like_mim_and_the_writer_form_no_encoding()
      throws Exception {
    List<RunDetails> runs =
        List.of(Histories.run("HR Feed", 1, Histories.step(1, StepKind.EXPORT)));
    StringWriter out = new StringWriter();
    RunHistoryXml.write(runs, Map.of("HR Feed", Histories.HR_ID), out);

    assertTrue(RunHistoryXml.write(runs, Histories.HR_ID)
        .startsWith("<?xml version=\"1.0\" encoding=\"utf-16\"?>\n<run-history>"));
    assertTrue(out.toString().startsWith("<?xml version=\"1.0\"?>\n<run-history>"),
        out.toString());
  }

  @Test
  void errors_are_written_where_mim_keeps_them() {
    Element step = firstStep(Histories.everything());

    Element discovery = children(child(step, "ma-discovery-errors"), "ma-object-error").get(0);
    assertEquals(List.of("error-type", "dn", "cd-error"), names(children(discovery)));
    assertEquals("two entries share the anchor 'E8'",
        child(child(discovery, "cd-error"), "error-literal").getTextContent());
    Element imported = children(child(step, "synchronization-errors"), "import-error").get(0);
    assertEquals("EMP-8", imported.getAttribute("dn"));
    assertEquals(List.of("error-type", "extension-error-info"), names(children(imported)));
    Element exported = child(child(step, "synchronization-errors"), "export-error");
    assertEquals("CN=A & B <x>,DC=corp", exported.getAttribute("dn"));
    Element retry = child(child(step, "mv-retry-errors"), "retry-error");
    assertEquals("Ann Example", retry.getAttribute("displayName"));
    assertEquals(List.of("error-type"), names(children(retry)));
  }

  @Test
  void a_run_without_steps_is_refused_because_its_result_would_be_lost() {
    RunDetails empty = new RunDetails(3, "HR Feed", "P", "no-start-connection", null, null,
        List.of());

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> RunHistoryXml.write(List.of(empty), Histories.HR_ID));

    assertTrue(e.getMessage().contains("run 3 of 'HR Feed'"), e.getMessage());
    assertTrue(e.getMessage().contains("no steps"), e.getMessage());
  }

  @Test
  void repeated_step_numbers_are_refused() {
    RunDetails twice = Histories.run("HR Feed", 3,
        Histories.step(1, StepKind.DELTA_IMPORT), Histories.step(1, StepKind.DELTA_SYNC));

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> RunHistoryXml.write(List.of(twice), Histories.HR_ID));

    assertTrue(e.getMessage().contains("step number 1 appears twice"), e.getMessage());
  }

  @Test
  void one_ma_id_cannot_stand_for_runs_of_several_mas() {
    List<RunDetails> runs = List.of(
        Histories.run("HR Feed", 1, Histories.step(1, StepKind.EXPORT)),
        Histories.run("Payroll", 1, Histories.step(1, StepKind.EXPORT)));

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> RunHistoryXml.write(runs, Histories.HR_ID));

    assertTrue(e.getMessage().contains("several MAs"), e.getMessage());
  }

  @Test
  void an_ma_id_that_is_not_a_guid_is_refused_and_nothing_is_written() {
    StringWriter out = new StringWriter();

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> RunHistoryXml.write(
            List.of(Histories.run("HR Feed", 1, Histories.step(1, StepKind.EXPORT))),
            Map.of("HR Feed", "hr-feed"), out));

    assertTrue(e.getMessage().contains("'HR Feed'") && e.getMessage().contains("'hr-feed'"),
        e.getMessage());
    assertEquals("", out.toString());
    assertThrows(IllegalArgumentException.class,
        () -> RunHistoryXml.write(List.of(), "{0A1B2C3D-0000}"));
  }

  @Test
  void a_failing_writer_surfaces_as_its_io_exception() {
    Writer broken = new Writer() {
      @Override
      public void write(char[] buffer, int offset, int length) throws IOException {
        throw new IOException("disk full");
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };

    IOException e = assertThrows(IOException.class, () -> RunHistoryXml.write(
        List.of(Histories.everything()), Map.of("HR Feed", Histories.HR_ID), broken));

    assertEquals("disk full", e.getMessage());
  }

  private static List<String> stepIds(String xml) {
    return children(onlyRun(xml), "step-details").stream()
        .map(s -> s.getAttribute("step-id")).toList();
  }

  /** Each child as {@code name=detail:value}. */
  private static List<String> counters(Element group) {
    return children(group).stream()
        .map(c -> c.getTagName() + "=" + c.getAttribute("detail") + ":" + c.getTextContent())
        .toList();
  }

  private static List<String> values(Element group) {
    return children(group).stream().map(Element::getTextContent).toList();
  }
}
