package org.autosync.gallery;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.autosync.api.ExecutionRequest;
import org.autosync.api.trigger.TriggerHealth;
import org.autosync.scripts.ControllerDecision;
import org.jspecify.annotations.Nullable;

/** Starts an entry's script the way AutoSync would and lets a test case act on it. */
interface ScriptDriver extends AutoCloseable {

  /** Starts (or loads) the script. */
  void start() throws Exception;

  /** Stops the script and starts it again on the same state and clock. */
  void restart() throws Exception;

  /** Stops the script, moves the clock while nothing runs, and starts it again. */
  void downtime(Duration d) throws Exception;

  /** The clock's time. */
  Instant now();

  /** Moves time forward, running what falls due. */
  void advance(Duration d);

  /** What was fired since the last call (trigger scripts). */
  default List<ExecutionRequest> takeFired(String where) {
    throw new AssertionError(where + ": only trigger scripts fire");
  }

  /** The last health report (trigger scripts). */
  default @Nullable TriggerHealth health(String where) {
    throw new AssertionError(where + ": only trigger scripts report health");
  }

  /** A state value as JSON text, or null (trigger scripts). */
  default @Nullable String state(String key, String where) {
    throw new AssertionError(where + ": only trigger scripts have state here");
  }

  /** {@code shouldExecute} (controller scripts). */
  default ControllerDecision shouldExecute(String profile, String where) {
    throw new AssertionError(where + ": shouldExecute is for controller scripts");
  }

  /** Runs a profile on the fake engine and hands its details to {@code executionComplete}. */
  default ControllerDecision runAndComplete(JsonNode run, String where) {
    throw new AssertionError(where + ": run is for controller scripts");
  }

  @Override
  void close();
}
