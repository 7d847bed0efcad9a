package org.autosync.scripts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.autosync.api.engine.ExportCounters;
import org.autosync.api.engine.InboundFlowCounters;
import org.autosync.api.engine.RunDetails;
import org.autosync.api.engine.StagingCounters;
import org.autosync.api.engine.StepDetails;
import org.autosync.api.engine.StepKind;
import org.autosync.scripts.ControllerDecision.Action;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** Controller scripts veto runs and halt the MA or the service, with reasons. */
@ExtendWith(SharedRuntime.class)
class ControllerScriptTest {

  @TempDir Path dir;

  private Path install(ScriptLanguage language, String code) {
    Path folder = dir.resolve("guard");
    ScriptFolder.write(folder.resolve(ScriptManifest.FILE_NAME), """
        {"id": "guard", "kind": "controller", "name": "Guard", "version": "1.0.0",
         "description": "Vetoes and halts", "language": "%s", "entry": "controller%s",
         "parameters": [{"name": "maxDeletes", "type": "integer", "default": 10,
                         "description": "Halt above this many staged deletes"}]}
        """.formatted(language.label(), language.extension()));
    ScriptFolder.write(folder.resolve("controller" + language.extension()), code);
    return folder;
  }

  private static ControllerScript.Options options() {
    return ControllerScript.options(LoggerFactory.getLogger("controller-test"))
        .timeout(Duration.ofMillis(500));
  }

  static RunDetails run(long deletes) {
    StepDetails step = new StepDetails(1, StepKind.DELTA_IMPORT, "default", "success",
        Instant.parse("2026-01-05T08:00:00Z"), Instant.parse("2026-01-05T08:00:03Z"),
        new StagingCounters(0, 0, 0, 0, deletes, 0, 0), InboundFlowCounters.NONE, Map.of(),
        ExportCounters.NONE, List.of());
    return new RunDetails(42, "HR", "DI", "success", Instant.parse("2026-01-05T08:00:00Z"),
        Instant.parse("2026-01-05T08:00:03Z"), List.of(step));
  }

  static final String GUARD_JS = """
      function shouldExecute(profile, ma) {
        if (profile === 'FS') return false;
        if (profile === 'E') return {execute: false, reason: 'exports frozen on ' + ma.name};
        if (profile === 'BAD') throw new Error('cannot decide');
        if (profile === 'SLOW') while (true) {}
        return true;
      }
      function executionComplete(run) {
        const deletes = run.steps.reduce((n, s) => n + s.staging.delete, 0);
        if (run.start !== '2026-01-05T08:00:00Z') throw new Error('start is ' + run.start);
        if (deletes > autosync.params.maxDeletes * 10) {
          return {halt: 'service', reason: deletes + ' deletes staged on ' + run.ma};
        }
        if (deletes > autosync.params.maxDeletes) {
          return {halt: 'ma', reason: deletes + ' deletes in run ' + run.runNumber};
        }
      }
      """;

  @Test
  void should_execute_vetoes_with_a_reason_and_an_error_counts_as_a_veto(ScriptRuntime runtime)
      throws IOException {
    try (ControllerScript script = runtime.controllerScript(
        install(ScriptLanguage.JAVASCRIPT, GUARD_JS), options())) {
      assertEquals(Action.PROCEED, script.shouldExecute("DI", ScriptFolder.HR).action());
      ControllerDecision no = script.shouldExecute("FS", ScriptFolder.HR);
      assertEquals(Action.VETO, no.action());
      assertEquals("shouldExecute('FS') of controller script 'guard/controller.js' returned"
          + " false", no.reason());
      assertEquals(new ControllerDecision(Action.VETO, "exports frozen on HR (controller script"
          + " 'guard/controller.js')"), script.shouldExecute("E", ScriptFolder.HR));
      ControllerDecision error = script.shouldExecute("BAD", ScriptFolder.HR);
      assertEquals(Action.VETO, error.action());
      assertTrue(error.reason().contains("failed at guard/controller.js:4: Error: cannot decide"
          + " (an error counts as a veto)"), error.reason());
      assertTrue(error.failed() && error.error().contains("guard/controller.js:4"),
          String.valueOf(error.error()));
      assertNull(no.error(), "a veto the script chose is no failure");
      ControllerDecision slow = script.shouldExecute("SLOW", ScriptFolder.HR);
      assertEquals(Action.VETO, slow.action());
      assertTrue(slow.reason().contains("ran longer than its timeout of 500ms and was stopped at"
          + " guard/controller.js:5"), slow.reason());
      assertEquals(Action.PROCEED, script.shouldExecute("DI", ScriptFolder.HR).action(),
          "still usable after the runaway call");
    }
  }

  @Test
  void execution_complete_halts_the_ma_or_the_whole_service_with_a_reason(
      ScriptRuntime runtime) throws IOException {
    try (ControllerScript script = runtime.controllerScript(
        install(ScriptLanguage.JAVASCRIPT, GUARD_JS), options().values(Map.of("maxDeletes", "5")))) {
      assertEquals(Action.PROCEED, script.executionComplete(run(3)).action());
      assertEquals(new ControllerDecision(Action.HALT_MA, "7 deletes in run 42 (controller"
          + " script 'guard/controller.js')"), script.executionComplete(run(7)));
      assertEquals(new ControllerDecision(Action.HALT_SERVICE, "70 deletes staged on HR"
          + " (controller script 'guard/controller.js')"), script.executionComplete(run(70)));
    }
  }

