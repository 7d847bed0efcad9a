package org.autosync.api.engine;

/**
 * The engine could not be reached or answered with something the adapter does not understand.
 * Problems of a run are result codes, not this exception. Thrown on whichever thread called the
 * engine; like any exception, safe to hand to another thread once thrown.
 */
public class EngineException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public EngineException(String message) {
    super(message);
  }

  public EngineException(String message, Throwable cause) {
    super(message, cause);
  }
}
