package org.autosync.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.autosync.api.trigger.ParameterDescriptor;
import org.autosync.api.trigger.ParameterType;
import org.autosync.api.trigger.Trigger;
import org.autosync.api.trigger.TriggerConfig;
import org.autosync.api.trigger.TriggerContext;
import org.autosync.api.trigger.TriggerFactory;
import org.autosync.api.trigger.TriggerType;
import org.autosync.host.config.AutoSyncConfig;
import org.autosync.host.config.ConfigLoader;
import org.autosync.host.controller.ControllerEvent;
import org.autosync.host.controller.ControllerEvent.Type;
import org.autosync.host.controller.MaState;
import org.autosync.testkit.FakeEngine;
import org.autosync.testkit.ManualClock;
import org.autosync.testkit.ManualScheduler;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Editing the configuration while AutoSync runs. */
class ConfigReloadTest {

  @TempDir Path dir;

  /** Counts how often each trigger id was started. */
  static final class Counting implements TriggerFactory {
    static final Map<String, Integer> STARTS = new ConcurrentHashMap<>();

    @Override
    public TriggerType type() {
      return new TriggerType("counting", "Counting", "Counts its starts",
          List.of(ParameterDescriptor.optional("note", ParameterType.STRING, "", "anything")));
    }

    @Override
    public Trigger create(TriggerConfig config) {
      return new Trigger() {
        @Override
        public void start(TriggerContext context) {
          STARTS.merge(config.id(), 1, Integer::sum);
        }

        @Override
        public void stop() {}
      };
    }
  }

  private static final String V1 = """
      engine: {type: fake}
      mas:
        HR:
          enabled: true
          triggers: [{id: hr-watch, type: counting}]
        AD:
          enabled: true
          triggers: [{id: ad-watch, type: counting, note: first}]
      """;

  private AutoSyncConfig load(Path file) {
    return ConfigLoader.load(file, Map.of("counting", new Counting()), Set.of("fake"));
  }

  @Test
  void an_edit_restarts_only_the_ma_that_changed_and_an_invalid_edit_is_rejected()
      throws Exception {
    Path file = dir.resolve("autosync.yaml");
    Files.writeString(file, V1);
    AutoSyncConfig v1 = load(file);
    FakeEngine engine = FakeEngine.builder()
        .ma("HR", ma -> ma.standardProfiles()).ma("AD", ma -> ma.standardProfiles()).build();
    ManualScheduler scheduler = new ManualScheduler(new ManualClock(ManualClock.DEFAULT_START));
    List<ControllerEvent> events = new CopyOnWriteArrayList<>();
    try (var service = AutoSyncService.builder(engine, v1.controller(), dir.resolve("state"))
        .triggers(v1.triggers()).scheduler(scheduler).clock(scheduler.clock()).build()) {
      service.controller().events().subscribe(events::add);
      service.start();
      try (var reloader = new ConfigReloader(file, v1, this::load, service,
          service.controller().events(), scheduler, scheduler.clock(), Duration.ofSeconds(1))) {
        Files.writeString(file, V1.replace("note: first", "note: second"));
        scheduler.advance(Duration.ofSeconds(1));
        assertEquals(1, Counting.STARTS.get("hr-watch"), "HR untouched");
        assertEquals(2, Counting.STARTS.get("ad-watch"), "AD restarted");
        assertTrue(events.stream().anyMatch(e -> e.type() == Type.CONFIG_RELOADED
            && e.message().contains("reconfigured [AD]")), events.toString());

        Files.writeString(file, V1.replace("enabled: true\n    triggers: [{id: hr",
            "enabeld: true\n    triggers: [{id: hr"));
        scheduler.advance(Duration.ofSeconds(1));
        ControllerEvent rejected = events.stream().filter(e -> e.type() == Type.CONFIG_REJECTED)
            .findFirst().orElseThrow();
        assertTrue(rejected.message().contains("autosync.yaml:4:5"), rejected.message());
        assertTrue(rejected.message().contains("mas.HR.enabeld"), rejected.message());
        assertEquals("second", reloader.current().triggers().stream()
            .filter(t -> t.config().id().equals("ad-watch")).findFirst().orElseThrow()
            .config().values().get("note"), "the running configuration stays");

        Files.writeString(file, V1.replace("  AD:\n    enabled: true", "  AD:\n    enabled: false"));
        scheduler.advance(Duration.ofSeconds(1));
        Awaitility.await().until(() ->
            service.controller().status("AD").state() == MaState.DISABLED);
        assertEquals(MaState.IDLE, service.controller().status("HR").state());
      }
    }
  }
}
