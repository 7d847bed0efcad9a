package org.autosync.scripts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.UnaryOperator;
import org.autosync.api.engine.ManagementAgent;
import org.autosync.api.engine.RunDetails;
import org.autosync.api.trigger.ConfigProblem;
import org.autosync.api.trigger.ParameterDescriptor;
import org.autosync.api.trigger.StateStore;
import org.autosync.api.trigger.TriggerFactory;
import org.autosync.api.trigger.TriggerType;
import org.graalvm.polyglot.Value;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;

/**
 * A controller script (DESIGN §3.6; the reference product's {@code ShouldExecute} and {@code
 * ExecutionComplete}): asked before each run whether it may go ahead, and told after each run
 * how it went, with the power to halt the MA or the whole service.
 *
 * <pre>{@code
 * // scripts/patch-window/controller.js  (manifest: "kind": "controller")
 * function shouldExecute(profile, ma) {
 *   const hour = new Date().getUTCHours();
 *   return hour === 2 ? {execute: false, reason: 'patch window 02:00-03:00 UTC'} : true;
 * }
 * function executionComplete(run) {
 *   const deletes = run.steps.reduce((n, s) => n + s.staging.delete, 0);
 *   if (deletes > 100) return {halt: 'service', reason: deletes + ' deletes staged on ' + run.ma};
 * }
 * }</pre>
 *
 * <pre>{@code
 * ControllerScript script = runtime.controllerScript(Path.of("scripts/patch-window"),
 *     ControllerScript.options(log).values(Map.of()).timeout(Duration.ofSeconds(10)));
 * ControllerDecision d = script.shouldExecute("DI", ma);   // PROCEED or VETO, with the reason
 * ControllerDecision after = script.executionComplete(details);  // PROCEED, HALT_MA, HALT_SERVICE
 * }</pre>
 *
 * <p><b>Answers.</b> {@code shouldExecute(profile, ma)} returns {@code true} (or nothing) to run,
 * {@code false} or {@code {execute: false, reason}} to veto; a script that throws, runs past its
 * timeout or returns anything else vetoes too, and the error is logged. {@code
 * executionComplete(run)} returns nothing to carry on, or {@code {halt: 'ma' | 'service',
 * reason}}; a script that throws there only has the error logged (as in the reference product).
 * A function the script does not define proceeds.
 *
 * <p><b>Reload.</b> Before each call the entry file is checked; a changed file is loaded into a
 * new context, and if it does not load the previous version keeps answering, and {@link
 * #lastError()} says why.
 *
 * <p><b>Failures</b> are in the decision's {@link ControllerDecision#error()}; {@link
 * #loadError()} says why the file as it is now does not load (the previous version answering).
 *
 * <p><b>Threading:</b> thread-safe; calls are serialised and run on the caller's thread (platform
 * or virtual), each bounded by the timeout. The host's execution controller calls it on worker
 * threads, never on its decision thread.
 */
public final class ControllerScript implements AutoCloseable {

  /** Run details as scripts see them: instants as ISO-8601 text. */
  static final ObjectMapper RUNS = new ObjectMapper().registerModule(
      new SimpleModule().addSerializer(Instant.class, ToStringSerializer.instance));

  private final ScriptDefinition definition;
  private final Options options;
  private final ScriptServices services;
  private final Grants grants;
  private final CallBudget budget = new CallBudget();
  private final ReentrantLock lock = new ReentrantLock();
  private @Nullable ScriptContext current; // guarded by lock
  private @Nullable String currentHash; // guarded by lock
  private @Nullable String failedHash; // guarded by lock
  private volatile @Nullable String lastError;
  private volatile @Nullable String loadError;

  private ControllerScript(ScriptDefinition definition, Options options, ScriptServices services) {
    this.definition = definition;
    this.options = options;
    this.services = services;
    this.grants = Grants.from(definition.manifest().capabilities(), options.values,
        options.secrets);
  }

