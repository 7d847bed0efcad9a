package org.autosync.host.controller;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.autosync.api.ExecutionRequest;
import org.autosync.api.ProfileType;
import org.autosync.api.RequestSource;
import org.autosync.api.engine.ResultCodes;
import org.autosync.api.engine.RunDetails;
import org.autosync.api.engine.RunProfile;
import org.autosync.api.engine.StepDetails;
import org.autosync.api.engine.StepKind;
import org.autosync.host.time.SystemScheduler;
import org.autosync.testkit.FakeEngine;
import org.autosync.testkit.FakeEngineBuilder;
import org.autosync.testkit.RunRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Many seeds of random engines, settings, requests, run durations and results, checked against the
 * controller's invariants: the engine's rules are never broken, the run mode, exclusive requests
 * and lockWith are respected, nothing starves, and every follow-up implied by run details runs.
 */
class ControllerRandomizedTest {

  private static final int MAS = 12;
  private static final int REQUESTS = 80;
  private static final String EXCLUSIVE_PROFILE = "FIX";

  static Stream<Long> seeds() {
    return IntStream.range(0, 30).mapToObj(i -> 1000L + i);
  }

  private record Scenario(RunMode mode, Set<Set<String>> lockPairs, Set<String> fim) {}

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void invariants_hold_for_random_work(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    RunMode mode = RunMode.values()[random.nextInt(RunMode.values().length)];
    FakeEngineBuilder builder = FakeEngine.builder();
    Set<String> fim = new HashSet<>();
    List<String> names = new ArrayList<>();
    for (int i = 0; i < MAS; i++) {
      String name = "M" + i;
      names.add(name);
      boolean twoPartitions = random.nextInt(4) == 0;
      boolean isFim = i == MAS - 1;
      if (isFim) {
        fim.add(name);
      }
      builder.ma(name, ma -> {
        ma.category(isFim ? "FIM" : "LDAP");
        if (twoPartitions) {
          ma.partitions("DC=a", "DC=b");
        }
        ma.standardProfiles();
        ma.profile(RunProfile.of(EXCLUSIVE_PROFILE, StepKind.FULL_IMPORT,
            twoPartitions ? "DC=a" : "default"));
      });
    }
    for (int i = 0; i < MAS; i++) {
      int targets = random.nextInt(3);
      for (int t = 0; t < targets; t++) {
        int j = random.nextInt(MAS);
        if (j != i) {
          builder.flow("M" + i, "M" + j);
        }
      }
    }
    builder.defaultDuration((ma, profile) ->
        Duration.ofNanos(ThreadLocalRandom.current().nextLong(2_000_000)));
    builder.defaultResult((ma, profile) -> {
      int roll = ThreadLocalRandom.current().nextInt(100);
      return roll < 5 ? ResultCodes.STOPPED_DEADLOCKED
          : roll < 8 ? ResultCodes.NO_START_MA_ALREADY_RUNNING
          : ResultCodes.SUCCESS;
    });
    FakeEngine engine = builder.build();

    Set<Set<String>> lockPairs = new HashSet<>();
    RetryPolicy fast = new RetryPolicy(60, Duration.ofMillis(1), 2, Duration.ofMillis(5), 0.5);
    ControllerSettings settings = ControllerSettings.defaults().withRunMode(mode)
        .withRetry(fast).withBusyRetry(fast);
    Map<String, Set<String>> lockWith = new java.util.HashMap<>();
    for (int p = random.nextInt(3); p > 0; p--) {
      String a = names.get(random.nextInt(MAS));
      String b = names.get(random.nextInt(MAS));
      if (!a.equals(b)) {
        lockPairs.add(Set.of(a, b));
        lockWith.computeIfAbsent(a, k -> new HashSet<>()).add(b);
      }
    }
    for (String name : names) {
      settings = settings.withMa(MaSettings.enabled(name)
          .withLockWith(lockWith.getOrDefault(name, Set.of())));
    }
    Scenario scenario = new Scenario(mode, lockPairs, fim);

    try (SystemScheduler scheduler = new SystemScheduler(InstantSource.system());
        ExecutionController controller = ExecutionController.builder(engine, settings)
            .clock(InstantSource.system()).scheduler(scheduler)
            .journal(new EventJournal()).random(new SplittableRandom(seed)).build()) {
      controller.start();
      ProfileType[] types = {ProfileType.DELTA_IMPORT, ProfileType.DELTA_IMPORT,
          ProfileType.DELTA_IMPORT, ProfileType.FULL_IMPORT, ProfileType.DELTA_SYNC,
          ProfileType.FULL_SYNC, ProfileType.EXPORT, ProfileType.CONFIRMING_IMPORT};
      for (int r = 0; r < REQUESTS; r++) {
        String ma = names.get(random.nextInt(MAS));
        ExecutionRequest request;
        if (random.nextInt(20) == 0) {
          request = ExecutionRequest.ofProfile(ma, EXCLUSIVE_PROFILE).withExclusive(true);
        } else {
          ProfileType type = types[random.nextInt(types.length)];
          if (type == ProfileType.DELTA_IMPORT || type == ProfileType.FULL_IMPORT) {
            String partition = engine.managementAgents().stream()
                .filter(a -> a.name().equals(ma)).findFirst().orElseThrow()
                .partitions().getFirst().name();
            engine.changeInConnectedSystem(ma, partition, 1 + random.nextInt(3));
          }
          request = ExecutionRequest.ofType(ma, type).withFront(random.nextInt(5) == 0);
        }
        controller.submit(request.withSource(RequestSource.trigger("random", "r" + r)));
        if (r % 8 == 7) {
          int before = engine.runs().size();
          await().atMost(Duration.ofSeconds(30))
              .until(() -> engine.runs().size() > before || controller.isQuiet());
        }
      }
      await().atMost(Duration.ofSeconds(60)).until(controller::isQuiet);
      List<RunRecord> runs = engine.runs();
      String context = "seed " + seed + ", mode " + mode + ", " + runs.size() + " runs";

      assertEquals(List.of(), engine.refusals(), context);
      assertTrue(engine.isQuiet(), context + ": " + engine.describeModel());
      assertTrue(runs.size() > REQUESTS / 4, context);
      for (RunRecord a : runs) {
        for (RunRecord b : runs) {
          if (a == b || !a.overlaps(b)) {
            continue;
          }
          assertTrue(!a.ma().equals(b.ma()), context + ": two runs on one MA " + a + " " + b);
          checkMode(scenario, a, b, context);
          assertTrue(!a.profile().equals(EXCLUSIVE_PROFILE),
              context + ": exclusive run overlapped " + a + " " + b);
          assertTrue(!lockPairs.contains(Set.of(a.ma(), b.ma())),
              context + ": lockWith broken " + a + " " + b);
        }
      }
      checkFollowUps(engine, runs, context);
    }
  }

