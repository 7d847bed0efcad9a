package org.autosync.host.controller;

/**
 * How runs of different management agents may overlap.
 *
 * <p>Immutable and thread-safe.
 */
public enum RunMode {
  /**
   * Microsoft's supported stance and the default: a profile with a synchronization step runs
   * alone; imports and exports of different MAs may overlap each other.
   */
  SUPPORTED,
  /** Every run runs alone. */
  EXCLUSIVE,
  /** Synchronizations are serialised among themselves but may overlap imports and exports. */
  UNSUPPORTED
}
