package org.autosync.gallery;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.autosync.api.trigger.ConfigProblem;
import org.autosync.api.engine.ManagementAgent;
import org.autosync.api.engine.RunDetails;
import org.autosync.api.engine.RunResult;
import org.autosync.api.engine.StagingCounters;
import org.autosync.scripts.ControllerDecision;
import org.autosync.scripts.ControllerScript;
import org.autosync.scripts.ControllerScriptType;
import org.autosync.scripts.ScriptRuntime;
import org.autosync.testkit.FakeEngine;
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

  /**
   * Checks the settings as the host checks a {@code controllerScript} block, then loads the script
   * on the test's clock (the host loads it through {@link ControllerScriptType#load}, on the
   * system clock). Like the host, it gives the script no {@code ctx.state}.
   */
  @Override
  public void start() throws Exception {
    String id = folder.getFileName().toString();
    ControllerScriptType type = runtime.scan(folder.getParent()).controllerTypes().get(id);
    if (type == null) {
      throw new AssertionError("'" + id + "' is not offered as a controller script");
    }
    List<ConfigProblem> problems = type.validate(values);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("The settings of controller script '" + id
          + "' are invalid: " + problems);
    }
    script = runtime.controllerScript(folder, ControllerScript.options(
            LoggerFactory.getLogger("org.autosync.controller." + id))
        .values(values).secrets(s -> secrets.getOrDefault(s, s)).clock(clock)
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
