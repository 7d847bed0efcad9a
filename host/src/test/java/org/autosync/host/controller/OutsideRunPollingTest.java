package org.autosync.host.controller;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.autosync.api.engine.EngineMaStatus;
import org.autosync.api.engine.ManagementAgent;
import org.autosync.api.engine.PendingWork;
import org.autosync.api.engine.RunDetails;
import org.autosync.api.engine.RunResult;
import org.autosync.api.engine.SyncEngine;
import org.autosync.host.controller.ControllerEvent.Type;
import org.autosync.testkit.FakeEngine;
import org.autosync.testkit.ManualClock;
import org.autosync.testkit.ManualScheduler;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** An engine that reports no run events, like MIM through WMI: outside runs are polled for. */
class OutsideRunPollingTest {

  /** Hides the fake engine's event feed. */
  private record Silent(FakeEngine fake) implements SyncEngine {
    @Override
    public String name() {
      return "silent";
    }

    @Override
    public List<ManagementAgent> managementAgents() {
      return fake.managementAgents();
    }

    @Override
    public EngineMaStatus status(String ma) {
      return fake.status(ma);
    }

    @Override
    public RunResult run(String ma, String profile) {
      return fake.run(ma, profile);
    }

    @Override
    public void stop(String ma) {
      fake.stop(ma);
    }

    @Override
    public Optional<RunDetails> runDetails(String ma, long runNumber) {
      return fake.runDetails(ma, runNumber);
    }

    @Override
    public PendingWork pendingWork(String ma) {
      return fake.pendingWork(ma);
    }
  }

  @Test
  void outside_runs_are_noticed_at_the_next_engine_check_held_and_followed_up() {
    FakeEngine fake = FakeEngine.builder()
        .ma("HR", ma -> ma.standardProfiles())
        .ma("AD", ma -> ma.standardProfiles())
        .flow("HR", "AD")
        .build();
    ManualScheduler scheduler = new ManualScheduler(new ManualClock(ManualClock.DEFAULT_START));
    EventRecorder events = new EventRecorder();
    EventJournal journal = new EventJournal();
    journal.subscribe(events);
    ControllerSettings settings = ControllerSettings.defaults()
        .withMa(MaSettings.enabled("HR")).withMa(MaSettings.enabled("AD"));
    try (var controller = ExecutionController.builder(new Silent(fake), settings)
        .clock(scheduler.clock()).scheduler(scheduler).journal(journal).build()) {
      controller.start();
      Awaitility.await().until(controller::isQuiet);

      fake.changeInConnectedSystem("HR", "default", 1);
      var gate = fake.onRun("HR", "DI").blockUntilReleased();
      var outside = fake.startOutside("HR", "DI");
      gate.awaitStarted();
      scheduler.advance(settings.engineCheckInterval());
      events.await(Type.OUTSIDE_RUN_STARTED, "HR");
      assertEquals(MaState.OUTSIDE_RUN, controller.status("HR").state());

      gate.release();
      outside.join();
      // Each periodic check reads the engine again; one may land before the engine has put the
      // ended run in its history, so keep time moving until the follow-ups have run.
      try {
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> {
          if (fake.runs().size() < 5) {
            scheduler.advance(settings.engineCheckInterval());
          }
          return fake.runs().size() == 5;
        });
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(controller::isQuiet);
      } catch (org.awaitility.core.ConditionTimeoutException e) {
        throw new AssertionError("runs " + fake.runs() + "\nevents:\n" + events, e);
      }
      assertTrue(events.of(Type.OUTSIDE_RUN_ENDED, "HR").size() == 1);
      assertTrue(fake.isQuiet(), fake.describeModel());
      assertEquals(List.of(), fake.refusals());
    }
  }
}