  private static boolean takesSyncSlot(Scenario s, RunRecord r) {
    boolean fim = s.fim().contains(r.ma());
    return r.hasSync() || fim && r.stepKinds().stream()
        .anyMatch(k -> k == StepKind.DELTA_IMPORT || k == StepKind.EXPORT);
  }

  private static void checkMode(Scenario s, RunRecord a, RunRecord b, String context) {
    switch (s.mode()) {
      case EXCLUSIVE -> throw new AssertionError(context + ": overlap in exclusive mode " + a
          + " " + b);
      case SUPPORTED -> assertTrue(!takesSyncSlot(s, a) && !takesSyncSlot(s, b),
          context + ": something overlapped a sync " + a + " " + b);
      case UNSUPPORTED -> assertTrue(!(takesSyncSlot(s, a) && takesSyncSlot(s, b)),
          context + ": two syncs overlapped " + a + " " + b);
    }
  }

  /** Every import that staged changes is followed by a sync of that partition on that MA. */
  private static void checkFollowUps(FakeEngine engine, List<RunRecord> runs, String context) {
    for (RunRecord r : runs) {
      if (r.runNumber() == null) {
        continue;
      }
      RunDetails details = engine.runDetails(r.ma(), r.runNumber()).orElseThrow();
      for (StepDetails step : details.steps()) {
        if (!step.stagedChanges() || step.kind().isSync()) {
          continue;
        }
        boolean synced = runs.stream().anyMatch(later -> later.ma().equals(r.ma())
            && later.startSeq() > r.endSeq()
            && later.runNumber() != null
            && engine.runDetails(later.ma(), later.runNumber()).orElseThrow().steps().stream()
                .anyMatch(s -> s.kind().isSync() && s.partition().equals(step.partition())));
        assertTrue(synced, context + ": staged changes of " + r + " never synchronized");
      }
    }
  }
}
