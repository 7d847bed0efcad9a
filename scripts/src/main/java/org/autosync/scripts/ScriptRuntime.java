package org.autosync.scripts;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * Runs scripts: one shared GraalVM engine per language (built on first use), the watchdog that
 * stops overlong calls, and the thread pool the scripts' lanes run on. Scan a scripts folder to
 * get its trigger types; they work like any plugin's trigger types.
 *
 * <pre>{@code
 * try (ScriptRuntime scripts = ScriptRuntime.builder().apiVersion("0.1.0").build()) {
 *   ScriptCatalog catalog = scripts.scan(Path.of("scripts"));
 *   catalog.problems().forEach(p -> log.warn("Script not offered: {}", p));
 *   Map<String, TriggerFactory> types = catalog.triggerTypes();   // "script.sql-watermark", ...
 * }
 * }</pre>
 *
 * <p>Close the runtime after the triggers it created have stopped: closing stops the pool, the
 * watchdog and the engines.
 *
 * <p><b>Threading:</b> thread-safe.
 */
public final class ScriptRuntime implements AutoCloseable {

  /** How often script files are checked for edits. */
  public static final Duration DEFAULT_RELOAD_CHECK_INTERVAL = Duration.ofSeconds(2);

  /** How long an interrupted script may take to stop before its context is cancelled. */
  public static final Duration DEFAULT_INTERRUPT_GRACE = Duration.ofSeconds(5);

  /** The plugin API version manifests' {@code api} ranges are checked against by default. */
  public static final String DEFAULT_API_VERSION = "0.1.0";

  /** The name prefix of the threads scripts run on. */
  public static final String THREAD_PREFIX = "autosync-script-";

  private final Engines engines = new Engines();
  private final Watchdog watchdog;
  private final @Nullable ExecutorService ownPool;
  private final ScriptServices services;
  private final String apiVersion;

  private ScriptRuntime(Builder b) {
    this.watchdog = new Watchdog(b.interruptGrace);
    this.ownPool = b.laneExecutor == null ? newPool() : null;
    Executor lanes = b.laneExecutor != null ? b.laneExecutor : ownPool;
    this.services = new ScriptServices(engines, watchdog, lanes, b.reloadCheckInterval);
    this.apiVersion = b.apiVersion;
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Reads the scripts folder: every {@code <id>/manifest.json} with its entry file. Cheap enough to
   * call again when the configuration is reloaded; scripts are loaded only when a trigger starts.
   */
  public ScriptCatalog scan(Path scriptsFolder) {
    return ScriptCatalog.scan(scriptsFolder, services, apiVersion);
  }

  /**
   * Loads the controller script installed in {@code scriptFolder} (a folder with a manifest whose
   * {@code kind} is {@code controller}).
   *
   * @throws ScriptException when the manifest, its settings or the script are not usable
   * @throws java.io.IOException when a file cannot be read
   */
  public ControllerScript controllerScript(Path scriptFolder, ControllerScript.Options options)
      throws java.io.IOException {
    return ControllerScript.load(scriptFolder, options, services);
  }

  ScriptServices services() {
    return services;
  }

  @Override
  public void close() {
    if (ownPool != null) {
      ownPool.shutdownNow();
    }
    watchdog.close();
    engines.close();
  }

  private static ExecutorService newPool() {
    AtomicInteger count = new AtomicInteger();
    return new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS,
        new SynchronousQueue<>(), r -> {
          Thread t = new Thread(r, THREAD_PREFIX + count.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
  }

  /** Options; each has a named default. Not thread-safe. */
  public static final class Builder {
    private @Nullable Executor laneExecutor;
    private Duration reloadCheckInterval = DEFAULT_RELOAD_CHECK_INTERVAL;
    private Duration interruptGrace = DEFAULT_INTERRUPT_GRACE;
    private String apiVersion = DEFAULT_API_VERSION;

    private Builder() {}

    /**
     * Where the scripts' lanes run; default a pool of daemon threads named {@value
     * #THREAD_PREFIX}N. Tests pass {@code Runnable::run} to run every script call on the thread
     * that moves the manual clock.
     */
    public Builder laneExecutor(Executor value) {
      this.laneExecutor = Objects.requireNonNull(value, "laneExecutor");
      return this;
    }

    /** How often script files are checked for edits; default {@link #DEFAULT_RELOAD_CHECK_INTERVAL}. */
    public Builder reloadCheckInterval(Duration value) {
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException("reloadCheckInterval must be positive, got " + value);
      }
      this.reloadCheckInterval = value;
      return this;
    }

    /** See {@link #DEFAULT_INTERRUPT_GRACE}. */
    public Builder interruptGrace(Duration value) {
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException("interruptGrace must be positive, got " + value);
      }
      this.interruptGrace = value;
      return this;
    }

    /** The host's plugin API version; default {@link #DEFAULT_API_VERSION}. */
    public Builder apiVersion(String value) {
      this.apiVersion = Objects.requireNonNull(value, "apiVersion");
      return this;
    }

    public ScriptRuntime build() {
      return new ScriptRuntime(this);
    }
  }
}
