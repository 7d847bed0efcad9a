package org.autosync.engine.embedded.model;

/**
 * Where the engine's state lives between runs. A step's changes are committed together or not at
 * all, so that a process killed at any moment restarts from the last committed step.
 *
 * <p>Used by one thread at a time (the engine holds its data lock).
 */
public interface EngineStore extends AutoCloseable {

  /** Fills {@code data} with the committed state. */
  void load(EngineData data);

  /**
   * Commits a step's changes atomically.
   *
   * @throws StoreException when nothing could be committed
   */
  void commit(EngineData.Changes changes);

  @Override
  void close();

  /** A store that keeps nothing: state lives only as long as the engine. */
  static EngineStore inMemory() {
    return new EngineStore() {
      @Override
      public void load(EngineData data) {}

      @Override
      public void commit(EngineData.Changes changes) {}

      @Override
      public void close() {}
    };
  }

  /** The store failed; the step is not committed. */
  class StoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StoreException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
