package org.autosync.api.engine;

/**
 * Told by a {@link RunEventSource} when runs start and end, whoever started them.
 *
 * <p>Called on the engine's threads; implementations return quickly and never block.
 */
public interface RunListener {

  /** A run of {@code profile} started on {@code ma}. */
  void runStarted(String ma, String profile);

  /** A run on {@code ma} ended; its details are in the history under {@code runNumber}. */
  void runEnded(String ma, long runNumber, String result);
}
