package org.autosync.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.autosync.api.trigger.Cancellable;
import org.junit.jupiter.api.Test;

class ManualSchedulerTest {

  private static final Instant T0 = Instant.parse("2026-01-05T08:00:00Z");

  private final ManualClock clock = new ManualClock(T0);
  private final ManualScheduler scheduler = new ManualScheduler(clock);
  private final List<String> log = Collections.synchronizedList(new ArrayList<>());

  private Runnable note(String name) {
    return () -> log.add(name + "@" + Duration.between(T0, clock.instant()).toSeconds());
  }

  @Test
  void runs_tasks_in_due_order_with_the_clock_at_each_due_time() {
    scheduler.schedule(Duration.ofSeconds(30), note("c"));
    scheduler.schedule(Duration.ofSeconds(10), note("a"));
    scheduler.scheduleAt(T0.plusSeconds(20), note("b"));

    assertEquals(3, scheduler.advance(Duration.ofMinutes(1)));

    assertEquals(List.of("a@10", "b@20", "c@30"), log);
    assertEquals(T0.plusSeconds(60), clock.instant());
  }

  @Test
  void ties_run_in_scheduling_order() {
    for (String name : List.of("first", "second", "third")) {
      scheduler.schedule(Duration.ofSeconds(5), note(name));
    }
    scheduler.advance(Duration.ofSeconds(5));
    assertEquals(List.of("first@5", "second@5", "third@5"), log);
  }

  @Test
  void tasks_due_after_the_window_wait_for_a_later_advance() {
    scheduler.schedule(Duration.ofSeconds(61), note("late"));
    assertEquals(0, scheduler.advance(Duration.ofMinutes(1)));
    assertEquals(Optional.of(T0.plusSeconds(61)), scheduler.nextDue());
    assertEquals(1, scheduler.advance(Duration.ofSeconds(1)));
    assertEquals(List.of("late@61"), log);
  }

  @Test
  void repeating_tasks_run_once_per_period_within_the_advance() {
    scheduler.scheduleAtFixedRate(Duration.ZERO, Duration.ofMinutes(1), note("tick"));
    assertEquals(3, scheduler.advance(Duration.ofMinutes(2)));
    assertEquals(List.of("tick@0", "tick@60", "tick@120"), log);
    assertEquals(1, scheduler.pendingCount());
    assertEquals(Optional.of(T0.plusSeconds(180)), scheduler.nextDue());
  }

  @Test
  void tasks_scheduled_by_tasks_run_when_due_within_the_advance() {
    scheduler.schedule(Duration.ofSeconds(10), () -> {
      note("parent").run();
      scheduler.schedule(Duration.ofSeconds(15), note("child"));
      scheduler.schedule(Duration.ofSeconds(100), note("grandchild-too-late"));
    });
    scheduler.advance(Duration.ofSeconds(30));
    assertEquals(List.of("parent@10", "child@25"), log);
    assertEquals(1, scheduler.pendingCount());
  }

  @Test
  void cancelled_tasks_never_run_and_leave_the_queue() {
    Cancellable cancelled = scheduler.schedule(Duration.ofSeconds(1), note("cancelled"));
    scheduler.schedule(Duration.ofSeconds(2), note("kept"));
    cancelled.cancel();
    cancelled.cancel();
    assertEquals(1, scheduler.pendingCount());
    scheduler.advance(Duration.ofSeconds(5));
    assertEquals(List.of("kept@2"), log);
  }

  @Test
  void a_repeating_task_can_cancel_itself() {
    AtomicReference<Cancellable> self = new AtomicReference<>();
    AtomicInteger runs = new AtomicInteger();
    self.set(scheduler.scheduleAtFixedRate(Duration.ofSeconds(1), Duration.ofSeconds(1), () -> {
      if (runs.incrementAndGet() == 3) {
        self.get().cancel();
      }
    }));
    scheduler.advance(Duration.ofSeconds(10));
    assertEquals(3, runs.get());
    assertEquals(0, scheduler.pendingCount());
  }

  @Test
  void a_failing_task_does_not_stop_the_advance_and_a_repeating_one_runs_again() {
    AtomicInteger failures = new AtomicInteger();
    scheduler.scheduleAtFixedRate(Duration.ZERO, Duration.ofSeconds(10), () -> {
      failures.incrementAndGet();
      throw new IllegalStateException("expected by the test");
    });
    scheduler.schedule(Duration.ofSeconds(5), note("after"));
    assertEquals(4, scheduler.advance(Duration.ofSeconds(20)));
    assertEquals(3, failures.get());
    assertEquals(List.of("after@5"), log);
  }

  @Test
  void run_due_runs_only_what_is_due_now_without_moving_the_clock() {
    scheduler.schedule(Duration.ZERO, note("now"));
    scheduler.schedule(Duration.ofSeconds(1), note("later"));
    assertEquals(1, scheduler.runDue());
    assertEquals(List.of("now@0"), log);
    assertEquals(T0, clock.instant());
    assertEquals(0, scheduler.runDue());
  }

  @Test
  void a_task_due_in_the_past_runs_at_once_and_time_never_goes_back() {
    clock.advance(Duration.ofMinutes(1));
    scheduler.scheduleAt(T0, note("overdue"));
    scheduler.runDue();
    assertEquals(List.of("overdue@60"), log);
    assertEquals(T0.plusSeconds(60), clock.instant());
  }

  @Test
  void nothing_scheduled_means_no_next_due_time() {
    assertEquals(Optional.empty(), scheduler.nextDue());
    assertEquals(0, scheduler.pendingCount());
    assertEquals(0, scheduler.advance(Duration.ofHours(1)));
    assertEquals(T0.plusSeconds(3600), clock.instant());
  }

  @Test
  void a_repeating_task_needs_a_positive_period() {
    assertThrows(IllegalArgumentException.class,
        () -> scheduler.scheduleAtFixedRate(Duration.ZERO, Duration.ZERO, note("x")));
  }

  @Test
  void a_task_rescheduling_itself_without_delay_fails_the_call_instead_of_hanging() {
    Runnable[] loop = new Runnable[1];
    loop[0] = () -> scheduler.schedule(Duration.ZERO, loop[0]);
    scheduler.schedule(Duration.ZERO, loop[0]);
    assertThrows(IllegalStateException.class, scheduler::runDue);
  }

  @Test
  void tasks_may_be_scheduled_from_many_threads() throws InterruptedException {
    AtomicInteger ran = new AtomicInteger();
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 8; t++) {
      int offset = t;
      threads.add(Thread.ofPlatform().start(() -> {
        for (int i = 0; i < 500; i++) {
          scheduler.schedule(Duration.ofMillis(offset * 500L + i), ran::incrementAndGet);
        }
      }));
    }
    for (Thread thread : threads) {
      thread.join();
    }
    assertEquals(4000, scheduler.pendingCount());
    assertEquals(4000, scheduler.advance(Duration.ofSeconds(10)));
    assertEquals(4000, ran.get());
  }
}
