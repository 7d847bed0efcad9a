package org.autosync.api;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A request to run a profile on a management agent: the one thing triggers, follow-up planning and
 * operators hand to the execution controller.
 *
 * <p>A request names either a run profile ({@link #profileName}) or a {@link ProfileType} with an
 * optional partition; a type is resolved through the management agent's per-partition profile
 * mapping. When a type is given without a partition, the controller queues one run for every
 * partition that maps that type. A request that cannot be resolved is dropped with a visible
 * reason, never silently.
 *
 * <p>{@code exclusive} asks for the run to run alone (nothing else runs on any MA meanwhile);
 * {@code front} puts it at the head of the MA's queue (run next).
 *
 * <pre>{@code
 * context.fire(ExecutionRequest.ofType("HR", ProfileType.DELTA_IMPORT)
 *     .withSource(RequestSource.trigger("hr-changes", "3 entries changed")));
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public record ExecutionRequest(
    String ma,
    @Nullable String profileName,
    @Nullable ProfileType profileType,
    @Nullable String partition,
    boolean exclusive,
    boolean front,
    RequestSource source) {

  public ExecutionRequest {
    Objects.requireNonNull(ma, "ma");
    Objects.requireNonNull(source, "source");
    if (ma.isBlank()) {
      throw new IllegalArgumentException("ma must not be blank");
    }
    if ((profileName == null) == (profileType == null)) {
      throw new IllegalArgumentException(
          "A request names either a profile name or a profile type, not "
              + (profileName == null ? "neither" : "both")
              + " (ma '" + ma + "')");
    }
    if (profileName != null && profileName.isBlank()) {
      throw new IllegalArgumentException("profileName must not be blank (ma '" + ma + "')");
    }
    if (profileName != null && partition != null) {
      throw new IllegalArgumentException(
          "A partition can only be given with a profile type; profile '"
              + profileName + "' already names its partitions (ma '" + ma + "')");
    }
  }

  private static final RequestSource UNSPECIFIED = RequestSource.operator("unspecified", "");

  /** A request for the profile named {@code profileName}. */
  public static ExecutionRequest ofProfile(String ma, String profileName) {
    return new ExecutionRequest(ma, profileName, null, null, false, false, UNSPECIFIED);
  }

  /** A request for a profile type on every partition that maps it. */
  public static ExecutionRequest ofType(String ma, ProfileType type) {
    return new ExecutionRequest(ma, null, type, null, false, false, UNSPECIFIED);
  }

  /** A request for a profile type on one partition. */
  public static ExecutionRequest ofType(String ma, ProfileType type, @Nullable String partition) {
    return new ExecutionRequest(ma, null, type, partition, false, false, UNSPECIFIED);
  }

  public ExecutionRequest withExclusive(boolean value) {
    return new ExecutionRequest(ma, profileName, profileType, partition, value, front, source);
  }

  public ExecutionRequest withFront(boolean value) {
    return new ExecutionRequest(ma, profileName, profileType, partition, exclusive, value, source);
  }

  public ExecutionRequest withSource(RequestSource value) {
    return new ExecutionRequest(ma, profileName, profileType, partition, exclusive, front, value);
  }

  /** What is asked for, for messages: a profile name, or type and partition. */
  public String describeTarget() {
    if (profileName != null) {
      return "'" + profileName + "'";
    }
    return profileType + (partition == null ? "" : " on '" + partition + "'");
  }

  @Override
  public String toString() {
    return "'" + ma + "' " + describeTarget()
        + (exclusive ? " exclusive" : "")
        + (front ? " front" : "")
        + " (" + source + ")";
  }
}
