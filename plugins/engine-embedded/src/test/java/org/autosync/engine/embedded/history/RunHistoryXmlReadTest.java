package org.autosync.engine.embedded.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.autosync.api.engine.InboundFlowCounters;
import org.autosync.api.engine.RunDetails;
import org.autosync.api.engine.RunError;
import org.autosync.api.engine.StepDetails;
import org.autosync.api.engine.StepKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Reading real-world and broken documents. */
class RunHistoryXmlReadTest {

  /** A run whose run-details hold {@code steps}; line 1 is the declaration. */
  private static String history(String steps) {
    return """
        <?xml version="1.0" encoding="utf-16"?>
        <run-history>
         <run-details>
          <ma-id>{0A1B2C3D-0000-4000-8000-00000000A001}</ma-id>
          <ma-name>HR Feed</ma-name>
          <run-number>42</run-number>
          <run-profile-name>DI</run-profile-name>
          <security-id>CORP\\svc-sync</security-id>
        """ + steps + """
         </run-details>
        </run-history>
        """;
  }

  /** A step with the given number attribute, step type and extra content. */
  private static String step(String numberAttribute, String stepType, String content) {
    return """
          <step-details %s step-id="{0A1B2C3D-0000-4000-8000-0000000B0001}">
           <start-date>2024-03-05 06:10:00.000</start-date>
           <end-date>2024-03-05 06:10:12.400</end-date>
           <step-result>success</step-result>
           <step-description>%s<partition>default</partition></step-description>
           %s
          </step-details>
        """.formatted(numberAttribute, stepType, content);
  }

  private static String importStep(String content) {
    return step("step-number=\"1\"",
        "<step-type type=\"delta-import\"><import-subtype>to-cs</import-subtype></step-type>",
        content);
  }

  private static RunDetails readOne(String xml) {
    List<RunDetails> runs = RunHistoryXml.read(xml);
    assertEquals(1, runs.size());
    return runs.get(0);
  }

  private static IllegalArgumentException refused(String xml) {
    return assertThrows(IllegalArgumentException.class, () -> RunHistoryXml.read(xml));
  }

