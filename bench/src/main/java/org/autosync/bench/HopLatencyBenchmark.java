package org.autosync.bench;

import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.locks.LockSupport;
import org.autosync.api.ExecutionRequest;
import org.autosync.api.ProfileType;
import org.autosync.api.RequestSource;
import org.autosync.host.controller.ControllerSettings;
import org.autosync.host.controller.EventJournal;
import org.autosync.host.controller.ExecutionController;
import org.autosync.host.controller.MaSettings;
import org.autosync.host.time.SystemScheduler;
import org.autosync.testkit.FakeEngine;
import org.autosync.testkit.FakeEngineBuilder;
import org.autosync.testkit.RunRecord;

/**
 * Controller overhead per hop: from the end of a run to the start of the run it causes, with
 * zero-duration runs on the fake engine, for 1 and 50 MAs.
 *
 * <p>Each cycle injects one change into every MA's connected system and asks for a delta import of
 * every MA; with several MAs, MA i flows to MA i+1, so each cycle runs DI → DS → E → DI
 * (confirming) → DS per MA (with one MA: DI → DS). A
 * hop is counted only when nothing else ended or ran between the causing run's end and the start
 * of the run it caused, so the gap is the controller's own work (reading run details, planning,
 * admission, starting the thread), not waiting for another run. Usage: {@code ./dev bench [cycles]}.
 */
public final class HopLatencyBenchmark {

  private HopLatencyBenchmark() {}

  public static void main(String[] args) throws Exception {
    int cycles = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    System.out.printf(Locale.ROOT, "JDK %s, %d cores%n", Runtime.version(),
        Runtime.getRuntime().availableProcessors());
    for (int mas : new int[] {1, 50}) {
      measure(mas, Math.max(20, cycles / 5), false);
      measure(mas, mas == 1 ? cycles : Math.max(10, cycles / 10), true);
    }
  }

  private static void measure(int mas, int cycles, boolean report) throws Exception {
    FakeEngineBuilder builder = FakeEngine.builder();
    for (int i = 0; i < mas; i++) {
      builder.ma("M" + i, ma -> ma.standardProfiles());
    }
    for (int i = 0; mas > 1 && i < mas; i++) {
      builder.flow("M" + i, "M" + ((i + 1) % mas));
    }
    FakeEngine engine = builder.build();
    ControllerSettings settings = ControllerSettings.defaults();
    for (int i = 0; i < mas; i++) {
      settings = settings.withMa(MaSettings.enabled("M" + i));
    }
    long started = System.nanoTime();
    try (SystemScheduler scheduler = new SystemScheduler(InstantSource.system());
        ExecutionController controller = ExecutionController.builder(engine, settings)
            .clock(InstantSource.system()).scheduler(scheduler)
            .journal(new EventJournal()).random(new SplittableRandom(1)).build()) {
      controller.start();
      awaitQuiet(controller);
      started = System.nanoTime();
      for (int c = 0; c < cycles; c++) {
        for (int i = 0; i < mas; i++) {
          engine.changeInConnectedSystem("M" + i, "default", 1);
          controller.submit(ExecutionRequest.ofType("M" + i, ProfileType.DELTA_IMPORT)
              .withSource(RequestSource.trigger("bench", "")));
        }
        awaitQuiet(controller);
      }
    }
    long elapsed = System.nanoTime() - started;
    if (!report) {
      return;
    }
    List<RunRecord> runs = new ArrayList<>(engine.runs());
    runs.sort(Comparator.comparingLong(RunRecord::startSeq));
    long[] hops = idleHops(runs, mas);
    Arrays.sort(hops);
    System.out.printf(Locale.ROOT,
        "%2d MA(s): %5d cycles, %6d runs in %6.2f s (%7.0f runs/s); hop p50 %6.3f ms, p90 %6.3f"
            + " ms, p99 %6.3f ms, max %7.3f ms (%d hops with an idle engine)%n",
        mas, cycles, runs.size(), elapsed / 1e9, runs.size() / (elapsed / 1e9),
        pct(hops, 50), pct(hops, 90), pct(hops, 99), hops[hops.length - 1] / 1e6, hops.length);
  }

  /**
   * Gaps between a run's end and the start of the run it caused, counted only when nothing else
   * ended or was running in between, so that the gap is the controller's own work. Causes, in this
   * set-up: DI → DS and E → DI (confirming) on one MA, DS on MA i → E on MA i+1.
   */
  private static long[] idleHops(List<RunRecord> runs, int mas) {
    List<Long> gaps = new ArrayList<>();
    for (RunRecord next : runs) {
      RunRecord cause = null;
      boolean busy = false;
      for (RunRecord r : runs) {
        if (r == next) {
          continue;
        }
        if (r.startSeq() < next.startSeq() && r.endSeq() > next.startSeq()) {
          busy = true; // something was running when this run started
          break;
        }
        if (r.endSeq() == next.startSeq() - 1) {
          cause = r;
        }
      }
      if (!busy && cause != null && causes(cause, next, mas)) {
        gaps.add(next.startNanos() - cause.endNanos());
      }
    }
    return gaps.stream().mapToLong(Long::longValue).toArray();
  }

  private static boolean causes(RunRecord cause, RunRecord next, int mas) {
    if (cause.ma().equals(next.ma())) {
      return cause.profile().equals("DI") && next.profile().equals("DS")
          || cause.profile().equals("E") && next.profile().equals("DI");
    }
    int from = Integer.parseInt(cause.ma().substring(1));
    return cause.profile().equals("DS") && next.profile().equals("E")
        && next.ma().equals("M" + ((from + 1) % mas));
  }

  private static double pct(long[] sorted, int p) {
    int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, i)] / 1e6;
  }

  private static void awaitQuiet(ExecutionController controller) {
    long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
    while (!controller.isQuiet()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("not quiet after 5 minutes");
      }
      LockSupport.parkNanos(1_000_000);
    }
  }
}
