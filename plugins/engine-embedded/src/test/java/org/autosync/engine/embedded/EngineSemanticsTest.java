package org.autosync.engine.embedded;

import static org.autosync.engine.embedded.Lab.person;
import static org.autosync.engine.embedded.Lab.step;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.autosync.api.engine.PartitionWork;
import org.autosync.api.engine.ResultCodes;
import org.autosync.api.engine.RunDetails;
import org.autosync.api.engine.RunError;
import org.autosync.engine.embedded.connector.ConnectorEntry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EngineSemanticsTest {

  @TempDir Path dir;
  Lab lab;

  @BeforeEach
  void open() {
    lab = new Lab(dir, false);
    lab.run("CORP", "FI"); // the first full import gives Corp its delta watermark
  }

  @AfterEach
  void close() {
    lab.close();
  }

  private PartitionWork work(String ma) {
    return lab.engine.pendingWork(ma).partitions().getFirst();
  }

  /** HR FI, DS; CORP E, DI, DS: a person from HR exists in Corp. */
  private void provisionAda() {
    lab.hr.put(person("1001", "Ada", "Lovelace", "Engineer"));
    lab.run("HR", "FI");
    lab.run("HR", "DS");
    lab.run("CORP", "E");
    lab.run("CORP", "DI");
    lab.run("CORP", "DS");
  }

  @Test
  void a_new_person_in_hr_is_provisioned_to_corp_and_confirmed() {
    lab.hr.put(person("1001", "Ada", "Lovelace", "Engineer"));
    RunDetails fi = lab.run("HR", "FI");
    assertEquals(ResultCodes.SUCCESS, fi.result());
    assertEquals(1, step(fi).staging().add());
    assertEquals(1, work("HR").stagedImports().getAsLong());

    RunDetails ds = lab.run("HR", "DS");
    assertEquals(1, step(ds).inbound().disconnectorProjectedFlow());
    assertEquals(1, step(ds).outbound().get("CORP").provisionedAddFlow());
    assertEquals(1, work("CORP").pendingExports().getAsLong());

    RunDetails e = lab.run("CORP", "E");
    assertEquals(1, step(e).export().add());
    ConnectorEntry written = lab.corp.get("uid=ada.lovelace,ou=users,dc=corp");
    assertNotNull(written, "exported to Corp");
    assertEquals(List.of("ada.lovelace@corp.example"), written.values("mail"));
    assertEquals(List.of("Ada Lovelace"), written.values("cn"));
    assertEquals(1, work("CORP").unconfirmedExports().getAsLong());

    lab.run("CORP", "DI");
    assertEquals(0, work("CORP").unconfirmedExports().getAsLong(), "confirmed by import");
    RunDetails cds = lab.run("CORP", "DS");
    assertTrue(step(cds).outboundTargets().isEmpty(), "nothing more flows: quiet");
    assertEquals(PartitionWork.of("default", 0, 0, 0), work("CORP"));
    assertEquals(PartitionWork.of("default", 0, 0, 0), work("HR"));
  }

  @Test
  void an_attribute_change_flows_to_corp() {
    provisionAda();
    lab.hr.put(person("1001", "Ada", "Lovelace", "Director"));
    RunDetails di = lab.run("HR", "DI");
    assertEquals(1, step(di).staging().update());
    RunDetails ds = lab.run("HR", "DS");
    assertEquals(1, step(ds).inbound().connectorFlow());
    assertEquals(1, step(ds).outbound().get("CORP").connectorFlow());
    RunDetails e = lab.run("CORP", "E");
    assertEquals(1, step(e).export().update());
    assertEquals(List.of("Director"),
        lab.corp.get("uid=ada.lovelace,ou=users,dc=corp").values("title"));
  }

  @Test
  void a_name_change_renames_the_corp_object() {
    provisionAda();
    lab.hr.put(person("1001", "Ada", "King", "Engineer"));
    lab.run("HR", "DI");
    RunDetails ds = lab.run("HR", "DS");
    assertEquals(1, step(ds).outbound().get("CORP").provisionedRenameFlow());
    RunDetails e = lab.run("CORP", "E");
    assertEquals(1, step(e).export().rename());
    assertNull(lab.corp.get("uid=ada.lovelace,ou=users,dc=corp"));
    ConnectorEntry renamed = lab.corp.get("uid=ada.king,ou=users,dc=corp");
    assertEquals(List.of("ada.king@corp.example"), renamed.values("mail"));
    RunDetails ci = lab.run("CORP", "DI");
    assertEquals(ResultCodes.SUCCESS, ci.result());
    assertEquals(0, work("CORP").unconfirmedExports().getAsLong());
  }

  @Test
  void a_person_deleted_in_hr_is_deprovisioned_from_corp() {
    provisionAda();
    lab.hr.delete("employeeNumber=1001,ou=people,o=hr");
    RunDetails di = lab.run("HR", "DI");
    assertEquals(1, step(di).staging().delete());
    RunDetails ds = lab.run("HR", "DS");
    assertEquals(1, step(ds).inbound().connectorDeleteRemoveMv());
    assertEquals(1, step(ds).outbound().get("CORP").provisionedDisconnect());
    assertEquals(0, lab.engine.metaverseSize());
    RunDetails e = lab.run("CORP", "E");
    assertEquals(1, step(e).export().delete());
    assertEquals(List.of(), lab.corp.all());
  }

  @Test
  void with_the_last_connector_rule_a_deleted_source_recalls_its_values_and_deprovisions() {
    lab.close();
    lab = new Lab(dir, false, yaml -> yaml.replace("deleteWhenDisconnectedFrom: [HR]", ""));
    lab.run("CORP", "FI");
    provisionAda();
    lab.hr.delete("employeeNumber=1001,ou=people,o=hr");
    lab.run("HR", "DI");
    RunDetails ds = lab.run("HR", "DS");
    assertEquals(1, step(ds).inbound().connectorDeleteLeaveMv(), "Corp still holds it");
    assertEquals(1, step(ds).outbound().get("CORP").provisionedDisconnect(),
        "HR's values were recalled, so provisioning no longer wants the Corp object");
    assertEquals(0, lab.engine.metaverseSize(), "its last connector went");
    lab.run("CORP", "E");
    assertEquals(List.of(), lab.corp.all());
  }

  @Test
  void an_existing_corp_object_is_joined_not_duplicated() {
    lab.corp.put(new ConnectorEntry("uid=ada.lovelace,ou=users,dc=corp", "inetOrgPerson",
        java.util.Map.of("uid", List.of("ada.lovelace"), "employeeNumber", List.of("1001"),
            "cn", List.of("Ada Lovelace"))));
    lab.run("CORP", "DI");
    lab.hr.put(person("1001", "Ada", "Lovelace", "Engineer"));
    lab.run("HR", "FI");
    lab.run("HR", "DS");
    lab.run("CORP", "E");
    assertEquals(1, lab.corp.all().size(), "no duplicate");
    assertEquals(List.of("Engineer"), lab.corp.all().getFirst().values("title"));
  }

  @Test
  void a_corp_object_joins_by_rule_when_synchronized() {
    lab.hr.put(person("1001", "Ada", "Lovelace", "Engineer"));
    lab.run("HR", "FI");
    lab.run("HR", "DS");
    lab.run("CORP", "E"); // provisioned
    // an object created in Corp by someone else, for the same person
    lab.corp.put(new ConnectorEntry("uid=other,ou=users,dc=corp", "inetOrgPerson",
        java.util.Map.of("uid", List.of("other"), "employeeNumber", List.of("2002"))));
    lab.hr.put(person("2002", "Grace", "Hopper", "Admiral"));
    lab.run("CORP", "DI");
    RunDetails cds = lab.run("CORP", "DS");
    assertEquals(1, step(cds).inbound().disconnectorRemains(), "no person 2002 yet");
    lab.run("HR", "DI");
    lab.run("HR", "DS"); // provisions Grace: uid=grace.hopper
    RunDetails again = lab.run("CORP", "DS");
    assertEquals(0, step(again).inbound().disconnectorJoinedFlow()
        + step(again).inbound().disconnectorJoinedNoFlow(),
        "2002 already has a provisioned Corp object, so the stray one cannot join as well");
  }

  @Test
  void an_exported_value_that_does_not_come_back_is_reported_once() {
    lab.corp.ignoredOnExport.add("title");
    provisionAda(); // includes CORP DI + DS
    RunDetails errors = lab.engine.history("CORP").getLast();
    assertEquals(ResultCodes.COMPLETED_SYNC_ERRORS, errors.result());
    RunError error = step(errors).errors().getFirst();
    assertEquals("exported-change-not-reimported", error.type());
    assertTrue(error.detail().contains("title"), error.detail());
    assertEquals(0, work("CORP").pendingExports().getAsLong(), "not exported again in a loop");
    RunDetails ds = lab.run("CORP", "DS");
    assertEquals(ResultCodes.SUCCESS, ds.result(), "reported once per import");
  }

  @Test
  void a_full_import_obsoletes_what_is_gone() {
    lab.hr.put(person("1001", "Ada", "Lovelace", "Engineer"));
    lab.hr.put(person("1002", "Alan", "Turing", "Mathematician"));
    lab.run("HR", "FI");
    lab.run("HR", "DS");
    lab.hr.delete("employeeNumber=1002,ou=people,o=hr");
    RunDetails fi = lab.run("HR", "FI");
    assertEquals(1, step(fi).staging().delete());
    assertEquals(1, step(fi).staging().noChange());
  }

  @Test
  void discovery_errors_do_not_obsolete() {
    lab.hr.put(person("1001", "Ada", "Lovelace", "Engineer"));
    lab.hr.put(person("1002", "Alan", "Turing", "Mathematician"));
    lab.run("HR", "FI");
    lab.hr.delete("employeeNumber=1002,ou=people,o=hr");
    lab.hr.put(new ConnectorEntry("cn=broken,ou=people,o=hr", "person",
        java.util.Map.of("sn", List.of("NoAnchor"))));
    RunDetails fi = lab.run("HR", "FI");
    assertEquals(ResultCodes.COMPLETED_DISCOVERY_ERRORS, fi.result());
    assertEquals(0, step(fi).staging().delete(), "no obsoletion");
    assertEquals(1, step(fi).staging().failure());
    RunError error = step(fi).errors().getFirst();
    assertEquals(RunError.Phase.DISCOVERY, error.phase());
    assertEquals("missing-anchor", error.type());
    assertEquals("cn=broken,ou=people,o=hr", error.object());
  }

  @Test
  void duplicate_anchors_are_discovery_errors_naming_both_objects() {
    lab.hr.put(person("1001", "Ada", "Lovelace", "Engineer"));
    lab.hr.put(new ConnectorEntry("cn=copy,ou=people,o=hr", "person",
        java.util.Map.of("employeeNumber", List.of("1001"))));
    RunDetails fi = lab.run("HR", "FI");
    RunError error = step(fi).errors().getFirst();
    assertEquals("duplicate-anchor", error.type());
    assertTrue(error.detail().contains("employeeNumber=1001,ou=people,o=hr"), error.detail());
  }

  @Test
  void a_delta_import_without_a_watermark_needs_a_full_import() {
    RunDetails di = lab.run("HR", "DI");
    assertEquals(ResultCodes.NO_START_FULL_IMPORT_REQUIRED, di.result());
  }

  @Test
  void a_connector_failure_ends_the_step_with_its_code_and_loses_nothing() {
    provisionAda();
    lab.hr.put(person("1001", "Ada", "Lovelace", "Director"));
    lab.run("HR", "DI");
    lab.run("HR", "DS");
    lab.corp.failNext = new org.autosync.engine.embedded.connector.ConnectorException(
        ResultCodes.STOPPED_CONNECTIVITY, "connection reset");
    RunDetails failed = lab.run("CORP", "E");
    assertEquals(ResultCodes.STOPPED_CONNECTIVITY, failed.result());
    assertEquals(1, work("CORP").pendingExports().getAsLong(), "still pending");
    RunDetails retried = lab.run("CORP", "E");
    assertEquals(1, step(retried).export().update());
  }

  @Test
  void run_history_exports_as_mim_xml_and_reads_back() {
    provisionAda();
    String xml = lab.engine.runHistoryXml("CORP");
    assertTrue(xml.contains("<run-profile-name>E</run-profile-name>"), xml);
    List<RunDetails> read = org.autosync.engine.embedded.history.RunHistoryXml.read(xml);
    List<RunDetails> kept = lab.engine.history("CORP");
    assertEquals(kept.size(), read.size());
    for (int i = 0; i < kept.size(); i++) {
      assertEquals(kept.get(i).runNumber(), read.get(i).runNumber());
      assertEquals(kept.get(i).result(), read.get(i).result());
      assertEquals(kept.get(i).steps().getFirst().staging(), read.get(i).steps().getFirst()
          .staging());
      assertEquals(kept.get(i).steps().getFirst().export(), read.get(i).steps().getFirst()
          .export());
    }
  }

  @Test
  void run_numbers_count_up_per_ma_and_history_has_every_step() {
    lab.hr.put(person("1001", "Ada", "Lovelace", "Engineer"));
    lab.run("HR", "FI");
    lab.hr.put(person("1001", "Ada", "Lovelace", "Director"));
    RunDetails both = lab.run("HR", "DIDS");
    assertEquals(2, both.runNumber());
    assertEquals(2, both.steps().size());
    assertEquals(List.of(1, 2), both.steps().stream().map(s -> s.stepNumber()).toList());
    assertEquals(2, lab.engine.status("HR").lastRunNumber());
    assertEquals("DIDS", lab.engine.status("HR").profile());
  }
}
