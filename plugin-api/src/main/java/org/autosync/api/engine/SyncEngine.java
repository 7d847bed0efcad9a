package org.autosync.api.engine;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A sync engine as AutoSync drives it: it lists management agents, runs and stops run profiles,
 * reports status, run history and pending work.
 *
 * <p><b>Threading:</b> implementations are thread-safe. The controller calls {@link #run} on one
 * thread per MA (the call blocks until the run ends) while calling the other methods from its own
 * thread; none of the other methods may block for long. {@link #stop} may be called from any thread
 * while {@code run} blocks and makes that {@code run} return.
 *
 * <p><b>Errors:</b> run problems are reported as result codes (see {@link ResultCodes}), not
 * exceptions. An {@link EngineException} means the engine itself could not be reached.
 *
 * <pre>{@code
 * RunResult result = engine.run("HR", "DI");
 * if (result.runNumber().isPresent()) {
 *   RunDetails details = engine.runDetails("HR", result.runNumber().getAsLong()).orElseThrow();
 * }
 * }</pre>
 */
public interface SyncEngine extends AutoCloseable {

  /** A short name for logs, such as {@code embedded} or {@code mim}. */
  String name();

  /** Every management agent the engine knows, with partitions and run profiles. */
  List<ManagementAgent> managementAgents();

  /** What the MA is doing now and the number of its newest run. */
  EngineMaStatus status(String ma);

  /**
   * Runs {@code profile} on {@code ma} and blocks until the run ends.
   *
   * @return the result code and run number; a refusal to start is a result code such as {@link
   *     ResultCodes#NO_START_MA_ALREADY_RUNNING}, not an exception
   */
  RunResult run(String ma, String profile);

  /**
   * Asks a running run on {@code ma} to stop; the blocked {@link #run} call then returns {@code
   * stopped-user-termination-from-wmi-or-ui}. Does nothing when the MA is idle.
   */
  void stop(String ma);

  /** The run with this number, if the history still has it. */
  Optional<RunDetails> runDetails(String ma, long runNumber);

  /** Work waiting in the MA, per partition where the engine can tell. */
  PendingWork pendingWork(String ma);

  /**
   * How many objects the partition's connector space holds, for percentage thresholds; empty when
   * the engine cannot tell.
   */
  default OptionalLong connectorSpaceSize(String ma, String partition) {
    return OptionalLong.empty();
  }

  /** Releases connections; idempotent. */
  @Override
  default void close() {}
}
