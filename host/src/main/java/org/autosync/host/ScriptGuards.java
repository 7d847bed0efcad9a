package org.autosync.host;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.autosync.api.engine.ManagementAgent;
import org.autosync.api.engine.RunDetails;
import org.autosync.api.engine.RunProfile;
import org.autosync.host.controller.ControllerScriptSettings;
import org.autosync.host.controller.RunGuard;
import org.autosync.host.trigger.SecretResolver;
import org.autosync.scripts.ControllerDecision;
import org.autosync.scripts.ControllerDecision.Action;
import org.autosync.scripts.ControllerScript;
import org.autosync.scripts.ControllerScriptType;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the controller scripts installed in the scripts folder as the controller's {@link
 * RunGuard}s. A script that cannot be loaded — not installed, a syntax error, a top level that
 * throws — gives a guard that vetoes every run with the reason (a guard exists to stop runs; a
 * missing one must not let them through) and tries to load again whenever it is asked and the
 * script's files changed since the last attempt. Once loaded, {@link ControllerScript} picks up
 * edits at its next call itself, keeping the previous version when an edit does not load.
 *
 * <p>Scripts log under {@value #LOGGER_PREFIX}{@code <id>}; secret settings are resolved with the
 * service's {@link SecretResolver} when the script reads them.
 *
 * <p><b>Threading:</b> thread-safe.
 */
final class ScriptGuards implements RunGuard.Factory {

  static final String LOGGER_PREFIX = "autosync.controller-script.";

  private final Supplier<Map<String, ControllerScriptType>> types;
  private final SecretResolver secrets;

  /**
   * @param types the installed controller scripts by id, read afresh on each call (a script
   *     installed while AutoSync runs is found when a guard naming it tries again)
   */
  ScriptGuards(Supplier<Map<String, ControllerScriptType>> types, SecretResolver secrets) {
    this.types = Objects.requireNonNull(types, "types");
    this.secrets = Objects.requireNonNull(secrets, "secrets");
  }

  @Override
  public RunGuard open(String scope, ControllerScriptSettings settings) {
    ScriptGuard guard = new ScriptGuard(scope, settings);
    guard.script(); // load now, on the caller's thread, so that the first run does not wait
    return guard;
  }

  /** One configured controller script: the loaded script, or why it is not loaded. */
  private final class ScriptGuard implements RunGuard {
    private final String name;
    private final ControllerScriptSettings settings;
    private final Logger log;
    private final ReentrantLock lock = new ReentrantLock();
    private @Nullable ControllerScript script; // guarded by lock
    private @Nullable String attempted; // guarded by lock: the files' content at the last failure
    private volatile @Nullable String loadFailure;
    private volatile boolean closed;

    ScriptGuard(String scope, ControllerScriptSettings settings) {
      this.name = "controller script '" + settings.script() + "' (" + scope + ")";
      this.settings = settings;
      this.log = LoggerFactory.getLogger(LOGGER_PREFIX + settings.script());
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public ControllerDecision shouldExecute(ManagementAgent ma, RunProfile profile) {
      ControllerScript loaded = script();
      if (loaded == null) {
        String failure = String.valueOf(loadFailure);
        return new ControllerDecision(Action.VETO, failure + "; every run it is asked about is"
            + " vetoed until it loads", failure);
      }
      return loaded.shouldExecute(profile.name(), ma);
    }

    @Override
    public ControllerDecision executionComplete(RunDetails run) {
      ControllerScript loaded = script();
      if (loaded == null) {
        String failure = String.valueOf(loadFailure);
        return new ControllerDecision(Action.PROCEED, failure + " (not told about run "
            + run.runNumber() + ")", failure);
      }
      return loaded.executionComplete(run);
    }

    @Override
    public @Nullable String loadError() {
      ControllerScript loaded = script;
      return loaded != null ? loaded.loadError() : loadFailure;
    }

    /** The loaded script; loads it first if it is not, unless its files are as they failed. */
    @Nullable ControllerScript script() {
      lock.lock();
      try {
        if (script != null || closed) {
          return script;
        }
        ControllerScriptType type = types.get().get(settings.script());
        if (type == null) {
          loadFailure = name + " cannot be loaded: no controller script '" + settings.script()
              + "' is installed in the scripts folder";
          attempted = null;
          return null;
        }
        String content = content(type);
        if (content != null && content.equals(attempted)) {
          return null;
        }
        try {
          script = type.load(settings.values(), log, secrets::resolve);
          loadFailure = null;
          attempted = null;
          log.info("Loaded {}", name);
        } catch (IOException | RuntimeException e) {
          loadFailure = name + " cannot be loaded: " + e.getMessage();
          attempted = content;
          log.error("{}", loadFailure);
        }
        return script;
      } finally {
        lock.unlock();
      }
    }

    private static @Nullable String content(ControllerScriptType type) {
      try {
        return Files.readString(type.entryFile()) + "\u0000" + type.manifest();
      } catch (IOException e) {
        return null;
      }
    }

    @Override
    public void close() {
      lock.lock();
      try {
        closed = true;
        if (script != null) {
          script.close();
          script = null;
        }
      } finally {
        lock.unlock();
      }
    }

    @Override
    public String toString() {
      return name;
    }
  }
}