  @Test
  void python_controller_scripts_answer_alike(ScriptRuntime runtime) throws IOException {
    try (ControllerScript script = runtime.controllerScript(install(ScriptLanguage.PYTHON, """
        def shouldExecute(profile, ma):
            if profile == 'E':
                return {'execute': False, 'reason': 'exports frozen on ' + ma['name']}
            return True

        def executionComplete(run):
            deletes = sum(s['staging']['delete'] for s in run['steps'])
            if deletes > autosync.params['maxDeletes']:
                return {'halt': 'ma', 'reason': '%d deletes in run %d' % (deletes, run['runNumber'])}
        """), options().timeout(Duration.ofSeconds(10)))) {
      assertEquals(Action.PROCEED, script.shouldExecute("DI", ScriptFolder.HR).action());
      assertEquals("exports frozen on HR (controller script 'guard/controller.py')",
          script.shouldExecute("E", ScriptFolder.HR).reason());
      assertEquals(new ControllerDecision(Action.HALT_MA, "11 deletes in run 42 (controller"
          + " script 'guard/controller.py')"), script.executionComplete(run(11)));
    }
  }

  @Test
  void an_edit_is_picked_up_at_the_next_call_and_a_broken_one_keeps_the_old_version(
      ScriptRuntime runtime) throws IOException {
    Path folder = install(ScriptLanguage.JAVASCRIPT, "function shouldExecute(p) { return true; }");
    try (ControllerScript script = runtime.controllerScript(folder, options())) {
      assertEquals(Action.PROCEED, script.shouldExecute("DI", ScriptFolder.HR).action());
      ScriptFolder.write(folder.resolve("controller.js"), "function shouldExecute(p) {");
      assertEquals(Action.PROCEED, script.shouldExecute("DI", ScriptFolder.HR).action());
      assertTrue(script.lastError().startsWith("reloading controller script"
          + " 'guard/controller.js' failed, so the previous version keeps answering"),
          script.lastError());
      assertEquals(script.lastError(), script.loadError());
      assertEquals(Action.PROCEED, script.shouldExecute("DI", ScriptFolder.HR).action());
      assertEquals(script.lastError(), script.loadError(), "still the file as it is now");
      ScriptFolder.write(folder.resolve("controller.js"),
          "function shouldExecute(p) { return true; }");
      assertEquals(Action.PROCEED, script.shouldExecute("DI", ScriptFolder.HR).action());
      assertNull(script.loadError(), "undoing the broken edit clears it");
      ScriptFolder.write(folder.resolve("controller.js"),
          "function shouldExecute(p) { return false; }");
      assertEquals(Action.VETO, script.shouldExecute("DI", ScriptFolder.HR).action());
      assertNull(script.lastError());
    }
  }

  @Test
  void an_error_in_execution_complete_is_logged_and_the_controller_carries_on(
      ScriptRuntime runtime) throws IOException {
    try (ControllerScript script = runtime.controllerScript(install(ScriptLanguage.JAVASCRIPT,
        "function executionComplete(run) { throw new Error('oops'); }"), options())) {
      ControllerDecision d = script.executionComplete(run(1000));
      assertEquals(Action.PROCEED, d.action());
      assertTrue(d.reason().contains("Error: oops"), d.reason());
      assertTrue(d.failed() && d.error().contains("Error: oops"), String.valueOf(d.error()));
      assertNull(script.loadError(), "a failed call is not a load error");
      assertEquals(Action.PROCEED, script.shouldExecute("DI", ScriptFolder.HR).action(),
          "a function it does not define proceeds");
    }
  }

  @Test
  void the_catalog_describes_controller_scripts_and_checks_their_settings(
      ScriptRuntime runtime) throws IOException {
    install(ScriptLanguage.JAVASCRIPT, GUARD_JS);
    ControllerScriptType type = runtime.scan(dir).controllerTypes().get("guard");
    assertEquals(List.of("maxDeletes", "timeout"),
        type.parameters().stream().map(p -> p.name()).toList());
    assertEquals(dir.resolve("guard").resolve("controller.js"), type.entryFile());
    assertEquals(List.of(), type.validate(Map.of("maxDeletes", "5", "timeout", "2s")));
    List<String> problems = type.validate(Map.of("maxDeletes", "many", "timeout", "1ms",
        "maxDelete", "3")).stream().map(Object::toString).sorted().toList();
    assertEquals(3, problems.size(), problems.toString());
    assertTrue(problems.stream().anyMatch(p -> p.contains("maxDelete")), problems.toString());
    assertTrue(problems.stream().anyMatch(p -> p.contains("maxDeletes")), problems.toString());
    assertTrue(problems.stream().anyMatch(p -> p.contains("at least 10ms")), problems.toString());
    try (ControllerScript script = type.load(Map.of("maxDeletes", "5", "timeout", "2s"),
        LoggerFactory.getLogger("controller-test"), s -> s)) {
      assertEquals(Action.HALT_MA, script.executionComplete(run(7)).action());
    }
  }

  @Test
  void a_trigger_script_is_not_a_controller_script(ScriptRuntime runtime) {
    new ScriptFolder(dir, runtime).trigger("trig", ScriptLanguage.JAVASCRIPT,
        "function poll(ctx) {}");
    ScriptException e = assertThrows(ScriptException.class,
        () -> runtime.controllerScript(dir.resolve("trig"), options()));
    assertTrue(e.getMessage().contains("is a trigger script"), e.getMessage());
  }
}
