package org.autosync.scripts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.autosync.api.ExecutionRequest;
import org.autosync.api.trigger.Cancellable;
import org.autosync.api.trigger.RunTarget;
import org.autosync.api.trigger.Trigger;
import org.autosync.api.trigger.TriggerConfig;
import org.autosync.api.trigger.TriggerContext;
import org.autosync.api.trigger.TriggerHealth;
import org.autosync.scripts.CommonParameters.OnError;
import org.jspecify.annotations.Nullable;

/**
 * A trigger whose logic is a script: polled ({@code poll(ctx)} every interval, fixed delay after
 * each poll) or event-driven ({@code start(ctx)} once, then timers and change streams, {@code
 * stop()} at the end).
 *
 * <p><b>Failures.</b> Every call into the script is bounded by {@code timeout}. A call that throws
 * or runs too long is logged with the script's file and line, and then:
 *
 * <ul>
 *   <li>{@code onError: stop} — the trigger calls the script no more and reports {@code DEGRADED}
 *       ("stopped after an error"). It does not report {@code FAILED}, which would make the host
 *       restart it with backoff; an edit of the script (or a restart of the trigger) starts it
 *       again;
 *   <li>{@code onError: reset} — it reports {@code DEGRADED} and goes on: the next poll comes
 *       after the interval; a failed {@code start} is followed by {@code stop()} and a new {@code
 *       start} after the interval; a failed timer callback is logged and the timers go on.
 * </ul>
 *
 * A script that cannot be loaded when the trigger starts, or whose context is lost (a call that
 * could not be interrupted), is reported {@code FAILED}: the host restarts the trigger with
 * backoff, which loads the file afresh. A successful call after a failure reports {@code HEALTHY}.
 *
 * <p><b>Reload.</b> Every reload-check interval the entry file's SHA-256 is compared with the
 * loaded version's. A changed file is loaded into a new context; if that works, the old version
 * is stopped ({@code stop()} for event scripts) and closed and the new one takes over (a poll
 * script polls at once). If it does not load, the old version keeps running, the error is logged
 * and reported as {@code DEGRADED}, and that version is not tried again until the file changes.
 *
 * <p><b>Threading:</b> {@code start} and {@code stop} come from the host's thread and return
 * quickly ({@code stop} waits for the script's {@code stop()}, bounded). Everything else runs on
 * the trigger's {@link Lane}; the fields below are only touched there, except {@code stopped}.
 */
final class ScriptTrigger implements Trigger {

  private final ScriptDefinition definition;
  private final TriggerConfig config;
  private final ScriptServices services;
  private final Duration interval;
  private final Duration timeout;
  private final OnError onError;
  private final RunTarget target;
  private final CallBudget budget = new CallBudget();
  private final AtomicBoolean pollQueued = new AtomicBoolean();
  private volatile boolean stopped;

  // set by start
  private @Nullable TriggerContext context;
  private @Nullable Lane lane;
  private @Nullable Grants grants;
  private @Nullable Cancellable reloadCheck;

  // lane only
  private @Nullable LoadedScript current;
  private @Nullable String failedHash;
  private boolean halted;
  private boolean healthy;
  private @Nullable Cancellable nextPoll;
  private @Nullable Cancellable restart;

  ScriptTrigger(ScriptDefinition definition, TriggerConfig config, ScriptServices services) {
    this.definition = Objects.requireNonNull(definition);
    this.config = Objects.requireNonNull(config);
    this.services = Objects.requireNonNull(services);
    this.interval = config.value(CommonParameters.INTERVAL)
        .map(org.autosync.api.trigger.ParameterValues::parseDuration)
        .orElse(CommonParameters.DEFAULT_INTERVAL);
    this.timeout = config.value(CommonParameters.TIMEOUT)
        .map(org.autosync.api.trigger.ParameterValues::parseDuration)
        .orElse(CommonParameters.DEFAULT_TIMEOUT);
    this.onError = config.value(CommonParameters.ON_ERROR).map(OnError::parse)
        .orElse(OnError.STOP);
    this.target = RunTarget.from(config);
  }

