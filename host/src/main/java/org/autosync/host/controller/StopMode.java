package org.autosync.host.controller;

/**
 * What stopping does with runs in progress.
 *
 * <p>Immutable and thread-safe.
 */
public enum StopMode {
  /** Start nothing new; let runs in progress end by themselves. */
  DRAIN,
  /** Start nothing new; stop runs in progress in the engine. */
  CANCEL
}
