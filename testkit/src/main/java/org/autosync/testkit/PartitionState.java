package org.autosync.testkit;

/**
 * The fake engine's counts for one partition of one MA. Not thread-safe: guarded by the engine's
 * lock.
 */
final class PartitionState {
  final String name;
  long changesInSystem;
  long staged;
  long stagedEchoes;
  long pendingExports;
  long unconfirmed;
  long connectorSpaceSize;

  PartitionState(String name, long connectorSpaceSize) {
    this.name = name;
    this.connectorSpaceSize = connectorSpaceSize;
  }

  boolean isQuiet() {
    return changesInSystem == 0 && staged == 0 && pendingExports == 0 && unconfirmed == 0;
  }

  @Override
  public String toString() {
    return "'" + name + "': system=" + changesInSystem + " staged=" + staged
        + " (echoes " + stagedEchoes + ") pending=" + pendingExports
        + " unconfirmed=" + unconfirmed;
  }
}