  @Override
  public void start(TriggerContext ctx) {
    this.context = ctx;
    this.lane = new Lane(services.laneExecutor(), ctx.log());
    this.grants = Grants.from(definition.manifest().capabilities(), config, ctx::resolveSecret);
    ctx.reportHealth(new TriggerHealth(TriggerHealth.State.STARTING,
        "loading '" + definition.sourceName() + "'", null, null));
    Duration every = services.reloadCheckInterval();
    reloadCheck = ctx.scheduler().scheduleAtFixedRate(every, every,
        () -> lane().execute(this::reloadIfChanged));
    lane().execute(this::begin);
  }

  @Override
  public void stop() {
    if (stopped || context == null) {
      stopped = true;
      return;
    }
    stopped = true;
    cancel(reloadCheck);
    Duration wait = timeout.multipliedBy(2).plusSeconds(5);
    if (!lane().runAndWait(this::shutDown, wait)) {
      context.log().warn("Script '{}' did not stop within {}; its context is cancelled",
          definition.sourceName(), Durations.format(wait));
      LoadedScript s = current;
      if (s != null) {
        s.close();
      }
    }
    if (grants != null) {
      grants.close();
    }
  }

  /** Checks the entry file now, as the periodic check does; for tests and tools. */
  void reloadIfChangedNow() {
    lane().execute(this::reloadIfChanged);
  }

  // ---- on the lane ----

  private void begin() {
    if (stopped) {
      return;
    }
    LoadedScript loaded;
    try {
      loaded = load(definition.read());
    } catch (IOException | ScriptException e) {
      String message = e instanceof ScriptException ? e.getMessage()
          : "Cannot read '" + definition.entryFile() + "': " + e;
      ctx().log().error("{}", message);
      ctx().reportHealth(TriggerHealth.failed(message));
      return;
    }
    current = loaded;
    ctx().log().info("Loaded script '{}' {} ({}, {})", definition.sourceName(),
        definition.manifest().version(), loaded.style == LoadedScript.Style.POLL
            ? "polled every " + Durations.format(interval) : "event-driven",
        shortHash(loaded.hash));
    activate(loaded);
  }

  private void activate(LoadedScript s) {
    if (s.style == LoadedScript.Style.POLL) {
      cancel(nextPoll);
      poll();
    } else {
      callStart(s);
    }
  }

  private void poll() {
    pollQueued.set(false);
    LoadedScript s = current;
    if (stopped || halted || s == null || s.style != LoadedScript.Style.POLL) {
      return;
    }
    try {
      String result = s.script.call("poll(ctx)", s.main, ScriptContext.Mode.CTX, null, timeout);
      fire(Json.parse(result), true, "poll of '" + definition.sourceName() + "'");
      succeeded();
    } catch (ScriptCallException e) {
      failed(s, e, Call.POLL);
    } catch (IllegalArgumentException e) {
      failed(s, new ScriptCallException("poll(ctx) of '" + definition.sourceName()
          + "' returned something that is not a request: " + e.getMessage(), null,
          ScriptCallException.Outcome.ERROR, e), Call.POLL);
    }
    if (!stopped && !halted && current == s && !s.script.isLost()) {
      schedulePoll(interval);
    }
  }

  private void schedulePoll(Duration delay) {
    cancel(nextPoll);
    nextPoll = ctx().scheduler().schedule(delay, () -> {
      if (pollQueued.compareAndSet(false, true)) {
        lane().execute(this::poll);
      }
    });
  }

  private void callStart(LoadedScript s) {
    if (stopped || halted || current != s) {
      return;
    }
    try {
      s.script.call("start(ctx)", s.main, ScriptContext.Mode.CTX, null, timeout);
      s.started = true;
      succeeded();
    } catch (ScriptCallException e) {
      s.started = true; // so that its stop() runs
      failed(s, e, Call.START);
    }
  }

  private void callStop(LoadedScript s) {
    s.cancelTasks();
    if (!s.started || s.stopFunction == null || s.script.isLost()) {
      s.started = false;
      return;
    }
    s.started = false;
    try {
      s.script.call("stop()", s.stopFunction, ScriptContext.Mode.PLAIN, null, timeout);
    } catch (ScriptCallException e) {
      ctx().log().warn("{}", e.getMessage());
    }
  }

