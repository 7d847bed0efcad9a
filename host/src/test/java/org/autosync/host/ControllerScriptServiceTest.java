package org.autosync.host;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.autosync.api.ExecutionRequest;
import org.autosync.api.ProfileType;
import org.autosync.api.RequestSource;
import org.autosync.api.engine.StagingCounters;
import org.autosync.host.config.AutoSyncConfig;
import org.autosync.host.config.ConfigError;
import org.autosync.host.config.ConfigException;
import org.autosync.host.config.ConfigLoader;
import org.autosync.host.controller.ControllerEvent;
import org.autosync.host.controller.ControllerEvent.Severity;
import org.autosync.host.controller.ControllerEvent.Type;
import org.autosync.host.controller.EventJournal;
import org.autosync.host.controller.MaState;
import org.autosync.scripts.ControllerScriptType;
import org.autosync.scripts.ScriptRuntime;
import org.autosync.testkit.FakeEngine;
import org.autosync.testkit.ManualClock;
import org.autosync.testkit.ManualScheduler;
import org.autosync.testkit.RunRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Controller scripts in JavaScript and Python from the configuration file to the controller:
 * vetoes (chosen, failed, overlong), halts of the MA and of the service, edits picked up while
 * running (a broken edit reported and the old version kept), and configuration errors with their
 * line and column.
 */
class ControllerScriptServiceTest {

  private static ScriptRuntime runtime;

  @TempDir Path dir;

  private final ManualClock clock = new ManualClock(ManualClock.DEFAULT_START);
  private final ManualScheduler scheduler = new ManualScheduler(clock);
  private final List<ControllerEvent> events = new CopyOnWriteArrayList<>();
  private FakeEngine engine;

  @BeforeAll
  static void startScripts() {
    runtime = ScriptRuntime.builder().build(); // shared, as in production: engines are costly
  }

  @AfterAll
  static void stopScripts() {
    runtime.close();
  }

  private Path scripts() {
    return dir.resolve("scripts");
  }

  private Map<String, ControllerScriptType> types() {
    return runtime.scan(scripts()).controllerTypes();
  }

  /** Installs a controller script {@code scripts/<id>/} in JavaScript or Python. */
  private Path install(String id, boolean python, String parameters, String code) {
    Path folder = scripts().resolve(id);
    String entry = "controller" + (python ? ".py" : ".js");
    write(folder.resolve("manifest.json"), """
        {"id": "%s", "kind": "controller", "name": "%s", "version": "1.0.0",
         "description": "Guards runs", "language": "%s", "entry": "%s",
         "parameters": [%s]}
        """.formatted(id, id, python ? "python" : "javascript", entry, parameters));
    write(folder.resolve(entry), code);
    return folder.resolve(entry);
  }

  private static void write(Path file, String text) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private AutoSyncConfig config(String yaml) {
    return ConfigLoader.load(yaml, "autosync.yaml", Map.of(), Set.of("fake"), types());
  }

  private static FakeEngine engine(ManualClock clock) {
    return FakeEngine.builder().clock(clock)
        .ma("HR", ma -> ma.standardProfiles())
        .ma("AD", ma -> ma.standardProfiles())
        .flow("HR", "AD")
        .build();
  }

  private AutoSyncService start(String yaml) {
    AutoSyncConfig config = config(yaml);
    EventJournal journal = new EventJournal();
    journal.subscribe(events::add);
    engine = engine(clock);
    AutoSyncService service = AutoSyncService.builder(engine, config.controller(),
            dir.resolve("state"))
        .clock(clock).scheduler(scheduler).journal(journal)
        .controllerScripts(this::types)
        .build();
    service.start();
    return service;
  }

  private static void submit(AutoSyncService service, String ma, ProfileType type) {
    service.submit(ExecutionRequest.ofType(ma, type)
        .withSource(RequestSource.trigger("test", "")));
  }

  private ControllerEvent awaitEvent(Type type, Predicate<ControllerEvent> condition) {
    return await().atMost(Duration.ofSeconds(30)).until(() -> events.stream()
        .filter(e -> e.type() == type && condition.test(e)).findFirst(), Optional::isPresent)
        .get();
  }

  private static void awaitQuiet(AutoSyncService service) {
    await().atMost(Duration.ofSeconds(30)).until(service.controller()::isQuiet);
  }

  /** Recorded runs as "MA profile", in start order. */
  private List<String> runs() {
    return engine.runs().stream()
        .sorted(java.util.Comparator.comparingLong(RunRecord::startSeq))
        .map(r -> r.ma() + " " + r.profile()).toList();
  }

