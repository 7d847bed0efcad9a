package org.autosync.host.controller;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.autosync.api.ExecutionRequest;
import org.autosync.api.ProfileType;
import org.autosync.host.controller.ControllerEvent.Type;
import org.autosync.testkit.FakeEngine;
import org.autosync.testkit.ManualClock;
import org.autosync.testkit.ManualScheduler;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ControllerStateTest {

  @TempDir Path dir;

  @Test
  void the_json_file_keeps_halted_and_paused_mas() throws Exception {
    Path file = dir.resolve("state.json");
    var store = ControllerStateStore.jsonFile(file);
    assertEquals(ControllerStateStore.Saved.EMPTY, store.load());
    var saved = new ControllerStateStore.Saved(Map.of("HR", "deletes"), Set.of("AD"), true);
    store.save(saved);
    assertEquals(saved, ControllerStateStore.jsonFile(file).load());
    try (var files = Files.list(dir)) {
      assertEquals(List.of(file), files.toList(), "no temporary files left");
    }
  }

  @Test
  void the_json_file_keeps_a_service_halt_and_reads_files_written_before_it_existed()
      throws Exception {
    Path file = dir.resolve("state.json");
    var saved = new ControllerStateStore.Saved(Map.of(), Set.of(), false, "mass deletes on HR");
    ControllerStateStore.jsonFile(file).save(saved);
    assertEquals(saved, ControllerStateStore.jsonFile(file).load());
    Files.writeString(file,
        "{\"halted\": {\"HR\": \"deletes\"}, \"paused\": [], \"allPaused\": false}");
    assertEquals(new ControllerStateStore.Saved(Map.of("HR", "deletes"), Set.of(), false),
        ControllerStateStore.jsonFile(file).load());
  }

  @Test
  void a_corrupt_state_file_is_named_with_its_line() throws Exception {
    Path file = dir.resolve("state.json");
    Files.writeString(file, "{\n  \"halted\": {\"HR\": \n");
    var e = assertThrows(IllegalStateException.class,
        () -> ControllerStateStore.jsonFile(file).load());
    assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("line 3"), e.getMessage());
  }

  @Test
  void an_unreadable_state_location_stops_the_start_with_the_file_named() throws Exception {
    Path blocked = dir.resolve("not-a-dir");
    Files.writeString(blocked, "x");
    var e = assertThrows(RuntimeException.class,
        () -> ControllerStateStore.jsonFile(blocked.resolve("state.json")).load());
    assertTrue(e.getMessage().contains("not-a-dir"), e.getMessage());
  }

  @Test
  void a_halted_ma_stays_halted_across_a_restart() {
    var store = ControllerStateStore.jsonFile(dir.resolve("state.json"));
    FakeEngine engine = FakeEngine.builder().ma("HR", ma -> ma.standardProfiles()).build();
    ControllerSettings settings = ControllerSettings.defaults().withMa(MaSettings.enabled("HR"));
    ManualScheduler scheduler = new ManualScheduler(new ManualClock(ManualClock.DEFAULT_START));

    try (var first = ExecutionController.builder(engine, settings).scheduler(scheduler)
        .stateStore(store).build()) {
      first.start();
      first.halt("HR", "bad feed");
      first.pause("HR");
    }
    var events = new EventRecorder();
    var journal = new EventJournal();
    journal.subscribe(events);
    try (var second = ExecutionController.builder(engine, settings).scheduler(scheduler)
        .stateStore(store).journal(journal).build()) {
      second.start();
      assertEquals(MaState.HALTED, second.status("HR").state());
      assertEquals("bad feed", second.status("HR").detail());
      assertTrue(events.of(Type.MA_HALTED, "HR").getFirst().message()
          .contains("still halted from before the restart"));
      second.submit(ExecutionRequest.ofType("HR", ProfileType.DELTA_IMPORT));
      events.await(Type.REQUEST_QUEUED, "HR");
      assertEquals(List.of(), engine.runs());
      second.resume("HR");
      Awaitility.await().atMost(Duration.ofSeconds(10)).until(second::isQuiet);
      assertEquals(1, engine.runs().size());
    }
    assertEquals(ControllerStateStore.Saved.EMPTY, store.load());
  }

  @Test
  void a_state_that_cannot_be_saved_is_an_alert_not_a_crash() {
    var store = new ControllerStateStore() {
      @Override
      public Saved load() {
        return Saved.EMPTY;
      }

      @Override
      public void save(Saved state) {
        throw new java.io.UncheckedIOException(new java.io.IOException("No space left on device"));
      }
    };
    FakeEngine engine = FakeEngine.builder().ma("HR", ma -> ma.standardProfiles()).build();
    var events = new EventRecorder();
    var journal = new EventJournal();
    journal.subscribe(events);
    try (var controller = ExecutionController.builder(engine,
            ControllerSettings.defaults().withMa(MaSettings.enabled("HR")))
        .scheduler(new ManualScheduler(new ManualClock(ManualClock.DEFAULT_START)))
        .stateStore(store).journal(journal).build()) {
      controller.start();
      controller.halt("HR", "testing");
      var failed = events.await(Type.STATE_SAVE_FAILED, e -> true);
      assertTrue(failed.message().contains("will be lost at restart"), failed.message());
      assertEquals(MaState.HALTED, controller.status("HR").state());
    }
  }
}