  static ControllerScript load(Path folder, Options options, ScriptServices services)
      throws IOException {
    ScriptManifest m = ScriptManifest.read(folder.resolve(ScriptManifest.FILE_NAME));
    if (m.kind() != ScriptManifest.Kind.CONTROLLER) {
      throw new ScriptException("'" + m.id() + "' is a " + m.kind().name().toLowerCase(Locale.ROOT)
          + " script; a controller script's manifest says \"kind\": \"controller\"");
    }
    List<ConfigProblem> problems = TriggerFactory.validateDeclared(new TriggerType("controller",
        m.name(), m.description(), parameters(m)), options.values);
    if (!problems.isEmpty()) {
      throw new ScriptException("The settings of controller script '" + m.id() + "' are invalid: "
          + problems);
    }
    ControllerScript script = new ControllerScript(
        new ScriptDefinition(m, folder.resolve(m.entry())), options, services);
    script.lock.lock();
    try {
      ScriptDefinition.Code code = script.definition.read();
      script.current = script.open(code);
      script.currentHash = code.sha256();
    } finally {
      script.lock.unlock();
    }
    return script;
  }

  /** The parameters a controller script's settings may have: its own and its grants. */
  static List<ParameterDescriptor> parameters(ScriptManifest m) {
    List<ParameterDescriptor> all = new java.util.ArrayList<>(m.parameters());
    for (Capability c : m.capabilities()) {
      all.addAll(c.grantParameters(true));
    }
    return all;
  }

  /** Options for loading a controller script. */
  public static Options options(Logger log) {
    return new Options(log);
  }

  /** Whether {@code profile} may run on {@code ma} now; a veto carries its reason. */
  public ControllerDecision shouldExecute(String profile, ManagementAgent ma) {
    ArrayNode args = Json.NODES.arrayNode().add(profile).add(Info.ma(ma));
    String what = "shouldExecute('" + profile + "')";
    JsonNode answer;
    try {
      answer = call("shouldExecute", what, args);
    } catch (ScriptException e) {
      options.log.error("{}; that counts as a veto", e.getMessage());
      return new ControllerDecision(ControllerDecision.Action.VETO,
          e.getMessage() + " (an error counts as a veto)", e.getMessage());
    }
    if (answer == null || answer.isNull() || (answer.isBoolean() && answer.booleanValue())) {
      return ControllerDecision.proceed(name() + " lets '" + profile + "' run");
    }
    if (answer.isBoolean()) {
      return ControllerDecision.veto(what + " of " + name() + " returned false");
    }
    if (answer.isObject() && answer.path("execute").isBoolean()) {
      String reason = answer.path("reason").asText(what + " of " + name() + " returned execute: "
          + answer.get("execute").booleanValue());
      return answer.get("execute").booleanValue() ? ControllerDecision.proceed(reason)
          : ControllerDecision.veto(reason + " (" + name() + ")");
    }
    String problem = what + " of " + name() + " returned " + answer
        + "; expected true, false or {execute, reason}, so it counts as a veto";
    options.log.error("{}", problem);
    return new ControllerDecision(ControllerDecision.Action.VETO, problem, problem);
  }

  /** What to do after {@code run}: carry on, or halt the MA or the service with a reason. */
  public ControllerDecision executionComplete(RunDetails run) {
    String what = "executionComplete(run " + run.runNumber() + " of '" + run.ma() + "')";
    JsonNode answer;
    try {
      answer = call("executionComplete", what, Json.NODES.arrayNode().add(RUNS.valueToTree(run)));
    } catch (ScriptException e) {
      options.log.error("{}; the controller carries on", e.getMessage());
      return new ControllerDecision(ControllerDecision.Action.PROCEED,
          e.getMessage() + " (ignored)", e.getMessage());
    }
    if (answer == null || answer.isNull() || answer.isBoolean()) {
      return ControllerDecision.proceed(name() + " has no objection to run " + run.runNumber());
    }
    String halt = answer.path("halt").asText("");
    String reason = answer.path("reason").asText(what + " of " + name() + " asked to halt");
    return switch (halt) {
      case "ma" -> new ControllerDecision(ControllerDecision.Action.HALT_MA,
          reason + " (" + name() + ")");
      case "service" -> new ControllerDecision(ControllerDecision.Action.HALT_SERVICE,
          reason + " (" + name() + ")");
      default -> {
        String problem = what + " of " + name() + " returned " + answer
            + "; expected nothing or {halt: 'ma' | 'service', reason}; ignored";
        options.log.error("{}", problem);
        yield new ControllerDecision(ControllerDecision.Action.PROCEED, problem, problem);
      }
    };
  }

  /** Why the last reload (or call) failed; null when the latest version loaded and answered. */
  public @Nullable String lastError() {
    return lastError;
  }

