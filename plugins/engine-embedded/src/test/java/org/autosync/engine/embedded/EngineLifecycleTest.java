package org.autosync.engine.embedded;

import static org.autosync.engine.embedded.Lab.person;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.autosync.api.ExecutionRequest;
import org.autosync.api.ProfileType;
import org.autosync.api.engine.PartitionWork;
import org.autosync.api.engine.ResultCodes;
import org.autosync.api.engine.RunResult;
import org.autosync.engine.embedded.config.ConfigValidator;
import org.autosync.engine.embedded.config.EngineConfigException;
import org.autosync.engine.embedded.config.EngineConfigs;
import org.autosync.host.controller.ControllerSettings;
import org.autosync.host.controller.ExecutionController;
import org.autosync.host.controller.MaSettings;
import org.autosync.host.time.SystemScheduler;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EngineLifecycleTest {

  @TempDir Path dir;

  @Test
  void a_second_sync_is_refused_while_one_runs_and_so_is_a_second_run_on_one_ma() throws Exception {
    try (Lab lab = new Lab(dir, false)) {
      lab.run("HR", "FI");
      lab.hr.importGate = new CountDownLatch(1);
      CompletableFuture<RunResult> running =
          CompletableFuture.supplyAsync(() -> lab.engine.run("HR", "DIDS"));
      lab.hr.importEntered.await();
      assertEquals(ResultCodes.NO_START_SYNC_ALREADY_RUNNING,
          lab.engine.run("CORP", "DS").result());
      assertEquals(ResultCodes.NO_START_MA_ALREADY_RUNNING, lab.engine.run("HR", "FI").result());
      assertEquals(ResultCodes.COMPLETED_NO_OBJECTS, lab.engine.run("CORP", "FI").result(),
          "imports of other MAs may overlap (Corp is empty)");
      assertTrue(lab.engine.status("HR").running());
      lab.hr.importGate.countDown();
      assertEquals(ResultCodes.SUCCESS, running.get().result());
      assertEquals(List.of(ResultCodes.NO_START_SYNC_ALREADY_RUNNING,
              ResultCodes.NO_START_MA_ALREADY_RUNNING),
          lab.engine.refusals().stream().map(EmbeddedEngine.Refusal::result).toList());
    }
  }

  @Test
  void state_survives_a_restart_and_run_numbers_go_on() {
    try (Lab lab = new Lab(dir, true)) {
      lab.run("CORP", "FI");
      lab.hr.put(person("1001", "Ada", "Lovelace", "Engineer"));
      lab.run("HR", "FI");
      lab.run("HR", "DS");
      lab.restart();
      assertEquals(PartitionWork.of("default", 0, 1, 0),
          lab.engine.pendingWork("CORP").partitions().getFirst());
      assertEquals(1, lab.engine.metaverseSize());
      assertEquals(2, lab.engine.status("HR").lastRunNumber());
      assertEquals(2, lab.engine.history("HR").size());
      assertEquals(ResultCodes.SUCCESS, lab.run("CORP", "E").result());
      lab.run("CORP", "DI");
      lab.run("CORP", "DS");
      lab.restart();
      assertEquals(PartitionWork.of("default", 0, 0, 0),
          lab.engine.pendingWork("CORP").partitions().getFirst());
      lab.hr.put(person("1001", "Ada", "Lovelace", "Director"));
      assertEquals(1, Lab.step(lab.run("HR", "DI")).staging().update(), "watermark survived");
    }
  }

  @Test
  void the_controller_drives_the_engine_around_the_loop_until_quiet() throws Exception {
    try (Lab lab = new Lab(dir, false);
        SystemScheduler scheduler = new SystemScheduler(InstantSource.system());
        ExecutionController controller = new ExecutionController(lab.engine,
            ControllerSettings.defaults().withMa(MaSettings.enabled("HR"))
                .withMa(MaSettings.enabled("CORP")),
            InstantSource.system(), scheduler)) {
      lab.run("CORP", "FI");
      lab.run("HR", "FI");
      lab.hr.put(person("1001", "Ada", "Lovelace", "Engineer"));
      lab.hr.put(person("1002", "Alan", "Turing", "Mathematician"));
      controller.start();
      controller.submit(ExecutionRequest.ofType("HR", ProfileType.DELTA_IMPORT));
      Awaitility.await().atMost(Duration.ofSeconds(20)).until(controller::isQuiet);
      assertEquals(2, lab.corp.all().size());
      for (String ma : List.of("HR", "CORP")) {
        assertEquals(PartitionWork.of("default", 0, 0, 0),
            lab.engine.pendingWork(ma).partitions().getFirst(), ma);
      }
      assertEquals(List.of(), lab.engine.refusals());
      List<String> corpRuns = lab.engine.history("CORP").stream()
          .map(r -> r.profile()).toList();
      assertEquals(List.of("FI", "E", "DI", "DS"), corpRuns);
    }
  }

  @Test
  void an_invalid_model_is_refused_with_every_problem_and_its_field() {
    String yaml = """
        metaverse:
          person: {attributes: [employeeNumber, cn]}
        mas:
          - name: HR
            connector: {type: ldap, options: {system: x, hots: y}}
            objectTypes:
              - name: person
                anchor: employeeNumber
                attributes: [employeeNumber, givenName]
                metaverseType: person
                join: [{cs: employeeNumbr, mv: employeeNumber}]
                importFlows: {cn: "${givenNam}", title: givenName}
                exportFlows: {givenName: "${cn"}
                provision: {dn: "not a dn ${cn}", when: [cn]}
            profiles:
              FI: [{kind: FullImprot}]
        """;
    var e = assertThrows(EngineConfigException.class, () -> ConfigValidator.compile(
        EngineConfigs.fromYaml(yaml), Map.of("ldap", new MemorySystem.Factory())));
    String all = String.join("\n", e.problems());
    for (String expected : List.of(
        "mas[0].connector.options.hots: unknown option",
        "mas[0].objectTypes[0].join[0].cs: expected an attribute of 'person'",
        "mas[0].objectTypes[0].importFlows.cn: names 'givennam', which is not an attribute",
        "mas[0].objectTypes[0].importFlows.title: 'title' is not an attribute of metaverse type",
        "mas[0].objectTypes[0].exportFlows.givenName: unclosed '${'",
        "mas[0].objectTypes[0].provision.dn: 'not a dn ${cn}' does not make a valid LDAP DN",
        "mas[0].profiles.FI[0].kind: expected FullImport")) {
      assertTrue(all.contains(expected), "missing: " + expected + "\nin:\n" + all);
    }
  }

  @Test
  void an_unknown_field_is_named_with_its_line() {
    var e = assertThrows(EngineConfigException.class, () -> EngineConfigs.fromYaml("""
        mas:
          - name: HR
            conector: {type: csv}
        """));
    assertTrue(e.problems().getFirst().startsWith("mas[0].conector (line "),
        e.problems().getFirst());
    assertTrue(e.problems().getFirst().contains("unknown field; expected one of"),
        e.problems().getFirst());
  }
}
