package org.autosync.host.trigger;

import java.time.Duration;
import org.autosync.api.ExecutionRequest;
import org.autosync.api.trigger.TriggerConfig;
import org.autosync.api.trigger.TriggerHealth;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Calls a listener and logs what it throws, so that a listener cannot break the supervisor. */
final class SafeListener implements TriggerEventListener {

  private static final Logger log = LoggerFactory.getLogger(TriggerEventListener.class);

  private final TriggerEventListener delegate;

  SafeListener(TriggerEventListener delegate) {
    this.delegate = delegate;
  }

  @Override
  public void started(TriggerConfig trigger) {
    call("started", trigger, () -> delegate.started(trigger));
  }

  @Override
  public void fired(TriggerConfig trigger, ExecutionRequest request) {
    call("fired", trigger, () -> delegate.fired(trigger, request));
  }

  @Override
  public void requestRefused(TriggerConfig trigger, ExecutionRequest request, String reason) {
    call("requestRefused", trigger, () -> delegate.requestRefused(trigger, request, reason));
  }

  @Override
  public void failed(TriggerConfig trigger, String reason, int failures, Duration retryIn) {
    call("failed", trigger, () -> delegate.failed(trigger, reason, failures, retryIn));
  }

  @Override
  public void restarted(TriggerConfig trigger, int restarts) {
    call("restarted", trigger, () -> delegate.restarted(trigger, restarts));
  }

  @Override
  public void stopped(TriggerConfig trigger) {
    call("stopped", trigger, () -> delegate.stopped(trigger));
  }

  @Override
  public void healthChanged(TriggerConfig trigger, TriggerHealth health) {
    call("healthChanged", trigger, () -> delegate.healthChanged(trigger, health));
  }

  private static void call(String event, TriggerConfig trigger, Runnable call) {
    try {
      call.run();
    } catch (Throwable t) {
      Failures.rethrowIfFatal(t);
      log.error("Trigger event listener threw from {} for trigger '{}'; ignored",
          event, trigger.id(), t);
    }
  }
}
