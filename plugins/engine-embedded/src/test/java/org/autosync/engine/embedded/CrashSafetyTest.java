package org.autosync.engine.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.autosync.api.engine.PartitionWork;
import org.autosync.api.engine.ResultCodes;
import org.autosync.api.engine.RunDetails;
import org.autosync.engine.embedded.config.EngineConfigs;
import org.autosync.engine.embedded.connector.BuiltInConnectors;
import org.autosync.engine.embedded.model.CsObject;
import org.autosync.engine.embedded.model.MvObject;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A separate JVM runs the HR → Corp cycle and is killed with SIGKILL in the middle of an import, a
 * sync and an export; the engine reopened on its files must be consistent, and running the
 * profiles again must converge with nothing lost or duplicated.
 */
class CrashSafetyTest {

  private static final int PEOPLE = 300;

  @TempDir Path dir;

  @ParameterizedTest(name = "killed at {0}")
  @ValueSource(strings = {
      "import:1", "import:150", "import:300",
      "commit:HR/DS:2:before", "commit:HR/DS:2:after", "commit:HR/DS:3:after",
      "export:before", "export:after", "commit:CORP/E:2:before", "commit:CORP/E:2:after",
      "commit:CORP/FI:2:before"})
  void a_process_killed_mid_step_restarts_consistent_and_converges(String point)
      throws Exception {
    Path hr = dir.resolve("hr.csv");
    Path corp = dir.resolve("corp.csv");
    StringBuilder csv = new StringBuilder("employeeNumber,givenName,sn,title\n");
    for (int i = 0; i < PEOPLE; i++) {
      csv.append(10_000 + i).append(",Given").append(i).append(",Sur").append(i)
          .append(",Title").append(i % 7).append('\n');
    }
    Files.writeString(hr, csv);

    Process child = new ProcessBuilder(ProcessHandle.current().info().command().orElseThrow(),
        "-cp", System.getProperty("java.class.path"), CrashChild.class.getName(),
        dir.toString(), hr.toString(), corp.toString(), point)
        .redirectErrorStream(true).start();
    List<String> output = new ArrayList<>();
    try (BufferedReader out = new BufferedReader(
        new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        output.add(line);
        if (line.equals("READY") || line.equals("DONE")) {
          break;
        }
      }
      assertEquals("READY", output.isEmpty() ? null : output.getLast(),
          "the child reached the crash point; it said:\n" + String.join("\n", output));
      child.destroyForcibly(); // SIGKILL
      assertTrue(child.waitFor(30, TimeUnit.SECONDS));
    }
    assertNotEquals(0, child.exitValue(), "killed, not ended");

    try (EmbeddedEngine engine = EmbeddedEngine.open(
        EngineConfigs.fromYaml(CrashChild.CONFIG.formatted(hr, corp)), BuiltInConnectors.all(),
        Lab.context(dir))) {
      assertConsistent(engine);
      for (int round = 0; round == 0 || round < 5 && !quiet(engine); round++) {
        for (String[] run : CrashChild.CYCLE) {
          RunDetails done = engine.runDetails(run[0], engine.run(run[0], run[1]).runNumber()
              .orElseThrow()).orElseThrow();
          assertTrue(ResultCodes.classify(done.result()).plansFollowUps(), point + ": "
              + run[0] + "/" + run[1] + " ended " + done.result() + " " + done.steps());
        }
      }
      assertTrue(quiet(engine), point + ": no convergence");
      assertConsistent(engine);
      assertEquals(PEOPLE, engine.metaverseSize());
    }
    List<String> rows = Files.readAllLines(corp);
    assertEquals("employeeNumber,name,title", rows.getFirst());
    Set<String> numbers = new HashSet<>();
    for (String row : rows.subList(1, rows.size())) {
      String[] cells = row.split(",");
      assertTrue(numbers.add(cells[0]), point + ": duplicate row " + row);
      int i = Integer.parseInt(cells[0]) - 10_000;
      assertEquals("Given" + i + " Sur" + i, cells[1], row);
      assertEquals("Title" + (i % 7), cells[2], row);
    }
    assertEquals(PEOPLE, numbers.size(), point + ": rows lost");
  }

  private static boolean quiet(EmbeddedEngine engine) {
    for (String ma : List.of("HR", "CORP")) {
      PartitionWork w = engine.pendingWork(ma).partitions().getFirst();
      if (w.stagedImports().getAsLong() + w.pendingExports().getAsLong()
          + w.unconfirmedExports().getAsLong() > 0) {
        return false;
      }
    }
    return true;
  }

  /** Links point both ways to existing objects; one connector per MA per person; no run open. */
  private static void assertConsistent(EmbeddedEngine engine) {
    engine.withData(data -> {
      for (CsObject cs : data.allCs()) {
        if (cs.mvId != null) {
          assertNotNull(data.mv(cs.mvId), cs + " links to a missing metaverse object");
        }
      }
      for (MvObject mv : data.allMv()) {
        Set<String> mas = new HashSet<>();
        for (CsObject c : data.connectorsOf(mv.id)) {
          assertTrue(mas.add(c.ma), mv + " has two connectors in " + c.ma);
        }
      }
      return null;
    });
    for (String ma : List.of("HR", "CORP")) {
      for (RunDetails run : engine.history(ma)) {
        assertNotEquals(ResultCodes.IN_PROGRESS, run.result(), "run left open: " + run);
      }
    }
  }
}
