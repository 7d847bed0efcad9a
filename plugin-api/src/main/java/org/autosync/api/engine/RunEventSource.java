package org.autosync.api.engine;

/**
 * Optional capability of a {@link SyncEngine} that reports runs as they start and end, including
 * runs started outside AutoSync. Without it the controller notices outside runs by polling the
 * engine's status and run numbers.
 *
 * <p>Thread-safe.
 */
public interface RunEventSource {

  /**
   * Registers a listener until the returned handle is closed.
   *
   * @return closing it unsubscribes; closing twice is harmless
   */
  AutoCloseable subscribe(RunListener listener);
}
