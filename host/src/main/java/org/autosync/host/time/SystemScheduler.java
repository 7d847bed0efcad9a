package org.autosync.host.time;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Objects;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.autosync.api.trigger.Cancellable;
import org.autosync.api.trigger.Scheduler;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The host's real {@link Scheduler}: one daemon thread named {@value #THREAD_NAME} that runs every
 * task of every trigger and of the trigger supervisor.
 *
 * <p>Every task is wrapped: an exception is logged, counted in {@link #failedTasks()}, and a
 * repeating task still runs next time. {@link #scheduleAt} measures the delay on the {@link
 * InstantSource} given at construction; delays themselves run on the JVM's monotonic clock.
 *
 * <pre>{@code
 * try (SystemScheduler scheduler = new SystemScheduler(InstantSource.system())) {
 *   Cancellable poll = scheduler.scheduleAtFixedRate(Duration.ZERO, Duration.ofMinutes(1), this::poll);
 *   ...
 *   poll.cancel();
 * }
 * }</pre>
 *
 * <p><b>Threading:</b> thread-safe. Tasks run one at a time on the scheduler thread, so a task that
 * blocks delays every other task: hand blocking work to another thread. {@link #close()} is
 * idempotent; it stops the thread after the running task (waiting up to {@link
 * #DEFAULT_CLOSE_TIMEOUT}, then interrupting it). Tasks scheduled after {@code close()} never run.
 */
public final class SystemScheduler implements Scheduler, AutoCloseable {

  /** The name of the scheduler's thread. */
  public static final String THREAD_NAME = "autosync-scheduler";

  /** How long {@link #close()} waits for a running task before interrupting it. */
  public static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(10);

  private static final Logger log = LoggerFactory.getLogger(SystemScheduler.class);
  private static final Cancellable NOT_SCHEDULED = () -> {};

  private final InstantSource clock;
  private final ScheduledThreadPoolExecutor executor;
  private final AtomicLong failedTasks = new AtomicLong();
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile @Nullable Thread thread;

  /**
   * Creates a scheduler and its thread.
   *
   * @param clock the time source {@link #scheduleAt} measures against; the host's clock
   */
  public SystemScheduler(InstantSource clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.executor = new ScheduledThreadPoolExecutor(1, this::newThread);
    executor.setRemoveOnCancelPolicy(true);
    executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    executor.setContinueExistingPeriodicTasksAfterShutdownPolicy(false);
  }

  @Override
  public Cancellable schedule(Duration delay, Runnable task) {
    Objects.requireNonNull(delay, "delay");
    Runnable wrapped = wrap(task, false);
    return submit(() -> executor.schedule(wrapped, nanos(delay), TimeUnit.NANOSECONDS));
  }

  @Override
  public Cancellable scheduleAt(Instant time, Runnable task) {
    Objects.requireNonNull(time, "time");
    return schedule(Duration.between(clock.instant(), time), task);
  }

  @Override
  public Cancellable scheduleAtFixedRate(Duration initialDelay, Duration period, Runnable task) {
    Objects.requireNonNull(initialDelay, "initialDelay");
    Objects.requireNonNull(period, "period");
    if (period.isNegative() || period.isZero()) {
      throw new IllegalArgumentException("period must be positive, got " + period);
    }
    Runnable wrapped = wrap(task, true);
    return submit(() -> executor.scheduleAtFixedRate(
        wrapped, nanos(initialDelay), nanos(period), TimeUnit.NANOSECONDS));
  }

  /** How many task runs have thrown since this scheduler was created. */
  public long failedTasks() {
    return failedTasks.get();
  }

  /**
   * Stops the scheduler: pending tasks are dropped, a running task may finish (up to {@link
   * #DEFAULT_CLOSE_TIMEOUT}, then it is interrupted). Idempotent. Called from a task, it does not
   * wait for that task.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    executor.shutdown();
    if (Thread.currentThread() == thread) {
      return;
    }
    try {
      if (!executor.awaitTermination(DEFAULT_CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        log.warn("A scheduled task still ran {} after close; interrupting it", DEFAULT_CLOSE_TIMEOUT);
        executor.shutdownNow();
      }
    } catch (InterruptedException e) {
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  /** Whether the scheduler's thread has ended; for tests. */
  boolean isTerminated() {
    return executor.isTerminated();
  }

  private Cancellable submit(Supplier<ScheduledFuture<?>> scheduling) {
    if (closed.get()) {
      log.debug("Scheduler is closed; a task scheduled now never runs");
      return NOT_SCHEDULED;
    }
    try {
      return new ScheduledTask(scheduling.get());
    } catch (RejectedExecutionException e) {
      log.debug("Scheduler is closed; a task scheduled now never runs");
      return NOT_SCHEDULED;
    }
  }

  private Runnable wrap(Runnable task, boolean repeating) {
    Objects.requireNonNull(task, "task");
    return () -> {
      try {
        task.run();
      } catch (Throwable t) {
        long failures = failedTasks.incrementAndGet();
        log.error("A scheduled task failed ({} failures so far){}",
            failures, repeating ? "; it runs again next time" : "", t);
        if (t instanceof VirtualMachineError && !(t instanceof StackOverflowError)) {
          throw t;
        }
      }
    };
  }

  private Thread newThread(Runnable runnable) {
    Thread t = new Thread(runnable, THREAD_NAME);
    t.setDaemon(true);
    thread = t;
    return t;
  }

  private static long nanos(Duration delay) {
    if (delay.isNegative()) {
      return 0;
    }
    try {
      return delay.toNanos();
    } catch (ArithmeticException tooLong) {
      return Long.MAX_VALUE;
    }
  }

  /** A scheduled task; cancelling does not interrupt a run in progress. */
  record ScheduledTask(ScheduledFuture<?> future) implements Cancellable {
    @Override
    public void cancel() {
      future.cancel(false);
    }

    /** How long until the task is due; for tests. */
    Duration remainingDelay() {
      return Duration.ofNanos(future.getDelay(TimeUnit.NANOSECONDS));
    }
  }
}
