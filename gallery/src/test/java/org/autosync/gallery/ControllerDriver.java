package org.autosync.gallery;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.autosync.api.engine.ManagementAgent;
import org.autosync.api.engine.RunDetails;
import org.autosync.api.engine.RunResult;
import org.autosync.api.engine.StagingCounters;
import org.autosync.scripts.ControllerDecision;
import org.autosync.scripts.ControllerScript;
import org.autosync.scripts.ScriptRuntime;
import org.autosync.testkit.FakeEngine;
import org.autosync.testkit.InMemoryStateStore;
import org.autosync.testkit.ManualClock;
import org.autosync.testkit.RunScript;
import org.jspecify.annotations.Nullable;
import org.slf4j.LoggerFactory;

/**
 * A controller script loaded through the scripts module's API, asked about runs of the fake
 * engine's MA {@code HR}: {@code run} scripts a run's staging counters and result, runs it, and
 * hands the engine's run details to {@code executionComplete}.
 */
final class ControllerDriver implements ScriptDriver {

  private final ScriptRuntime runtime;
  private final Path folder;
  private final ManualClock clock;
  private final Map<String, String> values;
  private final Map<String, String> secrets;
  private final FakeEngine engine;
  private final InMemoryStateStore state = new InMemoryStateStore();
  private @Nullable ControllerScript script;

  ControllerDriver(ScriptRuntime runtime, Path folder, ManualClock clock,
      Map<String, String> values, Map<String, String> secrets) {
    this.runtime = runtime;
    this.folder = folder;
    this.clock = clock;
    this.values = values;
    this.secrets = secrets;
    this.engine = FakeEngine.builder().clock(clock)
        .ma("HR", ma -> ma.category("LDAP").standardProfiles()).build();
  }

  @Override
  public void start() throws Exception {
    script = runtime.controllerScript(folder, ControllerScript.options(
            LoggerFactory.getLogger("org.autosync.controller." + folder.getFileName()))
        .values(values).secrets(s -> secrets.getOrDefault(s, s)).clock(clock).state(state)
        .timeout(Duration.ofSeconds(10)));
  }

  @Override
  public void restart() throws Exception {
    script().close();
    start();
  }

  @Override
  public void downtime(Duration d) throws Exception {
    script().close();
    clock.advance(d);
    start();
  }

  @Override
  public Instant now() {
    return clock.instant();
  }

  @Override
  public void advance(Duration d) {
    clock.advance(d);
  }

  @Override
  public ControllerDecision shouldExecute(String profile, String where) {
    return script().shouldExecute(profile, ma());
  }

  @Override
  public ControllerDecision runAndComplete(JsonNode run, String where) {
    String profile = run.path("profile").asText("DI");
    RunScript scripted = engine.onRun("HR", profile);
    if (run.has("staging")) {
      JsonNode s = run.get("staging");
      scripted.staging(new StagingCounters(s.path("noChange").asLong(), s.path("add").asLong(),
          s.path("update").asLong(), s.path("rename").asLong(), s.path("delete").asLong(),
          s.path("deleteAdd").asLong(), s.path("failure").asLong()));
    }
    if (run.has("result")) {
      scripted.result(run.get("result").asText());
    }
    RunResult result = engine.run("HR", profile);
    long number = result.runNumber().orElseThrow(() -> new AssertionError(where
        + ": the fake engine did not record run '" + profile + "' (" + result.result() + ")"));
    RunDetails details = engine.runDetails("HR", number).orElseThrow();
    return script().executionComplete(details);
  }

  private ManagementAgent ma() {
    return engine.managementAgents().getFirst();
  }

  private ControllerScript script() {
    if (script == null) {
      throw new IllegalStateException("not started");
    }
    return script;
  }

  @Override
  public void close() {
    if (script != null) {
      script.close();
    }
    engine.close();
  }
}
