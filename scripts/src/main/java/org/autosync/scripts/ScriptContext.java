package org.autosync.scripts;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.SandboxPolicy;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;

/**
 * One loaded script: its own polyglot context on the language's shared engine, in the CONSTRAINED
 * sandbox (no file, socket, process, environment, thread, native or host-class access), holding
 * only the prelude's {@code ctx} object. Every call into it takes the context's lock (with a
 * timeout) and runs under a {@link Watchdog} deadline, so a runaway script is interrupted and the
 * context stays usable; if it cannot be interrupted it is cancelled and {@link #isLost()} turns
 * true.
 *
 * <pre>{@code
 * try (ScriptContext script = ScriptContext.load(setup, "hr/trigger.js", code, handler, timeout)) {
 *   String json = script.call("poll()", script.function("poll"), Mode.CTX, null, timeout);
 * }
 * }</pre>
 *
 * <p><b>Threading:</b> thread-safe; calls are serialised by the lock. {@link #close} waits for a
 * running call up to its lock timeout, then cancels it.
 */
final class ScriptContext implements AutoCloseable {

  /** How long loading the prelude may take; Python's first context needs seconds. */
  static final Duration PRELUDE_TIMEOUT = Duration.ofSeconds(60);

  /** How the prelude calls a script function. */
  enum Mode {
    /** {@code fn(ctx)} */
    CTX("ctx"),
    /** {@code fn()} */
    PLAIN("plain"),
    /** {@code fn(...args)}, the argument being a JSON array */
    ARGS("args"),
    /** a registered callback (timer, change stream): the argument is {@code {id, value}} */
    CALLBACK("callback");

    private final String text;

    Mode(String text) {
      this.text = text;
    }
  }

  /** What a context needs from the runtime. */
  record Setup(Engine engine, ScriptLanguage language, Watchdog watchdog, Logger log,
      CallBudget budget) {}

  private final Setup setup;
  private final String name;
  private final Context context;
  private final Value invoke;
  private final ReentrantLock lock = new ReentrantLock();
  private volatile boolean lost;
  private volatile boolean closed;

  private ScriptContext(Setup setup, String name, Context context, Value invoke) {
    this.setup = setup;
    this.name = name;
    this.context = context;
    this.invoke = invoke;
  }

  /**
   * Creates a context, installs the prelude with {@code handler} behind it, and runs the script's
   * top level within {@code timeout}.
   *
   * @param name the source's name in messages, such as {@code hr-watch/trigger.js}
   * @throws ScriptException when the script does not parse, throws or runs too long; the
   *     context is closed then
   */
  static ScriptContext load(Setup setup, String name, String code, ScriptBridge.Handler handler,
      Duration timeout) {
    ScriptLanguage language = setup.language();
    Context context = Context.newBuilder(language.graalId())
        .engine(setup.engine())
        .sandbox(SandboxPolicy.CONSTRAINED)
        .allowHostAccess(HostAccess.CONSTRAINED)
        .out(new LogStream(setup.log(), false))
        .err(new LogStream(setup.log(), true))
        .build();
    ScriptContext script;
    try {
      evalPrelude(setup, context);
      Value install = context.getBindings(language.graalId()).getMember(Preludes.INSTALL);
      script = new ScriptContext(setup, name, context, install.execute(new ScriptBridge(handler)));
    } catch (RuntimeException e) {
      closeQuietly(context);
      throw e instanceof ScriptException se ? se
          : new ScriptException("Cannot start a " + language + " context for '" + name + "': "
              + e, null, e);
    }
    try {
      Source source = Source.newBuilder(language.graalId(), code, name).buildLiteral();
      script.bounded("loading", timeout, () -> context.eval(source));
      return script;
    } catch (RuntimeException e) {
      script.close();
      throw e;
    }
  }

  private static void evalPrelude(Setup setup, Context context) {
    Watchdog.Armed armed = setup.watchdog().arm(context, PRELUDE_TIMEOUT);
    try {
      context.eval(Preludes.of(setup.language()));
    } catch (PolyglotException e) {
      throw new ScriptException("Cannot load the " + setup.language() + " prelude: "
          + ScriptErrors.message(e), null, e);
    } finally {
      armed.disarm();
    }
  }

