package org.autosync.api.engine;

import java.util.List;
import java.util.Objects;

/**
 * Work waiting in an MA's connector space, as far as the engine can tell: one entry per partition,
 * or a single entry with a null partition when the engine only knows MA-wide counts.
 *
 * <p>Immutable and thread-safe.
 */
public record PendingWork(String ma, List<PartitionWork> partitions) {

  public PendingWork {
    Objects.requireNonNull(ma, "ma");
    partitions = List.copyOf(partitions);
  }

  /** An engine that can tell nothing about pending work. */
  public static PendingWork unknown(String ma) {
    return new PendingWork(ma, List.of());
  }
}
