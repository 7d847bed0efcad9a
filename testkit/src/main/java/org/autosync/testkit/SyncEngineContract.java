package org.autosync.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.autosync.api.engine.EngineMaStatus;
import org.autosync.api.engine.ManagementAgent;
import org.autosync.api.engine.Partition;
import org.autosync.api.engine.PartitionWork;
import org.autosync.api.engine.ProfileStep;
import org.autosync.api.engine.ResultClass;
import org.autosync.api.engine.ResultCodes;
import org.autosync.api.engine.RunDetails;
import org.autosync.api.engine.RunEventSource;
import org.autosync.api.engine.RunListener;
import org.autosync.api.engine.RunProfile;
import org.autosync.api.engine.RunResult;
import org.autosync.api.engine.StepDetails;
import org.autosync.api.engine.SyncEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link SyncEngine} must do for the execution controller, as tests. Extend it for an
 * engine, give it a {@link Fixture}, and the tests run against that engine.
 *
 * <pre>{@code
 * class MyEngineContractTest extends SyncEngineContract {
 *   protected Fixture fixture() {
 *     MyEngine engine = ...;
 *     return new Fixture(engine, "HR", "DI", "DS", () -> addAPersonToHr(),
 *         () -> blockTheNextImportOfHr());
 *   }
 * }
 * }</pre>
 *
 * <p>Each test gets a fresh fixture and closes its engine.
 */
public abstract class SyncEngineContract {

  /**
   * An engine set up for the contract.
   *
   * @param engine the engine, ready to run
   * @param ma an MA with the two profiles below
   * @param importProfile a profile with one import step that imports what {@code makeChange}
   *     changed (a delta import whose watermark is set, or a full import)
   * @param syncProfile a profile with one delta sync step of the same partition
   * @param makeChange changes one object in the MA's connected system
   * @param blockNextImport makes the next run of {@code importProfile} wait until the returned
   *     action is run, after it has started
   */
  public record Fixture(SyncEngine engine, String ma, String importProfile, String syncProfile,
      Runnable makeChange, BlockingHook blockNextImport) {}

  /** Makes the next import wait; returns what releases it and what waits for it to start. */
  public interface BlockingHook {
    Block block();
  }

  /**
   * A run held in the middle.
   *
   * @param awaitStarted blocks until the held run has started
   * @param release lets it go on
   */
  public record Block(Runnable awaitStarted, Runnable release) {}

  private Fixture f;

  /** A new fixture; called before each test. */
  protected abstract Fixture fixture() throws Exception;

  @BeforeEach
  void setUpContract() throws Exception {
    f = fixture();
  }

  @AfterEach
  void closeContract() {
    f.engine().close();
  }

  private ManagementAgent ma() {
    return f.engine().managementAgents().stream().filter(m -> m.name().equals(f.ma()))
        .findFirst().orElseThrow();
  }

  private RunDetails run(String profile) {
    RunResult result = f.engine().run(f.ma(), profile);
    long n = result.runNumber().orElseThrow(() -> new AssertionError(
        "'" + profile + "' was not recorded: " + result.result()));
    return f.engine().runDetails(f.ma(), n).orElseThrow();
  }

  @Test
  void management_agents_describe_partitions_and_profiles_consistently() {
    assertFalse(f.engine().managementAgents().isEmpty());
    for (ManagementAgent ma : f.engine().managementAgents()) {
      assertFalse(ma.partitions().isEmpty(), ma.name());
      Set<String> partitions = ma.partitions().stream().map(Partition::name)
          .collect(Collectors.toSet());
      for (RunProfile profile : ma.runProfiles()) {
        for (ProfileStep step : profile.steps()) {
          assertTrue(ma.partition(step.partition()).isPresent(), ma.name() + " '"
              + profile.name() + "' names partition '" + step.partition() + "', not in "
              + partitions);
        }
      }
    }
    assertTrue(ma().profile(f.importProfile()).isPresent());
    assertTrue(ma().profile(f.syncProfile()).isPresent());
  }

