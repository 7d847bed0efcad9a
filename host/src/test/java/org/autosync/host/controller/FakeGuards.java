package org.autosync.host.controller;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.autosync.api.engine.ManagementAgent;
import org.autosync.api.engine.RunDetails;
import org.autosync.api.engine.RunProfile;
import org.autosync.scripts.ControllerDecision;
import org.autosync.scripts.ControllerDecision.Action;
import org.jspecify.annotations.Nullable;

/**
 * Hand-written guards for controller tests, one per scope ({@code global}, {@code MA 'HR'}),
 * answering what the test says, recording what they were asked and told, and optionally
 * blocking until released.
 */
final class FakeGuards implements RunGuard.Factory {

  static final ControllerDecision PROCEED = new ControllerDecision(Action.PROCEED, "fine");

  final Map<String, FakeGuard> byScope = new ConcurrentHashMap<>();
  final List<String> opened = new CopyOnWriteArrayList<>();

  @Override
  public RunGuard open(String scope, ControllerScriptSettings settings) {
    opened.add(scope + " " + settings.script());
    FakeGuard guard = new FakeGuard("guard '" + settings.script() + "' (" + scope + ")");
    byScope.put(scope, guard);
    return guard;
  }

  FakeGuard global() {
    return byScope.get(Guards.GLOBAL);
  }

  FakeGuard of(String ma) {
    return byScope.get(Guards.scope(ma));
  }

  static ControllerDecision veto(String reason) {
    return new ControllerDecision(Action.VETO, reason);
  }

  static long deletes(RunDetails run) {
    return run.steps().stream().mapToLong(s -> s.staging().delete()).sum();
  }

  static final class FakeGuard implements RunGuard {
    private final String name;
    volatile Function<String, ControllerDecision> before = p -> PROCEED;
    volatile Function<RunDetails, ControllerDecision> after = r -> PROCEED;
    volatile @Nullable CountDownLatch gate;
    volatile @Nullable String loadError;
    volatile boolean closed;
    final List<String> asked = new CopyOnWriteArrayList<>();
    final List<RunDetails> told = new CopyOnWriteArrayList<>();
    final List<String> threads = new CopyOnWriteArrayList<>();

    FakeGuard(String name) {
      this.name = name;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public ControllerDecision shouldExecute(ManagementAgent ma, RunProfile profile) {
      asked.add(ma.name() + " " + profile.name());
      threads.add(Thread.currentThread().getName());
      CountDownLatch g = gate;
      if (g != null) {
        try {
          if (!g.await(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the test never released the gate");
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      return before.apply(profile.name());
    }

    @Override
    public ControllerDecision executionComplete(RunDetails run) {
      told.add(run);
      threads.add(Thread.currentThread().getName());
      return after.apply(run);
    }

    @Override
    public @Nullable String loadError() {
      return loadError;
    }

    @Override
    public void close() {
      closed = true;
    }

    void awaitAsked(int count) {
      org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
          .until(() -> asked.size() >= count);
    }
  }
}