  /** The script's top-level function {@code name}; null when it defines none. */
  @Nullable Value function(String functionName) {
    lock.lock();
    try {
      Value v = context.getBindings(setup.language().graalId()).getMember(functionName);
      return v != null && v.canExecute() ? v : null;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Calls {@code fn} through the prelude and returns its result as JSON text ({@code null} for
   * nothing).
   *
   * @param what what is called, for messages, such as {@code poll()}
   * @param fn the function; null for {@link Mode#CALLBACK}
   * @param arg the JSON argument for {@link Mode#ARGS} and {@link Mode#CALLBACK}
   * @throws ScriptCallException when the script throws, runs too long or the context is lost
   */
  String call(String what, @Nullable Value fn, Mode mode, @Nullable String arg, Duration timeout) {
    return bounded(what, timeout, () -> invoke.execute(mode.text, fn, arg)).asString();
  }

  private interface Body {
    Value run();
  }

  private Value bounded(String what, Duration timeout, Body body) {
    if (lost || closed) {
      throw new ScriptCallException(what + " of '" + name + "' cannot run: its context is "
          + (lost ? "lost after a call that could not be stopped" : "closed"), null,
          ScriptCallException.Outcome.LOST, null);
    }
    boolean locked;
    try {
      locked = lock.tryLock(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ScriptCallException(what + " of '" + name + "' was interrupted while waiting"
          + " for the script", null, ScriptCallException.Outcome.ERROR, e);
    }
    if (!locked) {
      throw new ScriptCallException(what + " of '" + name + "' waited " + Durations.format(timeout)
          + " for an earlier call to end and gave up", null, ScriptCallException.Outcome.BUSY,
          null);
    }
    Watchdog.Armed armed = setup.watchdog().arm(context, timeout);
    setup.budget().start(timeout);
    try {
      return body.run();
    } catch (PolyglotException e) {
      throw describe(what, timeout, armed, e);
    } catch (IllegalStateException e) {
      // the context was cancelled under us (closed while running)
      lost = lost || armed.lost();
      throw new ScriptCallException(what + " of '" + name + "' failed: " + e.getMessage(), null,
          armed.fired() ? ScriptCallException.Outcome.TIMED_OUT : ScriptCallException.Outcome.LOST,
          e);
    } finally {
      setup.budget().end();
      armed.disarm();
      lost = lost || armed.lost();
      lock.unlock();
    }
  }

  private ScriptCallException describe(String what, Duration timeout, Watchdog.Armed armed,
      PolyglotException e) {
    String at = ScriptErrors.location(e);
    if (armed.fired() && (e.isInterrupted() || e.isCancelled())) {
      lost = lost || armed.lost() || e.isCancelled();
      return new ScriptCallException(what + " of '" + name + "' ran longer than its timeout of "
          + Durations.format(timeout) + " and was stopped" + (at == null ? "" : " at " + at)
          + (armed.lost() ? "; its context could not be interrupted and was cancelled" : ""), at,
          ScriptCallException.Outcome.TIMED_OUT, e);
    }
    if (e.isCancelled() || e.isExit() || e.isResourceExhausted()) {
      lost = true;
    }
    String kind = e.isSyntaxError() ? "has a syntax error" : "failed";
    return new ScriptCallException(what + " of '" + name + "' " + kind
        + (at == null ? "" : " at " + at) + ": " + ScriptErrors.message(e), at,
        lost ? ScriptCallException.Outcome.LOST : ScriptCallException.Outcome.ERROR, e);
  }

  /** Whether a call could not be stopped and the context was cancelled: replace this context. */
  boolean isLost() {
    return lost;
  }

  String name() {
    return name;
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    boolean locked = false;
    try {
      locked = lock.tryLock(PRELUDE_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      closeQuietly(context);
    } finally {
      if (locked) {
        lock.unlock();
      }
    }
  }

  private static void closeQuietly(Context context) {
    try {
      context.close(true);
    } catch (RuntimeException e) {
      // a context killed by a limit rethrows on close; it is gone all the same
    }
  }
}
