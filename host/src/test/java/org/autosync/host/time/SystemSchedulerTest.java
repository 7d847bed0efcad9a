package org.autosync.host.time;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.autosync.api.trigger.Cancellable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SystemSchedulerTest {

  private static final Instant NOW = Instant.parse("2026-03-01T08:00:00Z");

  private final SystemScheduler scheduler = new SystemScheduler(InstantSource.fixed(NOW));

  @AfterEach
  void close() {
    scheduler.close();
  }

  @Test
  void runs_a_task_once_on_the_scheduler_thread() throws InterruptedException {
    CountDownLatch ran = new CountDownLatch(1);
    AtomicReference<Thread> thread = new AtomicReference<>();

    scheduler.schedule(Duration.ofMillis(10), () -> {
      thread.set(Thread.currentThread());
      ran.countDown();
    });

    assertTrue(ran.await(5, TimeUnit.SECONDS));
    assertEquals(SystemScheduler.THREAD_NAME, thread.get().getName());
    assertTrue(thread.get().isDaemon());
  }

  @Test
  void schedule_at_measures_the_delay_on_the_injected_clock() {
    Cancellable later = scheduler.scheduleAt(NOW.plus(Duration.ofHours(1)), () -> {});

    Duration remaining = ((SystemScheduler.ScheduledTask) later).remainingDelay();

    assertTrue(remaining.compareTo(Duration.ofMinutes(59)) > 0, remaining::toString);
    assertTrue(remaining.compareTo(Duration.ofHours(1)) <= 0, remaining::toString);
    later.cancel();
  }

  @Test
  void a_time_in_the_past_runs_at_once() throws InterruptedException {
    CountDownLatch ran = new CountDownLatch(1);

    scheduler.scheduleAt(NOW.minus(Duration.ofDays(1)), ran::countDown);

    assertTrue(ran.await(5, TimeUnit.SECONDS));
  }

  @Test
  void runs_a_task_at_a_fixed_rate_until_cancelled() throws InterruptedException {
    CountDownLatch threeRuns = new CountDownLatch(3);
    AtomicInteger runs = new AtomicInteger();

    Cancellable task = scheduler.scheduleAtFixedRate(Duration.ZERO, Duration.ofMillis(5), () -> {
      runs.incrementAndGet();
      threeRuns.countDown();
    });

    assertTrue(threeRuns.await(5, TimeUnit.SECONDS));
    task.cancel();
    int afterCancel = runs.get();
    CountDownLatch marker = new CountDownLatch(1);
    scheduler.schedule(Duration.ofMillis(50), marker::countDown); // a later task on the same thread
    assertTrue(marker.await(5, TimeUnit.SECONDS));
    assertTrue(runs.get() <= afterCancel + 1, "at most a run already under way finishes");
  }

  @Test
  void a_throwing_repeating_task_is_counted_and_keeps_running() {
    AtomicInteger runs = new AtomicInteger();

    scheduler.scheduleAtFixedRate(Duration.ZERO, Duration.ofMillis(5), () -> {
      runs.incrementAndGet();
      throw new IllegalStateException("boom");
    });
    scheduler.schedule(Duration.ZERO, () -> {
      throw new IllegalStateException("once");
    });

    await().atMost(Duration.ofSeconds(5)).until(() -> runs.get() >= 3);
    await().atMost(Duration.ofSeconds(5)).until(() -> scheduler.failedTasks() >= 4);
  }

  @Test
  void close_is_idempotent_stops_the_thread_and_drops_later_tasks() {
    AtomicInteger runs = new AtomicInteger();
    scheduler.schedule(Duration.ofHours(1), runs::incrementAndGet);

    scheduler.close();
    scheduler.close();

    assertTrue(scheduler.isTerminated());
    Cancellable afterClose = scheduler.schedule(Duration.ZERO, runs::incrementAndGet);
    afterClose.cancel();
    assertEquals(0, runs.get());
  }

  @Test
  void close_from_a_task_does_not_wait_for_itself() throws InterruptedException {
    CountDownLatch closed = new CountDownLatch(1);

    scheduler.schedule(Duration.ZERO, () -> {
      scheduler.close();
      closed.countDown();
    });

    assertTrue(closed.await(5, TimeUnit.SECONDS));
    await().atMost(Duration.ofSeconds(5)).until(scheduler::isTerminated);
  }

  @Test
  void a_period_must_be_positive() {
    assertThrows(IllegalArgumentException.class,
        () -> scheduler.scheduleAtFixedRate(Duration.ZERO, Duration.ZERO, () -> {}));
  }
}