  private static final String HR_GUARD = """
      engine: {type: fake}
      mas:
        HR:
          enabled: true
          controllerScript: {script: guard, %s}
        AD: {enabled: true}
      """;

  private static final String FROZEN_PARAMETER = """
      {"name": "frozen", "type": "list", "default": "", "description": "Profiles never to run"}""";

  @Test
  void a_javascript_script_vetoes_a_run_with_its_reason_and_the_rest_goes_on() {
    install("guard", false, FROZEN_PARAMETER, """
        function shouldExecute(profile, ma) {
          if (autosync.params.frozen.indexOf(profile) >= 0) {
            return {execute: false, reason: profile + ' is frozen on ' + ma.name};
          }
          return true;
        }
        """);
    try (AutoSyncService service = start(HR_GUARD.formatted("frozen: [DS, FS]"))) {
      submit(service, "HR", ProfileType.FULL_SYNC);
      ControllerEvent vetoed = awaitEvent(Type.RUN_VETOED, e -> "HR".equals(e.ma()));
      assertEquals(Severity.WARNING, vetoed.severity());
      assertTrue(vetoed.message().contains("'FS' vetoed (trigger 'test'): FS is frozen on HR"
          + " (controller script 'guard/controller.js')"), vetoed.message());
      submit(service, "HR", ProfileType.DELTA_IMPORT);
      awaitQuiet(service);
      assertEquals(MaState.WAITING, service.controller().status("HR").state());
      assertEquals(List.of("FS"), service.controller().status("HR").setAside().stream()
          .map(s -> s.profile()).toList());
      assertEquals(List.of("HR DI"), runs());
    }
  }

  @Test
  void a_python_script_vetoes_alike() {
    install("guard", true, FROZEN_PARAMETER, """
        def shouldExecute(profile, ma):
            if profile in autosync.params['frozen']:
                return {'execute': False, 'reason': profile + ' is frozen on ' + ma['name']}
            return True
        """);
    try (AutoSyncService service = start(HR_GUARD.formatted("frozen: [FS], timeout: 20s"))) {
      submit(service, "HR", ProfileType.FULL_SYNC);
      ControllerEvent vetoed = awaitEvent(Type.RUN_VETOED, e -> "HR".equals(e.ma()));
      assertTrue(vetoed.message().contains("FS is frozen on HR (controller script"
          + " 'guard/controller.py')"), vetoed.message());
    }
  }

  @Test
  void an_error_or_a_timeout_in_should_execute_vetoes_that_run_only() {
    install("guard", false, "", """
        function shouldExecute(profile, ma) {
          if (profile === 'FS') throw new Error('change calendar unreachable');
          if (profile === 'FI') while (true) {}
          return true;
        }
        """);
    try (AutoSyncService service = start(HR_GUARD.formatted("timeout: 300ms"))) {
      submit(service, "HR", ProfileType.FULL_SYNC);
      ControllerEvent error = awaitEvent(Type.RUN_VETOED, e -> "FS".equals(e.profile()));
      assertEquals(Severity.ALERT, error.severity());
      assertTrue(error.message().contains("failed at guard/controller.js:2: Error: change"
          + " calendar unreachable (an error counts as a veto)"), error.message());

      submit(service, "HR", ProfileType.FULL_IMPORT);
      ControllerEvent timeout = awaitEvent(Type.RUN_VETOED, e -> "FI".equals(e.profile()));
      assertEquals(Severity.ALERT, timeout.severity());
      assertTrue(timeout.message().contains("ran longer than its timeout of 300ms and was stopped"
          + " at guard/controller.js:3"), timeout.message());

      submit(service, "HR", ProfileType.DELTA_IMPORT); // the same script still answers
      submit(service, "AD", ProfileType.DELTA_IMPORT); // and never touched another MA
      awaitQuiet(service);
      assertTrue(service.controller().status("HR").message().contains("'DI' ended success"));
      assertTrue(service.controller().status("AD").message().contains("'DI' ended success"));
    }
  }