  private static void assertMentions(IllegalArgumentException e, String... parts) {
    for (String part : parts) {
      assertTrue(e.getMessage().contains(part), "'" + part + "' not in: " + e.getMessage());
    }
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "full-import | <import-subtype>to-cs</import-subtype> | FULL_IMPORT",
      "full-import | <import-subtype>to-file</import-subtype><import-subtype>to-cs</import-subtype>"
          + " | FULL_IMPORT",
      "full-import | | FULL_IMPORT_DELTA_SYNC",
      "full-import | <import-subtype>to-file</import-subtype> | FULL_IMPORT_DELTA_SYNC",
      "delta-import | <import-subtype>to-cs</import-subtype> | DELTA_IMPORT",
      "delta-import | | DELTA_IMPORT_DELTA_SYNC",
      "full-import-reevaluate-rules | | FULL_IMPORT_FULL_SYNC",
      "apply-rules | <apply-rules-subtype>apply-pending</apply-rules-subtype> | DELTA_SYNC",
      "apply-rules | <apply-rules-subtype>reevaluate-flow-connectors</apply-rules-subtype>"
          + " | FULL_SYNC",
      "apply-rules | <apply-rules-subtype>reevaluate-join-flow-all</apply-rules-subtype>"
          + " | FULL_SYNC",
      "export | | EXPORT",
      "export | <export-subtype>to-file</export-subtype> | EXPORT"})
  void step_types_decode_as_mims_run_profile_steps_do(String type, String subtypes,
      StepKind kind) {
    String stepType = "<step-type type=\"" + type + "\">" + (subtypes == null ? "" : subtypes)
        + "</step-type>";

    RunDetails run = readOne(history(step("step-number=\"1\"", stepType, "")));

    assertEquals(kind, run.steps().get(0).kind());
  }

  @Test
  void a_run_without_step_details_is_refused_with_its_path_and_line() {
    IllegalArgumentException e = refused(history(""));

    assertMentions(e, "run-history/run-details[1]", "step-details", "(line 3)");
  }

  @Test
  void a_bad_counter_is_refused_with_its_path_and_line() {
    String xml = history(importStep("""
        <staging-counters>
            <stage-no-change detail="false">0</stage-no-change>
            <stage-add detail="true">12x</stage-add>
           </staging-counters>"""));

    IllegalArgumentException e = refused(xml);

    assertMentions(e,
        "run-history/run-details[1]/step-details[1]/staging-counters/stage-add", "'12x'",
        "not a whole number", "(line 16)");
  }

  @Test
  void a_negative_counter_is_refused() {
    IllegalArgumentException e = refused(history(importStep(
        "<export-counters><export-add>-1</export-add></export-counters>")));

    assertMentions(e, "export-counters/export-add", "'-1' is negative");
  }

  @Test
  void a_bad_run_number_or_step_number_is_refused() {
    assertMentions(refused(history(importStep("")).replace(">42<", ">forty-two<")),
        "run-history/run-details[1]/run-number", "'forty-two'");
    assertMentions(refused(history(step("step-number=\"0\"",
        "<step-type type=\"export\"/>", ""))), "step-details[1]/@step-number", "'0'");
  }

  @Test
  void a_missing_required_element_is_named() {
    assertMentions(refused(history(importStep("")).replace("<run-number>42</run-number>", "")),
        "run-history/run-details[1]", "'run-number' is missing", "(line 3)");
    assertMentions(refused(history(importStep("")).replace("<step-result>success</step-result>",
        "")), "step-details[1]", "'step-result' is missing");
    assertMentions(refused(history(step("step-number=\"1\"", "<step-type/>", ""))),
        "step-description/step-type", "'type' is missing");
    assertMentions(refused(history(step("", "<step-type type=\"export\"/>", ""))),
        "step-details[1]", "'step-number' is missing");
  }

  @Test
  void an_unknown_step_type_or_sync_subtype_is_refused() {
    assertMentions(refused(history(step("step-number=\"1\"",
        "<step-type type=\"password-sync\"/>", ""))),
        "step-type/@type", "'password-sync'");
    assertMentions(refused(history(step("step-number=\"1\"",
        "<step-type type=\"apply-rules\"><apply-rules-subtype>guess</apply-rules-subtype>"
            + "</step-type>", ""))),
        "step-type/apply-rules-subtype", "'guess'");
  }

  @Test
  void a_bad_date_is_refused_and_an_empty_one_is_unknown() {
    assertMentions(refused(history(importStep("")).replace("2024-03-05 06:10:00.000",
        "2024-03-05T06:10:00Z")), "step-details[1]/start-date", "'2024-03-05T06:10:00Z'");

    RunDetails run = readOne(history(importStep("")).replace(
        "<end-date>2024-03-05 06:10:12.400</end-date>", "<end-date></end-date>"));
    assertNull(run.steps().get(0).end());
    assertNull(run.end());
  }

  @Test
  void text_that_is_not_xml_is_refused_with_a_line() {
    IllegalArgumentException e = refused("<run-history>\n <run-details>\n</run-history>");

    assertMentions(e, "not well-formed", "line 3");
  }

  @Test
  void a_document_of_another_kind_is_refused() {
    assertMentions(refused("<ma-data/>"), "expected a run-history document", "'ma-data'");
  }

  @Test
  void the_same_step_number_twice_is_refused() {
    String twice = importStep("") + importStep("");

    assertMentions(refused(history(twice)), "step-details[2]", "step number 1 appears twice");
  }

  @Test
  void unknown_elements_and_attributes_are_ignored() {
    String xml = history(importStep("""
        <ma-connection><connection-result>success</connection-result><server>x</server>
           </ma-connection>
           <future-element detail="true">7</future-element>
           <staging-counters future="1"><stage-add detail="true">4</stage-add>
             <stage-future detail="true">9</stage-future></staging-counters>
        """)).replace("<run-profile-name>", "<extra><deep/></extra><run-profile-name>");

    RunDetails run = readOne(xml);

    assertEquals(4, run.steps().get(0).staging().add());
    assertEquals(4, run.steps().get(0).staging().changes());
  }

  @Test
  void microsofts_number_attribute_is_read_like_step_number() {
    String xml = history(step("number=\"2\"", "<step-type type=\"apply-rules\">"
        + "<apply-rules-subtype>apply-pending</apply-rules-subtype></step-type>", "")
        + importStep(""));

    RunDetails run = readOne(xml);

    assertEquals(List.of(StepKind.DELTA_IMPORT, StepKind.DELTA_SYNC),
        run.steps().stream().map(StepDetails::kind).toList());
  }

  @Test
  void errors_written_by_a_real_server_read_with_their_phase_object_and_detail() {
    String xml = history(importStep("""
        <ma-discovery-errors>
            <ma-object-error><error-type>duplicate-object</error-type>
             <anchor encoding="base64">QUJD</anchor></ma-object-error>
           </ma-discovery-errors>
           <synchronization-errors>
            <import-error cs-guid="{0A1B2C3D-0000-4000-8000-0000000C0099}" dn="EMP-1">
             <first-occurred>2024-03-05 06:10:13.010</first-occurred>
             <retry-count>0</retry-count>
             <date-occurred>2024-03-05 06:10:13.010</date-occurred>
             <error-type>extension-dll-exception</error-type>
             <algorithm-step>import-flow</algorithm-step>
             <extension-error-info><extension-name>Rules</extension-name>
              <extension-callsite>import-flow</extension-callsite>
              <extension-context>mail</extension-context>
              <call-stack>NullReferenceException</call-stack></extension-error-info>
            </import-error>
            <export-error cs-guid="{0A1B2C3D-0000-4000-8000-0000000C0100}" dn="CN=B,DC=x">
             <date-occurred>2024-03-05 06:10:13.010</date-occurred>
             <first-occurred>2024-03-05 06:10:13.010</first-occurred>
             <retry-count>2</retry-count>
             <error-type>permission-issue</error-type>
             <cd-error><error-code>0x5</error-code><error-literal>Access is denied.</error-literal>
              <server-error-detail>00000005: SecErr</server-error-detail></cd-error>
            </export-error>
           </synchronization-errors>
           <mv-retry-errors>
            <retry-error display-name="Ann Example" mv-guid="{0A1B2C3D-0000-4000-8000-0000000D0001}">
             <date-occurred>2024-03-05 06:10:13.010</date-occurred>
             <error-type>locking-error-needs-retry</error-type>
             <algorithm-step>provisioning</algorithm-step>
            </retry-error>
           </mv-retry-errors>
        """));

    assertEquals(List.of(
        new RunError(RunError.Phase.DISCOVERY, "duplicate-object", "QUJD", ""),
        new RunError(RunError.Phase.IMPORT, "extension-dll-exception", "EMP-1",
            "NullReferenceException"),
        new RunError(RunError.Phase.EXPORT, "permission-issue", "CN=B,DC=x",
            "Access is denied.; 00000005: SecErr"),
        new RunError(RunError.Phase.MV_RETRY, "locking-error-needs-retry", "Ann Example", "")),
        readOne(xml).steps().get(0).errors());
  }

  @Test
  void an_error_without_its_type_is_refused() {
    assertMentions(refused(history(importStep(
        "<synchronization-errors><export-error dn=\"x\"/></synchronization-errors>"))),
        "synchronization-errors/export-error[1]", "'error-type' is missing");
  }

  @Test
  void a_saved_history_wrapped_in_execution_histories_is_read_too() {
    String run = history(importStep("")).replace("<?xml version=\"1.0\" encoding=\"utf-16\"?>",
        "");
    String xml = "<execution-histories>" + run + run.replace(">42<", ">43<")
        + "</execution-histories>";

    assertEquals(List.of(42L, 43L),
        RunHistoryXml.read(xml).stream().map(RunDetails::runNumber).toList());
  }

  @Test
  void a_new_ma_has_an_empty_history() {
    assertEquals(List.of(), RunHistoryXml.read("<?xml version=\"1.0\" encoding=\"utf-16\"?>\n"
        + "<run-history>\n</run-history>"));
  }

  @Test
  void a_partial_run_ends_with_the_step_that_stopped() {
    String xml = history(step("step-number=\"2\"", "<step-type type=\"apply-rules\">"
        + "<apply-rules-subtype>apply-pending</apply-rules-subtype></step-type>", "")
        .replace(">success<", ">stopped-user-termination-from-wmi-or-ui<") + importStep(""));

    RunDetails run = readOne(xml);

    assertEquals("stopped-user-termination-from-wmi-or-ui", run.result());
    assertEquals(InboundFlowCounters.NONE, run.steps().get(1).inbound());
  }

  @Test
  void a_document_type_declaration_is_refused() {
    String xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE run-history [<!ENTITY x SYSTEM"
        + " \"file:///etc/passwd\">]>\n<run-history><run-details><ma-name>&x;</ma-name>"
        + "</run-details></run-history>";

    assertThrows(IllegalArgumentException.class, () -> RunHistoryXml.read(xml));
  }
}
