package org.example.autosync.filetouch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.autosync.api.ExecutionRequest;
import org.autosync.api.ProfileType;
import org.autosync.api.engine.ManagementAgent;
import org.autosync.api.trigger.ConfigProblem;
import org.autosync.api.trigger.TriggerHealth;
import org.autosync.testkit.FakeEngine;
import org.autosync.testkit.InMemoryStateStore;
import org.autosync.testkit.RunningTrigger;
import org.autosync.testkit.TriggerTestKit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file-touch trigger on the test kit's manual clock: nothing here sleeps. */
class FileTouchTriggerTest {

  static final ManagementAgent BADGES =
      FakeEngine.builder().ma("BADGES").build().managementAgents().getFirst();

  @TempDir Path dir;

  final FileTouchTriggerFactory factory = new FileTouchTriggerFactory();

  private Path file(Instant modified) throws Exception {
    Path file = dir.resolve("badges.csv");
    if (Files.notExists(file)) {
      Files.writeString(file, "employeeNumber,displayName\n");
    }
    Files.setLastModifiedTime(file, FileTime.from(modified));
    return file;
  }

  private RunningTrigger start(Path file, InMemoryStateStore state) {
    RunningTrigger running = TriggerTestKit.forFactory(factory).triggerId("badges-file")
        .stateStore(state)
        .start(Map.of("path", file.toString(), "interval", "10s"), BADGES);
    running.scheduler().runDue();   // the first look is due at once
    return running;
  }

  @Test
  void fires_a_delta_import_once_when_the_file_changes() throws Exception {
    Path file = file(Instant.parse("2026-01-05T07:00:00Z"));
    try (RunningTrigger running = start(file, new InMemoryStateStore())) {
      running.advance(Duration.ofSeconds(30));
      assertEquals(List.of(), running.context().fired(), "the first look only records the time");

      file(Instant.parse("2026-01-05T08:00:05Z"));
      running.advance(Duration.ofSeconds(10));
      running.advance(Duration.ofSeconds(30));

      List<ExecutionRequest> fired = running.context().fired();
      assertEquals(1, fired.size(), fired.toString());
      assertEquals("BADGES", fired.getFirst().ma());
      assertEquals(ProfileType.DELTA_IMPORT, fired.getFirst().profileType());
      assertEquals(TriggerHealth.State.HEALTHY,
          running.context().lastHealth().orElseThrow().state());
    }
  }

  @Test
  void a_change_while_stopped_fires_at_the_first_look_after_start() throws Exception {
    InMemoryStateStore state = new InMemoryStateStore();
    Path file = file(Instant.parse("2026-01-05T07:00:00Z"));
    start(file, state).stop();
    assertEquals("2026-01-05T07:00:00Z", state.get(FileTouchTrigger.LAST_MODIFIED).orElseThrow());

    file(Instant.parse("2026-01-05T09:00:00Z"));
    try (RunningTrigger running = start(file, state)) {
      assertEquals(1, running.context().fired().size());
    }
  }

  @Test
  void a_missing_file_degrades_the_trigger_and_fires_when_it_is_back() throws Exception {
    Path file = file(Instant.parse("2026-01-05T07:00:00Z"));
    try (RunningTrigger running = start(file, new InMemoryStateStore())) {
      Files.delete(file);
      running.advance(Duration.ofSeconds(10));
      TriggerHealth health = running.context().lastHealth().orElseThrow();
      assertEquals(TriggerHealth.State.DEGRADED, health.state());
      assertTrue(health.message().contains("does not exist"), health.message());

      file(Instant.parse("2026-01-05T08:30:00Z"));
      running.advance(Duration.ofSeconds(10));
      assertEquals(1, running.context().fired().size());
    }
  }

  @Test
  void nothing_fires_after_stop() throws Exception {
    Path file = file(Instant.parse("2026-01-05T07:00:00Z"));
    RunningTrigger running = start(file, new InMemoryStateStore());
    running.stop();
    file(Instant.parse("2026-01-05T08:30:00Z"));
    running.advance(Duration.ofMinutes(5));
    assertEquals(List.of(), running.context().fired());
    running.stop();   // idempotent
  }

  @Test
  void checks_its_configuration_before_anything_is_created() {
    assertEquals(List.of("path"), fields(Map.of()));
    assertEquals(List.of("interval"), fields(Map.of("path", "/x", "interval", "500ms")));
    assertEquals(List.of("interval"), fields(Map.of("path", "/x", "interval", "often")));
    assertEquals(List.of(), fields(Map.of("path", "/x", "interval", "1m")));
    assertThrows(IllegalArgumentException.class,
        () -> TriggerTestKit.start(factory, Map.of("path", " "), BADGES));
  }

  private List<String> fields(Map<String, String> values) {
    return factory.validate(values).stream().map(ConfigProblem::field).toList();
  }
}