  @Test
  void execution_complete_halts_the_ma_after_a_run_that_staged_too_many_deletes() {
    install("guard", false, """
        {"name": "maxDeletes", "type": "integer", "default": 100,
         "description": "Halt above this many staged deletes"}""", """
        function executionComplete(run) {
          const deletes = run.steps.reduce((n, s) => n + s.staging.delete, 0);
          if (deletes > autosync.params.maxDeletes) {
            return {halt: 'ma', reason: deletes + ' deletes staged in run ' + run.runNumber};
          }
        }
        """);
    try (AutoSyncService service = start(HR_GUARD.formatted("maxDeletes: 10"))) {
      engine.onRun("HR", "DI").staging(new StagingCounters(0, 0, 0, 0, 12, 0, 0));
      submit(service, "HR", ProfileType.DELTA_IMPORT);
      ControllerEvent halted = awaitEvent(Type.MA_HALTED, e -> "HR".equals(e.ma()));
      assertTrue(halted.message().contains("halted: 12 deletes staged in run 1 (controller script"
          + " 'guard/controller.js'), after run 1 'DI' of 'HR'"), halted.message());
      awaitEvent(Type.REQUEST_QUEUED, e -> "DS".equals(e.profile()));
      assertEquals(MaState.HALTED, service.controller().status("HR").state());
      assertEquals(List.of("HR DI"), runs(), "the deletes were never synchronized");

      submit(service, "AD", ProfileType.DELTA_IMPORT);
      engine.awaitRun(r -> r.ma().equals("AD"), Duration.ofSeconds(30));
      service.controller().resume("HR");
      awaitQuiet(service);
      assertTrue(runs().contains("HR DS"), runs().toString());
    }
  }

  @Test
  void execution_complete_halts_the_whole_service_and_autosync_keeps_running() {
    install("mass-deletes", false, "", """
        function executionComplete(run) {
          const deletes = run.steps.reduce((n, s) => n + s.staging.delete, 0);
          if (deletes > 1000) return {halt: 'service', reason: deletes + ' deletes on ' + run.ma};
        }
        """);
    try (AutoSyncService service = start("""
        engine: {type: fake}
        controller:
          controllerScript: {script: mass-deletes}
        mas:
          HR: {enabled: true}
          AD: {enabled: true}
        """)) {
      engine.onRun("HR", "DI").staging(new StagingCounters(0, 0, 0, 0, 5000, 0, 0));
      submit(service, "HR", ProfileType.DELTA_IMPORT);
      ControllerEvent halted = awaitEvent(Type.SERVICE_HALTED, e -> true);
      assertTrue(halted.message().startsWith("service halted: 5000 deletes on HR (controller"
          + " script 'mass-deletes/controller.js'), after run 1 'DI' of 'HR'"), halted.message());
      submit(service, "AD", ProfileType.DELTA_IMPORT);
      awaitEvent(Type.REQUEST_QUEUED, e -> "AD".equals(e.ma()));
      assertEquals(MaState.HALTED, service.controller().status("AD").state());
      assertEquals(List.of("HR DI"), runs());

      service.controller().resumeService(); // the service never stopped: an operator resumes it
      awaitQuiet(service);
      assertTrue(runs().containsAll(List.of("HR DS", "AD DI")), runs().toString());
    }
  }

  @Test
  void an_edited_script_answers_at_the_next_call_and_a_broken_edit_keeps_the_old_one() {
    Path file = install("guard", false, "", "function shouldExecute(p) { return true; }");
    try (AutoSyncService service = start(HR_GUARD.formatted("timeout: 5s"))) {
      submit(service, "HR", ProfileType.FULL_SYNC);
      awaitQuiet(service);
      assertEquals(List.of("HR FS"), runs());

      write(file, "function shouldExecute(p) {\n  return {execute: false, reason: 'v2 says no'};"
          + "\n}\n");
      submit(service, "HR", ProfileType.FULL_SYNC);
      assertTrue(awaitEvent(Type.RUN_VETOED, e -> true).message().contains("v2 says no"));

      write(file, "function shouldExecute(p) {\n  return true;\n"); // missing brace
      submit(service, "HR", ProfileType.FULL_IMPORT);
      ControllerEvent broken = awaitEvent(Type.CONTROLLER_SCRIPT_FAILED, e -> true);
      assertEquals(Severity.ALERT, broken.severity());
      assertTrue(broken.message().contains("reloading controller script 'guard/controller.js'"
          + " failed, so the previous version keeps answering"), broken.message());
      assertTrue(broken.message().contains("guard/controller.js:"), broken.message());
      awaitEvent(Type.RUN_VETOED, e -> "FI".equals(e.profile()) && e.message()
          .contains("v2 says no"));

      write(file, "function shouldExecute(p) { return true; }\n");
      scheduler.advance(Duration.ofMinutes(1)); // the set-aside runs are asked again
      awaitEvent(Type.CONTROLLER_SCRIPT_RECOVERED, e -> true);
      awaitQuiet(service);
      assertTrue(runs().containsAll(List.of("HR FS", "HR FI")), runs().toString());
      assertEquals(1, events.stream().filter(e -> e.type() == Type.CONTROLLER_SCRIPT_FAILED)
          .count(), "reported once");
    }
  }