  /** Runs a timer or change-stream callback of version {@code s}. */
  private void callback(LoadedScript s, int id, @Nullable JsonNode value, String what) {
    if (stopped || halted || current != s) {
      return;
    }
    ObjectNode arg = Json.object().put("id", id);
    if (value != null) {
      arg.set("value", value);
    }
    try {
      s.script.call(what, null, ScriptContext.Mode.CALLBACK, Json.write(arg), timeout);
      succeeded();
    } catch (ScriptCallException e) {
      failed(s, e, Call.CALLBACK);
    }
  }

  /** Which kind of call failed. */
  private enum Call {
    POLL,
    START,
    CALLBACK
  }

  private void succeeded() {
    if (!healthy) {
      healthy = true;
      LoadedScript s = current;
      ctx().reportHealth(TriggerHealth.healthy(s != null && s.style == LoadedScript.Style.EVENT
          ? "'" + definition.sourceName() + "' started (event-driven)"
          : "polling '" + definition.sourceName() + "' every " + Durations.format(interval)));
    }
  }

  private void failed(LoadedScript s, ScriptCallException e, Call call) {
    healthy = false;
    ctx().log().error("{}", e.getMessage());
    if (e.outcome() == ScriptCallException.Outcome.LOST || s.script.isLost()) {
      ctx().reportHealth(TriggerHealth.failed(e.getMessage()
          + "; the script's context is lost, so the trigger is restarted"));
      return;
    }
    if (onError == OnError.STOP) {
      halted = true;
      cancel(nextPoll);
      if (s.style == LoadedScript.Style.EVENT) {
        callStop(s);
      }
      String message = "stopped after an error (onError: stop): " + e.getMessage()
          + "; it starts again when '" + definition.sourceName() + "' changes or the trigger"
          + " restarts";
      ctx().log().warn("Script trigger '{}' {}", config.id(), message);
      ctx().reportHealth(degraded(message, e));
      return;
    }
    boolean startFailed = call == Call.START;
    if (startFailed) {
      callStop(s);
      cancel(restart);
      restart = ctx().scheduler().schedule(interval, () -> lane().execute(() -> callStart(s)));
    }
    ctx().reportHealth(degraded(e.getMessage() + "; "
        + (s.style == LoadedScript.Style.POLL ? "polls again in " + Durations.format(interval)
            : startFailed ? "starts again in " + Durations.format(interval) : "goes on")
        + " (onError: reset)", e));
  }

  private void reloadIfChanged() {
    LoadedScript s = current;
    if (stopped || s == null) {
      return;
    }
    ScriptDefinition.Code code;
    try {
      code = definition.read();
    } catch (IOException e) {
      if (!("missing".equals(failedHash))) {
        failedHash = "missing";
        ctx().log().warn("Cannot read '{}' to check it for edits ({}); the loaded version keeps"
            + " running", definition.entryFile(), e.toString());
      }
      return;
    }
    if (code.sha256().equals(s.hash) || code.sha256().equals(failedHash)) {
      return;
    }
    LoadedScript next;
    try {
      next = load(code);
    } catch (ScriptException e) {
      failedHash = code.sha256();
      healthy = false;
      String message = "reloading '" + definition.sourceName() + "' failed, so the previous"
          + " version keeps running: " + e.getMessage();
      ctx().log().error("{}", message);
      ctx().reportHealth(new TriggerHealth(TriggerHealth.State.DEGRADED, message, null,
          e.getMessage()));
      return;
    }
    failedHash = null;
    if (s.style == LoadedScript.Style.EVENT) {
      callStop(s);
    }
    cancel(nextPoll);
    cancel(restart);
    s.close();
    current = next;
    halted = false;
    healthy = false;
    ctx().log().info("Reloaded script '{}' ({} → {})", definition.sourceName(),
        shortHash(s.hash), shortHash(next.hash));
    activate(next);
  }

