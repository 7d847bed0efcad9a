package org.autosync.host.controller;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.autosync.api.RequestSource;
import org.autosync.api.engine.PartitionWork;
import org.autosync.api.engine.PendingWork;
import org.junit.jupiter.api.Test;

class ReconcilerTest {

  private final List<String> notes = new ArrayList<>();

  private List<String> plan(PendingWork work) {
    return Reconciler.plan(work, "start-up", notes).stream()
        .map(r -> r.profileType() + " " + r.partition())
        .toList();
  }

  @Test
  void staged_pending_and_unconfirmed_work_each_lead_to_their_run() {
    var work = new PendingWork("AD", List.of(PartitionWork.of("DC=a", 2, 0, 0),
        PartitionWork.of("DC=b", 0, 5, 1)));
    assertEquals(List.of("DeltaSync DC=a", "Export DC=b", "ConfirmingImport DC=b"), plan(work));
  }

  @Test
  void requests_say_they_come_from_reconciliation_and_why() {
    var request = Reconciler.plan(new PendingWork("AD", List.of(PartitionWork.of("x", 2, 0, 0))),
        "start-up", notes).getFirst();
    assertEquals(RequestSource.Kind.RECONCILE, request.source().kind());
    assertTrue(request.source().detail().contains("2 staged import(s)"));
  }

  @Test
  void nothing_pending_means_nothing_to_run() {
    assertEquals(List.of(), plan(new PendingWork("AD", List.of(PartitionWork.of("x", 0, 0, 0)))));
  }

  @Test
  void counts_the_engine_cannot_tell_are_noted_not_guessed() {
    var work = new PendingWork("MIM", List.of(new PartitionWork(null, OptionalLong.of(1),
        OptionalLong.of(0), OptionalLong.empty())));
    assertEquals(List.of("DeltaSync null"), plan(work));
    assertTrue(notes.getFirst().contains("unconfirmed"), notes.toString());
    assertEquals(List.of(), plan(PendingWork.unknown("MIM")));
  }
}