  @Test
  void a_script_that_does_not_load_at_start_vetoes_every_run_until_it_is_fixed() {
    Path file = install("guard", false, "", "function shouldExecute(p) {");
    try (AutoSyncService service = start(HR_GUARD.formatted("timeout: 5s"))) {
      submit(service, "HR", ProfileType.DELTA_IMPORT);
      ControllerEvent vetoed = awaitEvent(Type.RUN_VETOED, e -> true);
      assertEquals(Severity.ALERT, vetoed.severity());
      assertTrue(vetoed.message().contains("controller script 'guard' (MA 'HR') cannot be"
          + " loaded"), vetoed.message());
      assertTrue(vetoed.message().contains("every run it is asked about is vetoed until it"
          + " loads"), vetoed.message());

      write(file, "function shouldExecute(p) { return true; }");
      scheduler.advance(Duration.ofMinutes(1));
      awaitEvent(Type.CONTROLLER_SCRIPT_RECOVERED, e -> true);
      awaitQuiet(service);
      assertEquals(List.of("HR DI"), runs());
    }
  }

  @Test
  void a_configuration_reload_adds_a_global_script_without_a_restart() {
    install("freeze", false, "", "function shouldExecute(p) { return false; }");
    String before = """
        engine: {type: fake}
        mas:
          HR: {enabled: true}
        """;
    String after = """
        engine: {type: fake}
        controller:
          controllerScript: {script: freeze}
        mas:
          HR: {enabled: true}
        """;
    try (AutoSyncService service = start(before)) {
      service.reconfigure(config(before), config(after));
      submit(service, "HR", ProfileType.DELTA_IMPORT);
      assertTrue(awaitEvent(Type.RUN_VETOED, e -> true).message()
          .contains("controller script 'freeze/controller.js' returned false"));
    }
  }

  @Test
  void the_effective_configuration_shows_controller_scripts_with_secrets_masked() {
    install("guard", false, """
        {"name": "maxDeletes", "type": "integer", "default": 100, "description": "Limit"},
        {"name": "bearer", "type": "secret", "description": "For the change calendar"}""",
        "function shouldExecute(p) { return true; }");
    String printed = org.autosync.host.config.ConfigPrinter.print(config("""
        engine: {type: fake}
        controller:
          controllerScript: {script: guard, bearer: hunter2}
        mas:
          HR:
            enabled: true
            controllerScript: {script: guard, bearer: "${env:CALENDAR_TOKEN}", timeout: 5s}
        """));
    assertTrue(printed.contains("""
          controllerScript:
            script: guard
            bearer: '********'
            maxDeletes: 100
            timeout: 30s
        """), printed);
    assertTrue(printed.contains("""
            controllerScript:
              script: guard
              bearer: ${env:CALENDAR_TOKEN}
              maxDeletes: 100
              timeout: 5s
        """), printed);
    assertEquals(printed, org.autosync.host.config.ConfigPrinter.print(config(printed)),
        "the printed configuration loads again");
  }

  @Test
  void configuration_errors_name_the_line_and_column() {
    install("guard", false, FROZEN_PARAMETER, "function shouldExecute(p) { return true; }");
    write(scripts().resolve("poller/manifest.json"), """
        {"id": "poller", "name": "Poller", "version": "1.0.0", "description": "A trigger",
         "language": "javascript", "entry": "trigger.js"}
        """);
    write(scripts().resolve("poller/trigger.js"), "function poll(ctx) {}");
    ConfigException e = assertThrows(ConfigException.class, () -> config("""
        engine: {type: fake}
        controller:
          controllerScript: {script: gaurd}
        mas:
          HR:
            enabled: true
            controllerScript:
              script: guard
              frozn: [FS]
              timeout: 1ms
          AD:
            controllerScript: {timeout: 5s}
          CORP:
            controllerScript: {script: poller}
        """));
    assertEquals(List.of(
        "autosync.yaml:3:30: controller.controllerScript.script: no controller script 'gaurd' is"
            + " installed (a folder scripts/gaurd/ whose manifest says \"kind\": \"controller\");"
            + " expected one of guard",
        "autosync.yaml:9:7: mas.HR.controllerScript.frozn: unknown key; did you mean 'frozen'?"
            + " controller script 'guard' expects script, frozen, timeout",
        "autosync.yaml:10:16: mas.HR.controllerScript.timeout: must be at least 10ms, got '1ms'",
        "autosync.yaml:12:23: mas.AD.controllerScript.script: is required; expected the id of a"
            + " controller script in the scripts folder, one of guard",
        "autosync.yaml:14:32: mas.CORP.controllerScript.script: no controller script 'poller' is"
            + " installed (a folder scripts/poller/ whose manifest says \"kind\":"
            + " \"controller\"); expected one of guard"),
        e.errors().stream().map(ConfigError::toString).toList());
  }

}
