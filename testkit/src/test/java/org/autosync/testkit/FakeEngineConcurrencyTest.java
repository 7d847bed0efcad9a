package org.autosync.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.autosync.api.engine.ManagementAgent;
import org.autosync.api.engine.ResultCodes;
import org.autosync.api.engine.RunProfile;
import org.autosync.api.engine.RunResult;
import org.autosync.api.engine.StepKind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FakeEngineConcurrencyTest {

  private final FakeEngine engine = FakeEngine.builder()
      .ma("HR").ma("AD").ma("LDS").flow("HR", "AD").build();

  @AfterEach
  void stopEverything() {
    engine.close();
  }

  private CompletableFuture<RunResult> runAsync(String ma, String profile) {
    return Async.supply(() -> engine.run(ma, profile));
  }

  @Test
  void a_second_run_on_a_running_ma_is_refused() throws Exception {
    RunGate gate = engine.onRun("HR", "DI").blockUntilReleased();
    CompletableFuture<RunResult> first = runAsync("HR", "DI");
    gate.awaitStarted();

    RunResult second = engine.run("HR", "E");

    assertEquals(RunResult.notRecorded(ResultCodes.NO_START_MA_ALREADY_RUNNING), second);
    Refusal refusal = engine.refusals().getFirst();
    assertEquals("HR", refusal.ma());
    assertEquals("E", refusal.profile());
    assertEquals(ResultCodes.NO_START_MA_ALREADY_RUNNING, refusal.reason());
    assertEquals(Map.of("HR", "DI"), refusal.running());
    assertTrue(refusal.isConcurrency());
    assertFalse(refusal.outside());
    gate.release();
    assertEquals(RunResult.of(ResultCodes.SUCCESS, 1), first.get(10, TimeUnit.SECONDS));
  }

  @Test
  void second_sync_is_refused_while_one_runs() throws Exception {
    RunGate gate = engine.onRun("HR", "DS").blockUntilReleased();
    CompletableFuture<RunResult> sync = runAsync("HR", "DS");
    gate.awaitStarted();

    assertEquals(RunResult.notRecorded(ResultCodes.NO_START_SYNC_ALREADY_RUNNING),
        engine.run("AD", "FS"));
    assertEquals(Map.of("HR", "DS"), engine.refusals().getFirst().running());

    gate.release();
    sync.get(10, TimeUnit.SECONDS);
    assertEquals(ResultCodes.SUCCESS, engine.run("AD", "FS").result());
  }

  @Test
  void imports_and_exports_of_other_mas_run_beside_a_sync() throws Exception {
    RunGate gate = engine.onRun("HR", "DS").blockUntilReleased();
    CompletableFuture<RunResult> sync = runAsync("HR", "DS");
    gate.awaitStarted();

    assertEquals(ResultCodes.SUCCESS, engine.run("AD", "DI").result());
    assertEquals(ResultCodes.SUCCESS, engine.run("LDS", "E").result());
    gate.release();
    sync.get(10, TimeUnit.SECONDS);

    List<RunRecord> runs = engine.runs();
    RunRecord hr = runs.stream().filter(r -> r.ma().equals("HR")).findFirst().orElseThrow();
    assertTrue(runs.stream().filter(r -> r != hr).allMatch(hr::overlaps));
    assertEquals(List.of(), engine.refusals());
  }

  @Test
  void a_refused_run_leaves_its_script_for_the_next_run() throws Exception {
    RunGate gate = engine.onRun("HR", "DI").blockUntilReleased();
    CompletableFuture<RunResult> first = runAsync("HR", "DI");
    gate.awaitStarted();
    engine.onRun("HR", "E").result(ResultCodes.COMPLETED_EXPORT_ERRORS);

    assertEquals(ResultCodes.NO_START_MA_ALREADY_RUNNING, engine.run("HR", "E").result());
    gate.release();
    first.get(10, TimeUnit.SECONDS);

    assertEquals(ResultCodes.COMPLETED_EXPORT_ERRORS, engine.run("HR", "E").result());
  }

  @Test
  void unknown_mas_and_profiles_are_refused_and_recorded() {
    assertEquals(RunResult.notRecorded(ResultCodes.NO_START_UNKNOWN_PROFILE_NAME),
        engine.run("HR", "Nope"));
    assertEquals(RunResult.notRecorded(ResultCodes.NO_START_UNKNOWN_PROFILE_NAME),
        engine.run("Nope", "DI"));
    assertEquals(2, engine.refusals().size());
    assertFalse(engine.refusals().getFirst().isConcurrency());
    assertEquals(List.of(), engine.runs());
  }

  @Test
  void records_do_not_overlap_when_runs_follow_each_other() {
    engine.run("HR", "DI");
    engine.run("AD", "DI");
    List<RunRecord> runs = engine.runs();
    assertFalse(runs.get(0).overlaps(runs.get(1)));
    assertFalse(runs.get(1).overlaps(runs.get(0)));
    assertTrue(runs.get(0).endSeq() < runs.get(1).startSeq());
    assertEquals(List.of(StepKind.DELTA_IMPORT), runs.get(0).stepKinds());
    assertFalse(runs.get(0).hasSync());
    assertTrue(runs.get(0).elapsed().compareTo(Duration.ZERO) >= 0);
  }

  @Test
  void await_runs_blocks_until_enough_runs_ended() {
    RunGate gate = engine.onRun("HR", "DI").blockUntilReleased();
    runAsync("HR", "DI");
    runAsync("AD", "DI");
    gate.awaitStarted();
    assertEquals(1, engine.awaitRuns(1, Duration.ofSeconds(10)).size());
    gate.release();
    assertEquals(2, engine.awaitRuns(2, Duration.ofSeconds(10)).size());
    assertEquals("HR", engine.awaitRun(r -> r.ma().equals("HR"), Duration.ofSeconds(10)).ma());
  }

  @Test
  void await_runs_fails_with_what_did_end() {
    engine.run("HR", "DI");
    AssertionError e = org.junit.jupiter.api.Assertions.assertThrows(AssertionError.class,
        () -> engine.awaitRuns(2, Duration.ofMillis(1)));
    assertTrue(e.getMessage().contains("'DI' on 'HR'"), e.getMessage());
  }

  /**
   * Many threads hammer twelve MAs with random profiles and durations; whatever the engine admits
   * must obey its rules, and its records must prove it.
   */
  @Test
  void under_concurrent_load_admitted_runs_obey_the_engine_rules() throws Exception {
    FakeEngineBuilder builder = FakeEngine.builder();
    for (int i = 0; i < 12; i++) {
      builder.ma("MA" + i, ma -> ma.partitions("p1", "p2").standardProfiles()
          .profile(new RunProfile("DIDS", List.of(
              new org.autosync.api.engine.ProfileStep(StepKind.DELTA_IMPORT_DELTA_SYNC, "p1")))));
      if (i > 0) {
        builder.flow("MA" + (i - 1), "MA" + i);
      }
    }
    Random seeds = new Random(42);
    FakeEngine loaded = builder
        .defaultDuration((ma, profile) -> Duration.ofNanos((ma.hashCode() & 0xff) * 1_000L))
        .build();
    List<ManagementAgent> mas = loaded.managementAgents();
    ExecutorService pool = Executors.newFixedThreadPool(16);
    try {
      List<Future<?>> workers = new ArrayList<>();
      for (int w = 0; w < 16; w++) {
        Random random = new Random(seeds.nextLong());
        workers.add(pool.submit(() -> {
          for (int i = 0; i < 100; i++) {
            ManagementAgent ma = mas.get(random.nextInt(mas.size()));
            List<RunProfile> profiles = ma.runProfiles();
            loaded.changeInConnectedSystem(ma.name(), "p1", random.nextInt(3));
            loaded.run(ma.name(), profiles.get(random.nextInt(profiles.size())).name());
          }
        }));
      }
      for (Future<?> worker : workers) {
        worker.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }

    List<RunRecord> runs = loaded.runs();
    assertEquals(1600, runs.size() + loaded.refusals().size());
    assertTrue(loaded.refusals().stream().allMatch(Refusal::isConcurrency));
    for (RunRecord a : runs) {
      for (RunRecord b : runs) {
        if (a != b && a.overlaps(b)) {
          assertFalse(a.ma().equals(b.ma()), a + " overlaps " + b + " on the same MA");
          assertFalse(a.hasSync() && b.hasSync(), a + " and " + b + " both synced");
        }
      }
    }
    Map<String, Long> lastNumber = new HashMap<>();
    runs.stream().sorted(java.util.Comparator.comparingLong(RunRecord::endSeq)).forEach(r -> {
      long expected = lastNumber.merge(r.ma(), 1L, Long::sum);
      assertEquals(expected, r.runNumber(), "run numbers of '" + r.ma() + "' increase by one");
    });
    for (ManagementAgent ma : mas) {
      assertEquals(lastNumber.getOrDefault(ma.name(), 0L), loaded.status(ma.name()).lastRunNumber());
    }
  }
}