  /**
   * Why the entry file as it is now cannot be loaded or read, so that an older version keeps
   * answering; null when the version answering is the file's latest. Unlike {@link #lastError()},
   * a failed call does not set it.
   */
  public @Nullable String loadError() {
    return loadError;
  }

  private String name() {
    return "controller script '" + definition.sourceName() + "'";
  }

  private @Nullable JsonNode call(String function, String what, ArrayNode args) {
    lock.lock();
    try {
      reloadIfChanged();
      ScriptContext script = Objects.requireNonNull(current, "closed");
      Value fn = script.function(function);
      if (fn == null) {
        return null;
      }
      JsonNode answer = Json.parse(script.call(what, fn, ScriptContext.Mode.ARGS,
          Json.write(args), options.timeout));
      if (failedHash == null) {
        lastError = null;
      }
      return answer;
    } catch (ScriptCallException e) {
      lastError = e.getMessage();
      if (e.outcome() == ScriptCallException.Outcome.LOST) {
        currentHash = null; // load afresh next time
      }
      throw e;
    } finally {
      lock.unlock();
    }
  }

  /** Loads a changed entry file; a broken one leaves the current version in place. */
  private void reloadIfChanged() {
    ScriptDefinition.Code code;
    try {
      code = definition.read();
    } catch (IOException e) {
      lastError = "cannot read '" + definition.entryFile() + "': " + e;
      loadError = lastError;
      return;
    }
    if (code.sha256().equals(currentHash) && current != null && !current.isLost()) {
      if (failedHash != null) { // a broken edit was undone: the version answering is the latest
        failedHash = null;
        loadError = null;
        lastError = null;
      }
      return;
    }
    if (code.sha256().equals(failedHash)) {
      return;
    }
    try {
      ScriptContext next = open(code);
      if (current != null) {
        current.close();
      }
      current = next;
      currentHash = code.sha256();
      failedHash = null;
      lastError = null;
      loadError = null;
      options.log.info("Reloaded {}", name());
    } catch (ScriptException e) {
      failedHash = code.sha256();
      lastError = "reloading " + name() + " failed, so the previous version keeps answering: "
          + e.getMessage();
      loadError = lastError;
      options.log.error("{}", lastError);
    }
  }

  private ScriptContext open(ScriptDefinition.Code code) {
    ScriptManifest m = definition.manifest();
    ObjectNode info = Json.object();
    info.set("params", Info.params(m, options.values, options.secrets));
    info.putNull("ma");
    info.putObject("trigger").put("script", m.id()).put("version", m.version());
    Facade facade = new Facade(definition.sourceName(), options.log, info, options.state, null,
        grants, budget, options.clock);
    return ScriptContext.load(new ScriptContext.Setup(services.engines().get(m.language()),
            m.language(), services.watchdog(), options.log, budget),
        definition.sourceName(), code.text(), facade, options.timeout);
  }

  @Override
  public void close() {
    lock.lock();
    try {
      if (current != null) {
        current.close();
        current = null;
      }
      grants.close();
    } finally {
      lock.unlock();
    }
  }

  /** How a controller script is loaded. Not thread-safe; build on one thread. */
  public static final class Options {
    /** How long one call may run by default. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private final Logger log;
    private Map<String, String> values = Map.of();
    private UnaryOperator<String> secrets = UnaryOperator.identity();
    private @Nullable StateStore state;
    private Duration timeout = DEFAULT_TIMEOUT;
    private InstantSource clock = InstantSource.system();

    private Options(Logger log) {
      this.log = Objects.requireNonNull(log, "log");
    }

    /** The script's parameters and grants as configuration text (defaults are filled in). */
    public Options values(Map<String, String> value) {
      this.values = Map.copyOf(value);
      return this;
    }

    /** Resolves secret references such as {@code ${env:NAME}}. */
    public Options secrets(UnaryOperator<String> value) {
      this.secrets = Objects.requireNonNull(value);
      return this;
    }

    /** Persisted state for {@code ctx.state}; without it, using {@code ctx.state} is denied. */
    public Options state(StateStore value) {
      this.state = Objects.requireNonNull(value);
      return this;
    }

    /** How long one call may run; default {@link #DEFAULT_TIMEOUT}. */
    public Options timeout(Duration value) {
      this.timeout = Objects.requireNonNull(value);
      return this;
    }

    /** The clock {@code autosync.now()} and {@code localTime()} read; default the system's. */
    public Options clock(InstantSource value) {
      this.clock = Objects.requireNonNull(value);
      return this;
    }
  }
}
