package org.autosync.host.trigger;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.autosync.api.ExecutionRequest;
import org.autosync.api.ProfileType;
import org.autosync.api.engine.ManagementAgent;
import org.autosync.api.engine.Partition;
import org.autosync.api.trigger.TriggerConfig;
import org.autosync.api.trigger.TriggerHealth;
import org.autosync.host.time.SystemScheduler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The supervisor with real threads: the scheduler's, and triggers' own. */
class TriggerSupervisorOnSystemSchedulerTest {

  private static final Duration PATIENCE = Duration.ofSeconds(10);

  @TempDir Path stateDirectory;

  private final SystemScheduler scheduler = new SystemScheduler(InstantSource.system());
  private final List<ExecutionRequest> submitted = new CopyOnWriteArrayList<>();
  private final RecordingListener events = new RecordingListener();
  private final FakeTriggerFactory factory = new FakeTriggerFactory();
  private TriggerSupervisor supervisor;

  @BeforeEach
  void buildSupervisor() {
    ManagementAgent hr = new ManagementAgent("guid-hr", "HR", "AD",
        List.of(Partition.named(Partition.DEFAULT)), List.of(), Set.of(), Map.of());
    supervisor = TriggerSupervisor.builder()
        .managementAgents(name -> hr)
        .sink(submitted::add)
        .scheduler(scheduler)
        .stateDirectory(stateDirectory)
        .listener(events)
        .restartPolicy(RestartPolicy.exponential(
            Duration.ofMillis(10), 2.0, Duration.ofMillis(100)))
        .build();
  }

  @AfterEach
  void stopEverything() {
    supervisor.stopAll();
    scheduler.close();
  }

  @Test
  void a_trigger_failing_on_its_own_thread_is_replaced_and_the_new_one_fires() {
    factory.onStart = context -> {
      boolean first = factory.created.size() == 1;
      Thread.ofPlatform().name("fake-listener").start(() -> {
        if (first) {
          context.reportHealth(TriggerHealth.failed("connection reset"));
        } else {
          context.reportHealth(TriggerHealth.healthy("connected"));
          context.fire(ExecutionRequest.ofType("HR", ProfileType.DELTA_IMPORT));
        }
      });
    };

    supervisor.start(spec("hr-changes"));

    await().atMost(PATIENCE).until(() -> submitted.size() == 1);
    TriggerStatus status = supervisor.status("hr-changes").orElseThrow();
    assertEquals(1, status.restarts());
    assertEquals(TriggerHealth.State.HEALTHY, status.health().state());
    assertEquals(1, factory.instance(1).stops.get());
    assertEquals("hr-changes", submitted.getFirst().source().id());
  }

  @Test
  void a_trigger_polling_on_the_scheduler_fires_until_stopped() {
    factory.onStart = context -> context.scheduler().scheduleAtFixedRate(
        Duration.ZERO, Duration.ofMillis(5),
        () -> context.fire(ExecutionRequest.ofType("HR", ProfileType.DELTA_IMPORT)));

    supervisor.start(spec("hr-poll"));
    await().atMost(PATIENCE).until(() -> submitted.size() >= 3);
    supervisor.stop("hr-poll");

    int afterStop = submitted.size();
    java.util.concurrent.CountDownLatch marker = new java.util.concurrent.CountDownLatch(1);
    scheduler.schedule(Duration.ofMillis(50), marker::countDown);
    await().atMost(PATIENCE).until(() -> marker.getCount() == 0);
    assertEquals(afterStop, submitted.size(), "nothing fires after stop");
  }

  private TriggerSpec spec(String id) {
    return new TriggerSpec(factory, new TriggerConfig(id, FakeTriggerFactory.TYPE, "HR", Map.of()));
  }
}
