package org.autosync.host.controller;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.autosync.api.ExecutionRequest;
import org.autosync.api.ProfileType;
import org.autosync.api.RequestSource;
import org.autosync.testkit.FakeEngine;
import org.autosync.testkit.FakeEngineBuilder;
import org.autosync.testkit.ManualClock;
import org.autosync.testkit.ManualScheduler;
import org.autosync.testkit.RunRecord;

/** A controller on a fake engine with a manual clock; closes both. */
final class Harness implements AutoCloseable {
  final FakeEngine engine;
  final ManualClock clock = new ManualClock(ManualClock.DEFAULT_START);
  final ManualScheduler scheduler = new ManualScheduler(clock);
  final EventRecorder events = new EventRecorder();
  final ExecutionController controller;

  Harness(Consumer<FakeEngineBuilder> engineSpec, UnaryOperator<ControllerSettings> settings) {
    this(engineSpec, settings, RunGuard.Factory.UNAVAILABLE, ControllerStateStore.inMemory());
  }

  /** A harness whose controller opens controller scripts with {@code guards}. */
  Harness(Consumer<FakeEngineBuilder> engineSpec, UnaryOperator<ControllerSettings> settings,
      RunGuard.Factory guards, ControllerStateStore stateStore) {
    FakeEngineBuilder builder = FakeEngine.builder()
            .clock(clock);
    engineSpec.accept(builder);
    engine = builder.build();
    ControllerSettings s = ControllerSettings.defaults();
    for (var ma : engine.managementAgents()) {
      s = s.withMa(MaSettings.enabled(ma.name()));
    }
    EventJournal journal = new EventJournal();
    journal.subscribe(events);
    controller = ExecutionController.builder(engine, settings.apply(s)).clock(clock).scheduler(scheduler)
            .journal(journal).random(new SplittableRandom(42)).guards(guards)
            .stateStore(stateStore).build();
  }

  Harness start() {
    controller.start();
    awaitQuiet();
    return this;
  }

  void submit(String ma, ProfileType type) {
    controller.submit(ExecutionRequest.ofType(ma, type)
        .withSource(RequestSource.trigger("test", "")));
  }

  void submit(ExecutionRequest request) {
    controller.submit(request);
  }

  void awaitQuiet() {
    await().atMost(Duration.ofSeconds(10)).until(controller::isQuiet);
  }

  /** Recorded runs as "MA profile", in start order. */
  List<String> runs() {
    return engine.runs().stream()
        .sorted(java.util.Comparator.comparingLong(RunRecord::startSeq))
        .map(r -> r.ma() + " " + r.profile())
        .toList();
  }

  @Override
  public void close() {
    controller.stop(StopMode.CANCEL, Duration.ofSeconds(10));
    engine.close();
  }
}
