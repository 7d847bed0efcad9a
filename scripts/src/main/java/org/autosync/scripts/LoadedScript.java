package org.autosync.scripts;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.autosync.api.trigger.Cancellable;
import org.graalvm.polyglot.Value;
import org.jspecify.annotations.Nullable;

/**
 * One loaded version of a trigger script: its context, how it is driven (polled or event-driven),
 * its functions, and the timers and change streams it set up. Replaced whole on reload; closing it
 * cancels what it scheduled and closes its context.
 *
 * <p><b>Threading:</b> used on the trigger's lane; the task maps are guarded by {@code this}.
 */
final class LoadedScript implements AutoCloseable {

  /** How the script is driven. */
  enum Style {
    /** It defines {@code poll(ctx)}. */
    POLL,
    /** It defines {@code start(ctx)} (and usually {@code stop()}). */
    EVENT
  }

  final ScriptContext script;
  final String hash;
  final Style style;
  final Value main;
  final @Nullable Value stopFunction;
  private final Map<Integer, Cancellable> tasks = new HashMap<>();
  private final List<Cancellable> streams = new ArrayList<>();
  boolean started;

  private LoadedScript(ScriptContext script, String hash, Style style, Value main,
      @Nullable Value stopFunction) {
    this.script = script;
    this.hash = hash;
    this.style = style;
    this.main = main;
    this.stopFunction = stopFunction;
  }

  /**
   * Wraps a freshly loaded context, checking that it defines {@code poll} or {@code start}.
   *
   * @throws ScriptException when it defines neither, or both (the context is closed then)
   */
  static LoadedScript of(ScriptContext script, String hash) {
    Value poll = script.function("poll");
    Value start = script.function("start");
    if ((poll == null) == (start == null)) {
      script.close();
      throw new ScriptException("'" + script.name() + "' must define either poll(ctx), called"
          + " every interval, or start(ctx) and stop() for an event-driven script; it defines "
          + (poll == null ? "neither" : "both"), script.name(), null);
    }
    return poll != null
        ? new LoadedScript(script, hash, Style.POLL, poll, null)
        : new LoadedScript(script, hash, Style.EVENT, start, script.function("stop"));
  }

  synchronized void addTask(int id, Cancellable task) {
    Cancellable old = tasks.put(id, task);
    if (old != null) {
      old.cancel();
    }
  }

  synchronized void removeTask(int id) {
    Cancellable task = tasks.remove(id);
    if (task != null) {
      task.cancel();
    }
  }

  synchronized void addStream(Cancellable stream) {
    streams.add(stream);
  }

  /** Cancels every timer and change stream (an event script stopped or reset). */
  synchronized void cancelTasks() {
    tasks.values().forEach(Cancellable::cancel);
    tasks.clear();
    streams.forEach(Cancellable::cancel);
    streams.clear();
  }

  @Override
  public void close() {
    cancelTasks();
    script.close();
  }
}