  private LoadedScript load(ScriptDefinition.Code code) {
    LoadedScriptHolder holder = new LoadedScriptHolder();
    Facade facade = new Facade(definition.sourceName(), ctx().log(),
        Info.of(definition, config, ctx()), ctx().state(), new Events(holder), grants(), budget,
        ctx().clock());
    ScriptContext script = ScriptContext.load(new ScriptContext.Setup(
            services.engines().get(definition.manifest().language()), 
            definition.manifest().language(), services.watchdog(), ctx().log(), budget),
        definition.sourceName(), code.text(), facade, timeout);
    LoadedScript loaded = LoadedScript.of(script, code.sha256());
    holder.value = loaded;
    return loaded;
  }

  private void shutDown() {
    cancel(nextPoll);
    cancel(restart);
    LoadedScript s = current;
    current = null;
    if (s != null) {
      if (s.style == LoadedScript.Style.EVENT) {
        callStop(s);
      }
      s.close();
    }
  }

  private void fire(JsonNode value, boolean nothingMeansNothing, String detail) {
    List<ExecutionRequest> requests = Requests.from(value, nothingMeansNothing,
        ctx().managementAgent().name(), target, config.id(), detail);
    for (ExecutionRequest r : requests) {
      ctx().log().debug("Script '{}' fires {}", definition.sourceName(), r);
      ctx().fire(r);
    }
  }

  private static TriggerHealth degraded(String message, ScriptException e) {
    return new TriggerHealth(TriggerHealth.State.DEGRADED, message, null, e.getMessage());
  }

  private static String shortHash(String hash) {
    return "sha256 " + hash.substring(0, 12);
  }

  private static void cancel(@Nullable Cancellable task) {
    if (task != null) {
      task.cancel();
    }
  }

  private TriggerContext ctx() {
    return Objects.requireNonNull(context, "not started");
  }

  private Lane lane() {
    return Objects.requireNonNull(lane, "not started");
  }

  private Grants grants() {
    return Objects.requireNonNull(grants, "not started");
  }

  /** The version a facade belongs to, known only once its context has loaded. */
  private static final class LoadedScriptHolder {
    volatile @Nullable LoadedScript value;
  }

  /** What one version's script can make happen: fire, timers, change streams. */
  private final class Events implements Facade.Events {
    private final LoadedScriptHolder holder;

    Events(LoadedScriptHolder holder) {
      this.holder = holder;
    }

    private LoadedScript version() {
      LoadedScript s = holder.value;
      if (s == null) {
        throw new IllegalArgumentException("timers and change streams can only be set up from"
            + " start(ctx) or later, not while the script loads");
      }
      return s;
    }

    @Override
    public void fire(JsonNode target) {
      if (stopped || halted) {
        return;
      }
      ScriptTrigger.this.fire(target, false, "'" + definition.sourceName() + "'");
    }

    @Override
    public void setTimer(int id, Duration delay, boolean repeat) {
      LoadedScript s = version();
      Runnable run = () -> lane().execute(() -> {
        if (!repeat) {
          s.removeTask(id);
        }
        callback(s, id, null, "timer callback");
      });
      if (repeat) {
        if (delay.compareTo(MIN_REPEAT) < 0) {
          throw new IllegalArgumentException("setInterval needs at least "
              + MIN_REPEAT.toMillis() + " ms between runs, got " + delay.toMillis());
        }
        s.addTask(id, ctx().scheduler().scheduleAtFixedRate(delay, delay, run));
      } else {
        s.addTask(id, ctx().scheduler().schedule(delay, run));
      }
    }

    @Override
    public void clearTimer(int id) {
      version().removeTask(id);
    }

    @Override
    public void watchLdapChanges(int id, JsonNode request) {
      LoadedScript s = version();
      Duration every = request.hasNonNull("intervalMs")
          ? Duration.ofMillis(Math.max(MIN_REPEAT.toMillis(), request.get("intervalMs").asLong()))
          : interval;
      ChangeStream stream = new ChangeStream(grants().ldap(), request, ctx().state(), timeout,
          changes -> callback(s, id, changes, "change stream callback"), ctx().log());
      stream.prime();
      s.addStream(ctx().scheduler().scheduleAtFixedRate(every, every,
          () -> lane().execute(() -> {
            if (!stopped && !halted && current == s) {
              stream.poll();
            }
          })));
    }
  }

  /** The shortest period of {@code setInterval} and change streams. */
  static final Duration MIN_REPEAT = Duration.ofMillis(100);
}
