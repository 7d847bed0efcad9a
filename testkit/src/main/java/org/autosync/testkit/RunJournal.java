package org.autosync.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The fake engine's record of ended runs and refusals, with the engine-wide sequence counter.
 *
 * <p>The engine calls {@link #nextSeq}, {@link #ended} and {@link #refused} while holding its own
 * lock, so sequence numbers follow its admission decisions; this class's lock nests inside the
 * engine's and never calls out, so tests can read and wait without holding up runs.
 */
final class RunJournal {
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final List<RunRecord> runs = new ArrayList<>();
  private final List<Refusal> refusals = new ArrayList<>();
  private long seq;

  long nextSeq() {
    lock.lock();
    try {
      return ++seq;
    } finally {
      lock.unlock();
    }
  }

  void ended(RunRecord record) {
    lock.lock();
    try {
      runs.add(record);
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  void refused(Refusal refusal) {
    lock.lock();
    try {
      refusals.add(refusal);
    } finally {
      lock.unlock();
    }
  }

  List<RunRecord> runs() {
    lock.lock();
    try {
      return List.copyOf(runs);
    } finally {
      lock.unlock();
    }
  }

  List<Refusal> refusals() {
    lock.lock();
    try {
      return List.copyOf(refusals);
    } finally {
      lock.unlock();
    }
  }

  List<RunRecord> awaitRuns(int count, Duration timeout, Supplier<Object> inProgress) {
    lock.lock();
    try {
      if (!Awaits.await(changed, () -> runs.size() >= count, timeout, count + " runs")) {
        throw new AssertionError("Expected " + count + " runs to end within " + timeout + ", but "
            + runs.size() + " did: " + runs + "; in progress: " + inProgress.get());
      }
      return List.copyOf(runs);
    } finally {
      lock.unlock();
    }
  }

  RunRecord awaitRun(Predicate<RunRecord> condition, Duration timeout,
      Supplier<Object> inProgress) {
    lock.lock();
    try {
      if (!Awaits.await(changed, () -> runs.stream().anyMatch(condition), timeout, "a run")) {
        throw new AssertionError("No matching run ended within " + timeout + "; ended: " + runs
            + "; in progress: " + inProgress.get());
      }
      return runs.stream().filter(condition).findFirst().orElseThrow();
    } finally {
      lock.unlock();
    }
  }
}
