package org.autosync.host.trigger;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.autosync.api.trigger.Trigger;
import org.autosync.api.trigger.TriggerConfig;
import org.autosync.api.trigger.TriggerContext;
import org.autosync.api.trigger.TriggerFactory;
import org.autosync.api.trigger.TriggerType;
import org.jspecify.annotations.Nullable;

/**
 * A factory of {@link FakeTrigger}s that remembers every instance it created. The first {@link
 * #failStarts} instances throw from {@code start}; every instance runs {@link #onStart} first.
 */
final class FakeTriggerFactory implements TriggerFactory {

  static final String TYPE = "fake";

  final List<FakeTrigger> created = new CopyOnWriteArrayList<>();
  volatile int failStarts;
  volatile Consumer<TriggerContext> onStart = context -> {};
  volatile boolean throwOnStop;
  /** How many more calls of {@code create} throw. */
  final AtomicInteger failCreates = new AtomicInteger();
  /** Shared by every instance: "start <id>#<n>" and "stop <id>#<n>", in call order. */
  final List<String> calls = new CopyOnWriteArrayList<>();

  @Override
  public TriggerType type() {
    return new TriggerType(TYPE, "Fake", "A trigger driven by tests", List.of());
  }

  @Override
  public Trigger create(TriggerConfig config) {
    if (failCreates.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      throw new IllegalStateException("plugin not ready");
    }
    int number = created.size() + 1;
    FakeTrigger trigger = new FakeTrigger(config.id() + "#" + number,
        number <= failStarts ? new IllegalStateException("connection refused " + number) : null);
    created.add(trigger);
    return trigger;
  }

  FakeTrigger instance(int number) {
    return created.get(number - 1);
  }

  FakeTrigger latest() {
    return created.getLast();
  }

  final class FakeTrigger implements Trigger {
    final String name;
    final @Nullable RuntimeException startFailure;
    final AtomicInteger starts = new AtomicInteger();
    final AtomicInteger stops = new AtomicInteger();
    volatile @Nullable TriggerContext context;

    FakeTrigger(String name, @Nullable RuntimeException startFailure) {
      this.name = name;
      this.startFailure = startFailure;
    }

    TriggerContext context() {
      TriggerContext c = context;
      if (c == null) {
        throw new IllegalStateException(name + " was never started");
      }
      return c;
    }

    @Override
    public void start(TriggerContext ctx) {
      context = ctx;
      starts.incrementAndGet();
      calls.add("start " + name);
      onStart.accept(ctx);
      if (startFailure != null) {
        throw startFailure;
      }
    }

    @Override
    public void stop() {
      stops.incrementAndGet();
      calls.add("stop " + name);
      if (throwOnStop) {
        throw new IllegalStateException("stop failed for " + name);
      }
    }
  }
}
