package org.autosync.host.controller;

/**
 * What the controller is doing with a management agent.
 *
 * <p>Immutable and thread-safe.
 */
public enum MaState {
  /** Not enabled in configuration: nothing runs. */
  DISABLED,
  /** Stopped by an operator or not started yet: requests are dropped. */
  STOPPED,
  /** Nothing queued, nothing running. */
  IDLE,
  /** Requests queued; the status detail says why the first one is not running yet. */
  WAITING,
  /** A run started by AutoSync is in progress. */
  RUNNING,
  /** A run started outside AutoSync is in progress; AutoSync waits for it. */
  OUTSIDE_RUN,
  /** Paused by an operator: requests keep coalescing and run after resume. */
  PAUSED,
  /**
   * Halted by a safety rule (a breached threshold, a controller script) or an operator, or the
   * whole service is halted: waits for an operator to resume it (or the service).
   */
  HALTED
}
