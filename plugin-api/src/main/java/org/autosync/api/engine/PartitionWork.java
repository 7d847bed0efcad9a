package org.autosync.api.engine;

import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/**
 * Work waiting in one partition of an MA (or in the whole MA, where the engine cannot split by
 * partition). Each count is empty when the engine cannot tell.
 *
 * <p>Immutable and thread-safe.
 *
 * @param partition the partition's name; null when the counts cover every partition of the MA
 * @param stagedImports connector-space objects with a pending import, waiting for a sync
 * @param pendingExports objects with a pending (unapplied) export, waiting for an export
 * @param unconfirmedExports exported changes not yet confirmed by an import
 */
public record PartitionWork(
    @Nullable String partition,
    OptionalLong stagedImports,
    OptionalLong pendingExports,
    OptionalLong unconfirmedExports) {

  /** Counts known for a partition. */
  public static PartitionWork of(@Nullable String partition, long staged, long pending,
      long unconfirmed) {
    return new PartitionWork(partition, OptionalLong.of(staged), OptionalLong.of(pending),
        OptionalLong.of(unconfirmed));
  }

  /** Whether the counts cover the whole MA rather than one partition. */
  public boolean wholeMa() {
    return partition == null;
  }
}
