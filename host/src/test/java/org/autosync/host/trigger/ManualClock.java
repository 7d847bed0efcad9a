package org.autosync.host.trigger;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/** A clock that moves only when told to. */
final class ManualClock implements InstantSource {
  private volatile Instant now;

  ManualClock(Instant start) {
    this.now = start;
  }

  @Override
  public Instant instant() {
    return now;
  }

  void set(Instant value) {
    now = value;
  }

  void advance(Duration d) {
    now = now.plus(d);
  }
}
