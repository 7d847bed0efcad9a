package org.autosync.api.trigger;

/** A scheduled task that can be cancelled; cancelling twice is harmless. */
@FunctionalInterface
public interface Cancellable {
  void cancel();
}
