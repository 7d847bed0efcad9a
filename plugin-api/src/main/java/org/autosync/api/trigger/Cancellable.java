package org.autosync.api.trigger;

/**
 * A scheduled task that can be cancelled; cancelling twice is harmless. Thread-safe: may be
 * cancelled from any thread, including the task's own.
 */
@FunctionalInterface
public interface Cancellable {
  void cancel();
}
