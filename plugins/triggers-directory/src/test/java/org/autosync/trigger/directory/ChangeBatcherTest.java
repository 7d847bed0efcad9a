package org.autosync.trigger.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.autosync.testkit.ManualClock;
import org.autosync.testkit.ManualScheduler;
import org.junit.jupiter.api.Test;

class ChangeBatcherTest {

  private final ManualScheduler scheduler = new ManualScheduler(new ManualClock(
      ManualClock.DEFAULT_START));
  private final List<String> fired = new ArrayList<>();
  private static final Duration QUIET = Duration.ofSeconds(5);

  private ChangeBatcher batcher(Duration quiet, boolean fireFirst) {
    return new ChangeBatcher(quiet, fireFirst, scheduler, fired::add);
  }

  @Test
  void without_a_quiet_period_every_change_fires_at_once() {
    ChangeBatcher b = batcher(Duration.ZERO, true);
    b.signal("a");
    b.signal("b");
    assertEquals(List.of("a", "b"), fired);
    assertEquals(0, scheduler.pendingCount());
  }

  @Test
  void the_first_change_fires_at_once_and_a_burst_in_the_window_fires_once_at_its_end() {
    ChangeBatcher b = batcher(QUIET, true);
    b.signal("a");
    assertEquals(List.of("a"), fired);
    b.signal("b");
    b.signal("c");
    scheduler.advance(QUIET.minusMillis(1));
    assertEquals(1, fired.size(), "the burst waits for the window's end");
    scheduler.advance(Duration.ofMillis(1));
    assertEquals(2, fired.size());
    assertTrue(fired.get(1).startsWith("2 changes in 5000 ms, first: b"), fired.get(1));
    scheduler.advance(QUIET.multipliedBy(3));
    assertEquals(2, fired.size(), "a quiet window fires nothing");
    b.signal("d");
    assertEquals(List.of("a", "2 changes in 5000 ms, first: b", "d"), fired);
  }

  @Test
  void a_steady_stream_fires_once_per_quiet_period_and_never_loses_the_last_change() {
    ChangeBatcher b = batcher(QUIET, true);
    for (int second = 0; second < 20; second++) {
      b.signal("change " + second);
      scheduler.advance(Duration.ofSeconds(1));
    }
    // fires at 0 s, then at the end of each 5 s window that had changes: 5, 10, 15, 20
    assertEquals(5, fired.size(), fired.toString());
    scheduler.advance(QUIET.multipliedBy(2));
    assertEquals(5, fired.size(), "after the stream, nothing more");
  }

  @Test
  void with_fire_first_off_the_first_change_waits_for_the_window() {
    ChangeBatcher b = batcher(QUIET, false);
    b.signal("a");
    assertEquals(List.of(), fired);
    scheduler.advance(QUIET);
    assertEquals(List.of("a"), fired);
  }

  @Test
  void watermarks_are_stored_only_after_the_fire_that_covers_their_changes() {
    ChangeBatcher b = batcher(QUIET, true);
    List<String> stored = new ArrayList<>();
    b.signal("a");
    b.afterFire(() -> stored.add("after a"));
    assertEquals(List.of("after a"), stored, "nothing is waiting: stored at once");
    b.signal("b");
    b.afterFire(() -> stored.add("after b"));
    assertEquals(List.of("after a"), stored, "b waits for the window's fire");
    scheduler.advance(QUIET);
    assertEquals(List.of("a", "b"), fired);
    assertEquals(List.of("after a", "after b"), stored);
  }

  @Test
  void a_catch_up_covers_pending_changes_and_close_stops_the_window() {
    ChangeBatcher b = batcher(QUIET, true);
    b.signal("a");
    b.signal("b");
    b.fireNow("catch-up");
    scheduler.advance(QUIET);
    assertEquals(List.of("a", "catch-up"), fired);
    b.signal("c");
    b.close();
    b.signal("d");
    scheduler.advance(QUIET);
    assertEquals(List.of("a", "catch-up", "c"), fired);
    assertEquals(0, scheduler.pendingCount());
  }
}
