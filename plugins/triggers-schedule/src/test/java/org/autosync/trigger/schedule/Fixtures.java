package org.autosync.trigger.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.autosync.api.engine.ManagementAgent;
import org.autosync.api.trigger.StateStore;
import org.autosync.api.trigger.TriggerFactory;
import org.autosync.testkit.FakeEngine;
import org.autosync.testkit.ManualClock;
import org.autosync.testkit.ManualScheduler;
import org.autosync.testkit.RunningTrigger;
import org.autosync.testkit.TriggerTestKit;

/** Shared test setup: an MA, starting triggers on a chosen clock, and reading when they fired. */
final class Fixtures {

  static final ManagementAgent HR = FakeEngine.builder()
      .ma("HR", ma -> ma.standardProfiles().partitions("default", "DC=res"))
      .build().managementAgents().getFirst();

  private Fixtures() {}

  static RunningTrigger start(TriggerFactory factory, Map<String, String> values, String now) {
    return start(factory, values, ManualClock.startingAt(now));
  }

  static RunningTrigger start(TriggerFactory factory, Map<String, String> values,
      ManualClock clock) {
    return TriggerTestKit.forFactory(factory).clock(clock).start(values, HR);
  }

  static RunningTrigger start(TriggerFactory factory, Map<String, String> values,
      ManualClock clock, StateStore state) {
    return TriggerTestKit.forFactory(factory).clock(clock).stateStore(state).start(values, HR);
  }

  /**
   * Runs the trigger's tasks one due time at a time until {@code until}, and returns the clock's
   * time at each fire (the manual scheduler sets the clock to a task's due time before running it).
   */
  static List<Instant> fireTimesUntil(RunningTrigger running, String until) {
    Instant end = Instant.parse(until);
    ManualScheduler scheduler = running.scheduler();
    List<Instant> times = new ArrayList<>();
    while (true) {
      Optional<Instant> due = scheduler.nextDue();
      if (due.isEmpty() || due.get().isAfter(end)) {
        break;
      }
      int before = running.context().fired().size();
      scheduler.advance(nonNegative(Duration.between(running.clock().instant(), due.get())));
      for (int i = before; i < running.context().fired().size(); i++) {
        times.add(running.clock().instant());
      }
    }
    scheduler.advance(nonNegative(Duration.between(running.clock().instant(), end)));
    return times;
  }

  static List<Instant> instants(String... iso) {
    return Arrays.stream(iso).map(Instant::parse).toList();
  }

  private static Duration nonNegative(Duration d) {
    return d.isNegative() ? Duration.ZERO : d;
  }
}
