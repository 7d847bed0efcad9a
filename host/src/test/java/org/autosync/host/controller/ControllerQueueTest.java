package org.autosync.host.controller;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.autosync.api.ExecutionRequest;
import org.autosync.api.ProfileType;
import org.autosync.host.controller.ControllerEvent.Type;
import org.junit.jupiter.api.Test;

class ControllerQueueTest {

  private static Harness twoMas() {
    return new Harness(b -> b
        .ma("HR", ma -> ma.standardProfiles())
        .ma("AD", ma -> ma.partitions("DC=a", "DC=b").standardProfiles()), s -> s);
  }

  @Test
  void a_change_during_a_running_import_queues_one_more_import_and_further_ones_coalesce() {
    try (Harness h = twoMas().start()) {
      var gate = h.engine.onRun("HR", "DI").blockUntilReleased();
      h.submit("HR", ProfileType.DELTA_IMPORT);
      gate.awaitStarted();
      h.submit("HR", ProfileType.DELTA_IMPORT);
      h.submit("HR", ProfileType.DELTA_IMPORT);
      h.events.await(Type.REQUEST_COALESCED, "HR");
      assertEquals(1, h.controller.status("HR").queue().size());
      assertEquals(2, h.controller.status("HR").queue().getFirst().reasons().size());
      gate.release();
      h.awaitQuiet();
      assertEquals(List.of("HR DI", "HR DI"), h.runs());
    }
  }

  @Test
  void a_front_request_runs_next() {
    try (Harness h = twoMas().start()) {
      var gate = h.engine.onRun("HR", "DI").blockUntilReleased();
      h.submit("HR", ProfileType.DELTA_IMPORT);
      gate.awaitStarted();
      h.submit("HR", ProfileType.FULL_IMPORT);
      h.submit(ExecutionRequest.ofType("HR", ProfileType.FULL_SYNC).withFront(true));
      h.events.await(Type.REQUEST_QUEUED, e -> e.message().contains("'FS' at the front"));
      gate.release();
      h.awaitQuiet();
      assertEquals(List.of("HR DI", "HR FS", "HR FI"), h.runs());
    }
  }

  @Test
  void a_type_without_a_partition_runs_on_every_partition_that_maps_it() {
    try (Harness h = twoMas().start()) {
      h.submit("AD", ProfileType.DELTA_IMPORT);
      h.awaitQuiet();
      assertEquals(List.of("AD DI:DC=a", "AD DI:DC=b"), h.runs());
    }
  }

  @Test
  void unresolvable_requests_are_dropped_with_a_visible_reason() {
    try (Harness h = twoMas().start()) {
      h.submit(ExecutionRequest.ofProfile("HR", "Nightly"));
      h.submit(ExecutionRequest.ofType("AD", ProfileType.EXPORT, "DC=zz"));
      h.submit(ExecutionRequest.ofType("NOPE", ProfileType.EXPORT));
      h.awaitQuiet();
      List<String> reasons = h.events.of(Type.REQUEST_DROPPED).stream()
          .map(ControllerEvent::message).toList();
      assertEquals(3, reasons.size(), reasons.toString());
      assertTrue(reasons.get(0).contains("has no run profile 'Nightly'"), reasons.get(0));
      assertTrue(reasons.get(1).contains("has no partition 'DC=zz'"), reasons.get(1));
      assertTrue(reasons.get(2).contains("unknown MA 'NOPE'"), reasons.get(2));
      assertEquals(List.of(), h.runs());
    }
  }

  @Test
  void a_disabled_ma_runs_nothing() {
    try (Harness h = new Harness(b -> b.ma("HR", ma -> ma.standardProfiles()),
        s -> s.withMa(MaSettings.enabled("HR").withEnabled(false))).start()) {
      h.submit("HR", ProfileType.DELTA_IMPORT);
      var dropped = h.events.await(Type.REQUEST_DROPPED, "HR");
      assertTrue(dropped.message().contains("disabled"), dropped.message());
      assertEquals(MaState.DISABLED, h.controller.status("HR").state());
      assertEquals(List.of(), h.runs());
    }
  }

  @Test
  void an_ma_the_settings_omit_is_disabled() {
    try (Harness h = new Harness(b -> b.ma("HR", ma -> ma.standardProfiles()),
        s -> ControllerSettings.defaults()).start()) {
      assertEquals(MaState.DISABLED, h.controller.status("HR").state());
    }
  }
}
