package org.autosync.gallery;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.autosync.api.ExecutionRequest;
import org.autosync.api.engine.ManagementAgent;
import org.autosync.api.trigger.TriggerFactory;
import org.autosync.api.trigger.TriggerHealth;
import org.autosync.testkit.InMemoryStateStore;
import org.autosync.testkit.ManualClock;
import org.autosync.testkit.RunningTrigger;
import org.autosync.testkit.TriggerTestKit;
import org.jspecify.annotations.Nullable;

/** A trigger script started with the test kit: manual clock and scheduler, recorded fires. */
final class TriggerDriver implements ScriptDriver {

  private final TriggerFactory factory;
  private final String id;
  private final ManualClock clock;
  private final Map<String, String> values;
  private final Map<String, String> secrets;
  private final ManagementAgent ma;
  private final InMemoryStateStore state = new InMemoryStateStore();
  private final List<ExecutionRequest> firedBeforeRestart = new ArrayList<>();
  private @Nullable RunningTrigger running;

  TriggerDriver(TriggerFactory factory, String id, ManualClock clock, Map<String, String> values,
      Map<String, String> secrets, ManagementAgent ma) {
    this.factory = factory;
    this.id = id;
    this.clock = clock;
    this.values = values;
    this.secrets = secrets;
    this.ma = ma;
  }

  @Override
  public void start() {
    TriggerTestKit kit = TriggerTestKit.forFactory(factory).triggerId(id).clock(clock)
        .stateStore(state);
    secrets.forEach(kit::withSecret);
    running = kit.start(values, ma);
  }

  @Override
  public void restart() {
    RunningTrigger r = running();
    r.stop();
    firedBeforeRestart.addAll(r.context().fired());
    start();
  }

  @Override
  public void downtime(Duration d) {
    RunningTrigger r = running();
    r.stop();
    firedBeforeRestart.addAll(r.context().fired());
    clock.advance(d);
    start();
  }

  @Override
  public Instant now() {
    return clock.instant();
  }

  @Override
  public void advance(Duration d) {
    running().advance(d);
  }

  @Override
  public List<ExecutionRequest> takeFired(String where) {
    List<ExecutionRequest> all = new ArrayList<>(firedBeforeRestart);
    all.addAll(running().context().fired());
    firedBeforeRestart.clear();
    running().context().clearFired();
    return all;
  }

  @Override
  public @Nullable TriggerHealth health(String where) {
    return running().context().lastHealth().orElse(null);
  }

  @Override
  public @Nullable String state(String key, String where) {
    return state.get(key).orElse(null);
  }

  private RunningTrigger running() {
    if (running == null) {
      throw new IllegalStateException("not started");
    }
    return running;
  }

  @Override
  public void close() {
    if (running != null) {
      running.stop();
    }
  }
}
