package org.autosync.host.controller;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.autosync.api.ProfileType;
import org.autosync.host.controller.ControllerEvent.Type;
import org.autosync.testkit.RunRecord;
import org.junit.jupiter.api.Test;

class ControllerAdmissionTest {

  private static Harness threeMas(java.util.function.UnaryOperator<ControllerSettings> s) {
    return new Harness(b -> b
        .ma("A", ma -> ma.standardProfiles())
        .ma("B", ma -> ma.standardProfiles())
        .ma("C", ma -> ma.standardProfiles()), s);
  }

  private static RunRecord run(Harness h, String ma, String profile) {
    return h.engine.runs().stream()
        .filter(r -> r.ma().equals(ma) && r.profile().equals(profile)).findFirst().orElseThrow();
  }

  @Test
  void status_says_why_a_request_waits() {
    try (Harness h = threeMas(s -> s).start()) {
      var gate = h.engine.onRun("A", "DS").blockUntilReleased();
      h.submit("A", ProfileType.DELTA_SYNC);
      gate.awaitStarted();
      h.submit("B", ProfileType.DELTA_IMPORT);
      h.events.await(Type.WAITING, "B");
      MaStatus b = h.controller.status("B");
      assertEquals(MaState.WAITING, b.state());
      assertTrue(b.detail().contains("'A' running 'DS'"), b.detail());
      assertEquals(MaState.RUNNING, h.controller.status("A").state());
      assertEquals("DS", h.controller.status("A").currentRun().profile());
      gate.release();
      h.awaitQuiet();
      assertTrue(run(h, "B", "DI").startSeq() > run(h, "A", "DS").endSeq());
    }
  }

  @Test
  void imports_and_exports_of_different_mas_run_together() {
    try (Harness h = threeMas(s -> s).start()) {
      var gateA = h.engine.onRun("A", "DI").blockUntilReleased();
      var gateB = h.engine.onRun("B", "E").blockUntilReleased();
      h.submit("A", ProfileType.DELTA_IMPORT);
      h.submit("B", ProfileType.EXPORT);
      gateA.awaitStarted();
      gateB.awaitStarted(); // both in progress at once
      gateA.release();
      gateB.release();
      h.awaitQuiet();
      assertTrue(run(h, "A", "DI").overlaps(run(h, "B", "E")));
    }
  }

  @Test
  void a_waiting_sync_first_in_line_stops_later_imports_so_it_cannot_starve() {
    try (Harness h = threeMas(s -> s).start()) {
      var gate = h.engine.onRun("A", "DI").blockUntilReleased();
      h.submit("A", ProfileType.DELTA_IMPORT);
      gate.awaitStarted();
      h.submit("B", ProfileType.DELTA_SYNC);
      h.events.await(Type.WAITING, "B");
      h.submit("C", ProfileType.DELTA_IMPORT);
      var waiting = h.events.await(Type.WAITING, "C");
      assertTrue(waiting.message().contains("behind earlier request 'B' 'DS'"),
          waiting.message());
      gate.release();
      h.awaitQuiet();
      assertEquals(List.of("A DI", "B DS", "C DI"), h.runs());
      assertTrue(run(h, "C", "DI").startSeq() > run(h, "B", "DS").endSeq());
    }
  }

  @Test
  void lock_with_mas_never_overlap() {
    try (Harness h = threeMas(s -> s.withRunMode(RunMode.UNSUPPORTED)
        .withMa(MaSettings.enabled("A").withLockWith(Set.of("B")))).start()) {
      var gate = h.engine.onRun("A", "DI").blockUntilReleased();
      h.submit("A", ProfileType.DELTA_IMPORT);
      gate.awaitStarted();
      h.submit("B", ProfileType.DELTA_IMPORT);
      h.submit("C", ProfileType.DELTA_IMPORT);
      var waiting = h.events.await(Type.WAITING, "B");
      assertTrue(waiting.message().contains("lockWith 'A'"), waiting.message());
      h.engine.awaitRun(r -> r.ma().equals("C"), Duration.ofSeconds(10));
      gate.release();
      h.awaitQuiet();
      assertTrue(run(h, "B", "DI").startSeq() > run(h, "A", "DI").endSeq());
    }
  }

  @Test
  void an_exclusive_request_runs_alone() {
    try (Harness h = threeMas(s -> s.withRunMode(RunMode.UNSUPPORTED)).start()) {
      var gate = h.engine.onRun("A", "DI").blockUntilReleased();
      h.submit("A", ProfileType.DELTA_IMPORT);
      gate.awaitStarted();
      h.submit(org.autosync.api.ExecutionRequest.ofType("B", ProfileType.FULL_IMPORT)
          .withExclusive(true));
      var waiting = h.events.await(Type.WAITING, "B");
      assertTrue(waiting.message().contains("exclusive request"), waiting.message());
      gate.release();
      h.awaitQuiet();
      assertTrue(run(h, "B", "FI").startSeq() > run(h, "A", "DI").endSeq());
    }
  }

  @Test
  void a_stagger_spaces_run_starts() {
    try (Harness h = threeMas(s -> s.withStagger(Duration.ofSeconds(10))).start()) {
      h.submit("A", ProfileType.DELTA_IMPORT);
      h.submit("B", ProfileType.DELTA_IMPORT);
      var waiting = h.events.await(Type.WAITING, "B");
      assertTrue(waiting.message().contains("stagger"), waiting.message());
      assertEquals(List.of("A DI"), h.runs());
      h.scheduler.advance(Duration.ofSeconds(10));
      h.awaitQuiet();
      assertEquals(List.of("A DI", "B DI"), h.runs());
    }
  }

  @Test
  void a_paused_ma_keeps_its_requests_until_resumed() {
    try (Harness h = threeMas(s -> s).start()) {
      h.controller.pause("A");
      h.submit("A", ProfileType.DELTA_IMPORT);
      h.submit("A", ProfileType.DELTA_IMPORT);
      h.events.await(Type.REQUEST_COALESCED, "A");
      MaStatus a = h.controller.status("A");
      assertEquals(MaState.PAUSED, a.state());
      assertEquals(1, a.queue().size());
      h.controller.resume("A");
      h.awaitQuiet();
      assertEquals(List.of("A DI"), h.runs());
    }
  }

  @Test
  void pausing_everything_holds_every_ma() {
    try (Harness h = threeMas(s -> s).start()) {
      h.controller.pauseAll(true);
      h.submit("A", ProfileType.DELTA_IMPORT);
      h.submit("B", ProfileType.DELTA_IMPORT);
      h.events.await(Type.REQUEST_QUEUED, "B");
      assertEquals(MaState.PAUSED, h.controller.status("B").state());
      assertEquals(List.of(), h.runs());
      h.controller.pauseAll(false);
      h.awaitQuiet();
      assertEquals(2, h.runs().size());
    }
  }
}
