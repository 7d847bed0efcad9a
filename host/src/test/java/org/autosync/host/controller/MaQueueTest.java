package org.autosync.host.controller;

import static org.autosync.host.controller.Fixtures.profile;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import org.autosync.api.RequestSource;
import org.autosync.api.engine.StepKind;
import org.junit.jupiter.api.Test;

class MaQueueTest {

  private final MaQueue queue = new MaQueue();
  private long key;

  private QueuedRun run(String profile, boolean exclusive, String why) {
    return new QueuedRun("HR", profile(profile, StepKind.DELTA_IMPORT), exclusive,
        RequestSource.trigger(why, ""), ++key);
  }

  private List<String> order() {
    return queue.snapshot().stream().map(r -> r.profile.name()).toList();
  }

  @Test
  void requests_run_first_in_first_out() {
    queue.offer(run("DI", false, "a"), false);
    queue.offer(run("FI", false, "b"), false);
    assertEquals(List.of("DI", "FI"), order());
  }

  @Test
  void front_goes_to_the_head() {
    queue.offer(run("DI", false, "a"), false);
    queue.offer(run("DS", false, "b"), true);
    assertEquals(List.of("DS", "DI"), order());
  }

  @Test
  void an_equal_queued_request_is_coalesced_and_keeps_both_reasons() {
    QueuedRun first = run("DI", false, "a");
    queue.offer(first, false);
    queue.offer(run("FI", false, "b"), false);
    assertSame(first, queue.offer(run("DI", false, "c"), false));
    assertEquals(List.of("DI", "FI"), order());
    assertEquals(2, first.sources.size());
  }

  @Test
  void a_coalesced_front_request_moves_the_queued_one_to_the_head() {
    queue.offer(run("FI", false, "a"), false);
    queue.offer(run("DI", false, "b"), false);
    queue.offer(run("DI", false, "c"), true);
    assertEquals(List.of("DI", "FI"), order());
  }

  @Test
  void an_exclusive_request_is_not_coalesced_with_a_normal_one() {
    queue.offer(run("DI", false, "a"), false);
    queue.offer(run("DI", true, "b"), false);
    assertEquals(2, queue.size());
  }

  @Test
  void coalescing_keeps_the_earliest_place_in_line() {
    QueuedRun late = run("DI", false, "late");
    late.orderKey = 100;
    queue.offer(late, false);
    QueuedRun early = run("DI", false, "early");
    early.orderKey = 3;
    queue.offer(early, false);
    assertEquals(3, queue.peek().orderKey);
  }

  @Test
  void a_retry_goes_back_to_the_head_absorbing_an_equal_request_queued_meanwhile() {
    QueuedRun failed = run("DI", false, "a");
    queue.offer(run("FI", false, "b"), false);
    queue.offer(run("DI", false, "c"), false);
    queue.requeueFront(failed);
    assertEquals(List.of("DI", "FI"), order());
    assertEquals(2, failed.sources.size());
  }
}
