package org.autosync.host;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.autosync.api.ExecutionRequest;
import org.autosync.api.ProfileType;
import org.autosync.api.trigger.ParameterDescriptor;
import org.autosync.api.trigger.ParameterType;
import org.autosync.api.trigger.Trigger;
import org.autosync.api.trigger.TriggerConfig;
import org.autosync.api.trigger.TriggerContext;
import org.autosync.api.trigger.TriggerFactory;
import org.autosync.api.trigger.TriggerType;
import org.autosync.host.controller.ControllerEvent;
import org.autosync.host.controller.ControllerEvent.Type;
import org.autosync.host.controller.ControllerSettings;
import org.autosync.host.controller.JournalFile;
import org.autosync.host.controller.MaSettings;
import org.autosync.host.controller.MaState;
import org.autosync.host.controller.StopMode;
import org.autosync.host.trigger.TriggerSpec;
import org.autosync.testkit.FakeEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AutoSyncServiceTest {

  @TempDir Path state;

  /** Fires one delta import when started; the simplest trigger there is. */
  static final class FireOnStart implements TriggerFactory {
    @Override
    public TriggerType type() {
      return new TriggerType("fire-on-start", "Fire on start", "Fires one delta import",
          List.of(ParameterDescriptor.optional("note", ParameterType.STRING, "", "unused")));
    }

    @Override
    public Trigger create(TriggerConfig config) {
      return new Trigger() {
        @Override
        public void start(TriggerContext context) {
          context.fire(ExecutionRequest.ofType(context.managementAgent().name(),
              ProfileType.DELTA_IMPORT));
        }

        @Override
        public void stop() {}
      };
    }
  }

  /** Keeps its context so that a test can ask it what the host told the trigger. */
  static final class Watching implements TriggerFactory {
    static final java.util.concurrent.atomic.AtomicReference<TriggerContext> CONTEXT =
        new java.util.concurrent.atomic.AtomicReference<>();

    @Override
    public TriggerType type() {
      return new TriggerType("watching", "Watching", "Keeps its context", List.of());
    }

    @Override
    public Trigger create(TriggerConfig config) {
      return new Trigger() {
        @Override
        public void start(TriggerContext context) {
          CONTEXT.set(context);
        }

        @Override
        public void stop() {}
      };
    }
  }

  @Test
  void triggers_learn_when_their_ma_last_imported() {
    FakeEngine engine = engine();
    try (var service = AutoSyncService.builder(engine, settings(), state)
        .triggers(List.of(new TriggerSpec(new Watching(),
            new TriggerConfig("watch-hr", "watching", "HR", Map.of())))).build()) {
      service.start();
      assertTrue(Watching.CONTEXT.get().lastImport().isEmpty(), "no import yet");
      service.submit(ExecutionRequest.ofType("HR", ProfileType.DELTA_IMPORT));
      await().atMost(Duration.ofSeconds(10))
          .until(() -> Watching.CONTEXT.get().lastImport().isPresent());
      service.submit(ExecutionRequest.ofType("AD", ProfileType.EXPORT));
    }
  }

  private static FakeEngine engine() {
    return FakeEngine.builder()
        .ma("HR", ma -> ma.standardProfiles())
        .ma("AD", ma -> ma.standardProfiles())
        .flow("HR", "AD")
        .build();
  }

  private static ControllerSettings settings() {
    return ControllerSettings.defaults()
        .withMa(MaSettings.enabled("HR"))
        .withMa(MaSettings.enabled("AD"));
  }

  private static TriggerSpec fireOnStart(String ma) {
    return new TriggerSpec(new FireOnStart(),
        new TriggerConfig("start-" + ma.toLowerCase(), "fire-on-start", ma, Map.of()));
  }

  @Test
  void a_trigger_firing_an_import_drives_the_whole_cycle_and_the_journal_records_it() {
    FakeEngine engine = engine();
    engine.changeInConnectedSystem("HR", "default", 1);
    List<ControllerEvent> events = new CopyOnWriteArrayList<>();
    try (var service = AutoSyncService.builder(engine, settings(), state)
        .triggers(List.of(fireOnStart("HR"))).build()) {
      service.controller().events().subscribe(events::add);
      service.start();
      await().atMost(Duration.ofSeconds(10)).until(() -> engine.runs().size() == 5
          && service.controller().isQuiet());
      assertTrue(engine.isQuiet(), engine.describeModel());
    }
    List<ControllerEvent> journal = JournalFile.read(state.resolve("journal"));
    assertTrue(journal.stream().anyMatch(e -> e.type() == Type.RUN_STARTED
        && e.message().contains("trigger 'start-hr'")), "journal says why HR's import ran");
    assertTrue(journal.stream().anyMatch(e -> e.type() == Type.TRIGGER_STARTED));
  }

  @Test
  void stopping_stops_the_triggers_before_the_controller() {
    List<ControllerEvent> events = new CopyOnWriteArrayList<>();
    try (var service = AutoSyncService.builder(engine(), settings(), state)
        .triggers(List.of(fireOnStart("HR"), fireOnStart("AD"))).build()) {
      service.controller().events().subscribe(events::add);
      service.start();
      service.stop(StopMode.DRAIN, Duration.ofSeconds(10));
    }
    long lastTriggerStop = events.stream().filter(e -> e.type() == Type.TRIGGER_STOPPED)
        .mapToLong(ControllerEvent::sequence).max().orElseThrow();
    long controllerStopping = events.stream()
        .filter(e -> e.type() == Type.CONTROLLER_STOPPING)
        .mapToLong(ControllerEvent::sequence).findFirst().orElseThrow();
    assertEquals(2, events.stream().filter(e -> e.type() == Type.TRIGGER_STOPPED).count());
    assertTrue(lastTriggerStop < controllerStopping, "triggers stop first");
  }

  @Test
  void a_halted_ma_is_still_halted_after_the_service_restarts() {
    FakeEngine engine = engine();
    try (var service = AutoSyncService.builder(engine, settings(), state).build()) {
      service.start();
      service.controller().halt("AD", "export deletes under review");
    }
    try (var service = AutoSyncService.builder(engine, settings(), state).build()) {
      service.start();
      assertEquals(MaState.HALTED, service.controller().status("AD").state());
      assertEquals("export deletes under review", service.controller().status("AD").detail());
    }
  }

  @Test
  void settings_that_do_not_match_the_engine_stop_the_start_and_leave_nothing_running() {
    var wrong = settings().withMa(MaSettings.enabled("Payroll"));
    var service = AutoSyncService.builder(engine(), wrong, state)
        .triggers(List.of(fireOnStart("HR"))).build();
    var e = assertThrows(IllegalArgumentException.class, service::start);
    assertTrue(e.getMessage().contains("'Payroll'"), e.getMessage());
    assertEquals(List.of(), service.triggers().status(), "no trigger was started");
    service.close();
  }
}
