package org.autosync.host.trigger;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.autosync.api.ExecutionRequest;
import org.autosync.api.trigger.TriggerConfig;
import org.autosync.api.trigger.TriggerHealth;

/** Records events as short lines such as {@code failed hr 1 PT1S start failed: boom}. */
final class RecordingListener implements TriggerEventListener {

  final List<String> events = new CopyOnWriteArrayList<>();

  @Override
  public void started(TriggerConfig trigger) {
    events.add("started " + trigger.id());
  }

  @Override
  public void fired(TriggerConfig trigger, ExecutionRequest request) {
    events.add("fired " + trigger.id() + " " + request);
  }

  @Override
  public void requestRefused(TriggerConfig trigger, ExecutionRequest request, String reason) {
    events.add("refused " + trigger.id() + " " + reason);
  }

  @Override
  public void failed(TriggerConfig trigger, String reason, int failures, Duration retryIn) {
    events.add("failed " + trigger.id() + " " + failures + " " + retryIn + " " + reason);
  }

  @Override
  public void restarted(TriggerConfig trigger, int restarts) {
    events.add("restarted " + trigger.id() + " " + restarts);
  }

  @Override
  public void stopped(TriggerConfig trigger) {
    events.add("stopped " + trigger.id());
  }

  @Override
  public void healthChanged(TriggerConfig trigger, TriggerHealth health) {
    events.add("health " + trigger.id() + " " + health.state());
  }

  List<String> withPrefix(String prefix) {
    return events.stream().filter(e -> e.startsWith(prefix)).toList();
  }
}
