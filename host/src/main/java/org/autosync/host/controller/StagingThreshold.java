package org.autosync.host.controller;

import java.util.Locale;
import java.util.Objects;
import org.autosync.api.engine.StagingCounters;
import org.jspecify.annotations.Nullable;

/**
 * A limit on what one import may stage: when a step stages more than this, the MA is halted until
 * an operator resumes it. Catches a source that suddenly deletes half the directory.
 *
 * <p>Immutable and thread-safe.
 *
 * @param operation which staging counter is limited
 * @param partition the partition it applies to; null for every partition
 * @param limit the largest allowed count (absolute), or percentage of the partition's connector
 *     space (when {@code percent})
 * @param percent whether {@code limit} is a percentage of the connector space
 */
public record StagingThreshold(
    Operation operation, @Nullable String partition, double limit, boolean percent) {

  /** A staging counter a threshold can limit. */
  public enum Operation {
    ADD,
    UPDATE,
    RENAME,
    DELETE,
    DELETE_ADD,
    /** add + update + rename + delete + delete-add. */
    TOTAL;

    long count(StagingCounters c) {
      return switch (this) {
        case ADD -> c.add();
        case UPDATE -> c.update();
        case RENAME -> c.rename();
        case DELETE -> c.delete();
        case DELETE_ADD -> c.deleteAdd();
        case TOTAL -> c.changes();
      };
    }

    String label() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  public StagingThreshold {
    Objects.requireNonNull(operation, "operation");
    if (!(limit >= 0)) {
      throw new IllegalArgumentException("threshold limit must be 0 or more, got " + limit);
    }
    if (percent && limit > 100) {
      throw new IllegalArgumentException("a percentage threshold is at most 100, got " + limit);
    }
  }

  public static StagingThreshold absolute(Operation operation, long limit) {
    return new StagingThreshold(operation, null, limit, false);
  }

  public static StagingThreshold percentage(Operation operation, double percent) {
    return new StagingThreshold(operation, null, percent, true);
  }

  public StagingThreshold forPartition(@Nullable String value) {
    return new StagingThreshold(operation, value, limit, percent);
  }

  boolean appliesTo(String stepPartition) {
    return partition == null || partition.equalsIgnoreCase(stepPartition);
  }

  String describeLimit() {
    return percent ? trim(limit) + "% of the connector space" : "limit " + trim(limit);
  }

  private static String trim(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }
}