  @Test
  void a_run_gets_the_next_number_and_its_details_say_what_happened() {
    long before = f.engine().status(f.ma()).lastRunNumber();
    RunDetails details = run(f.importProfile());
    assertEquals(before + 1, details.runNumber());
    assertEquals(f.ma(), details.ma());
    assertEquals(f.importProfile(), details.profile());
    assertFalse(details.steps().isEmpty());
    for (int i = 0; i < details.steps().size(); i++) {
      assertEquals(i + 1, details.steps().get(i).stepNumber());
    }
    assertEquals(details.steps().getLast().result(), details.result());
    EngineMaStatus status = f.engine().status(f.ma());
    assertFalse(status.running());
    assertEquals(details.runNumber(), status.lastRunNumber());
    assertEquals(details.result(), status.lastResult());
  }

  @Test
  void an_import_of_a_change_stages_it_and_pending_work_shows_it_until_synchronized() {
    run(f.importProfile());
    run(f.syncProfile());
    f.makeChange().run();
    RunDetails imported = run(f.importProfile());
    StepDetails step = imported.steps().getFirst();
    assertTrue(step.kind().isImport());
    assertTrue(step.staging().hasChanges(), "staged: " + step.staging());
    assertTrue(staged(step.partition()) != 0, "pending work shows the staged change");
    run(f.syncProfile());
    assertEquals(0, staged(step.partition()), "the sync applied it");
  }

  /** Staged imports of a partition; -1 when the engine cannot tell. */
  private long staged(String partition) {
    for (PartitionWork w : f.engine().pendingWork(f.ma()).partitions()) {
      if (w.partition() == null || w.partition().equalsIgnoreCase(partition)) {
        return w.stagedImports().orElse(-1);
      }
    }
    return -1;
  }

  @Test
  void pending_work_names_only_partitions_of_the_ma() {
    for (PartitionWork w : f.engine().pendingWork(f.ma()).partitions()) {
      assertTrue(w.partition() == null || ma().partition(w.partition()).isPresent(),
          String.valueOf(w.partition()));
    }
  }

  @Test
  void an_unknown_profile_is_a_result_not_an_exception() {
    RunResult result = f.engine().run(f.ma(), "no-such-profile-" + System.nanoTime());
    assertEquals(ResultClass.FATAL, ResultCodes.classify(result.result()), result.result());
  }

  @Test
  void stopping_an_idle_ma_is_harmless_and_a_missing_run_is_empty() {
    f.engine().stop(f.ma());
    assertFalse(f.engine().status(f.ma()).running());
    assertTrue(f.engine().runDetails(f.ma(), 1_000_000).isEmpty());
  }

  @Test
  void a_second_run_on_a_running_ma_is_refused_with_the_engine_code() throws Exception {
    Block block = f.blockNextImport().block();
    CompletableFuture<RunResult> first = new CompletableFuture<>();
    Thread.ofPlatform().start(() -> first.complete(f.engine().run(f.ma(), f.importProfile())));
    block.awaitStarted().run();
    assertTrue(f.engine().status(f.ma()).running());
    assertEquals(f.importProfile(), f.engine().status(f.ma()).profile());
    RunResult second = f.engine().run(f.ma(), f.syncProfile());
    assertEquals(ResultCodes.NO_START_MA_ALREADY_RUNNING, second.result());
    block.release().run();
    assertNotEquals(ResultCodes.NO_START_MA_ALREADY_RUNNING, first.get().result());
  }

  @Test
  void an_engine_with_an_event_feed_reports_start_and_end() throws Exception {
    if (!(f.engine() instanceof RunEventSource source)) {
      return; // optional capability
    }
    List<String> heard = new CopyOnWriteArrayList<>();
    try (AutoCloseable subscription = source.subscribe(new RunListener() {
      @Override
      public void runStarted(String ma, String profile) {
        heard.add("started " + ma + " " + profile);
      }

      @Override
      public void runEnded(String ma, long runNumber, String result) {
        heard.add("ended " + ma + " " + runNumber);
      }
    })) {
      RunDetails details = run(f.importProfile());
      assertEquals(List.of("started " + f.ma() + " " + f.importProfile(),
          "ended " + f.ma() + " " + details.runNumber()), heard);
    }
  }
}
