package org.autosync.api.trigger;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.autosync.api.ExecutionRequest;
import org.autosync.api.ProfileType;
import org.autosync.api.RequestSource;
import org.jspecify.annotations.Nullable;

/**
 * What a trigger runs: a run profile by name, or a profile type with an optional partition, plus
 * the {@code exclusive} and {@code front} flags — the same parameters for every trigger type that
 * lets the operator choose. Add {@link #PARAMETERS} to the type's descriptors, call {@link #check}
 * from {@code validate}, and {@link #from} when creating the trigger:
 *
 * <pre>{@code
 * RunTarget target = RunTarget.from(config);
 * context.fire(target.request(config.ma(), RequestSource.trigger(config.id(), "every 5m")));
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param profile the run profile's name; null when a type is given
 * @param type the profile type; null when a profile is given
 * @param partition with a type, the partition to run it on; null for every partition that maps it
 * @param exclusive whether the run must run alone
 * @param front whether the run goes to the head of the MA's queue
 */
public record RunTarget(
    @Nullable String profile,
    @Nullable ProfileType type,
    @Nullable String partition,
    boolean exclusive,
    boolean front) {

  public static final String PROFILE = "profile";
  public static final String PROFILE_TYPE = "profileType";
  public static final String PARTITION = "partition";
  public static final String EXCLUSIVE = "exclusive";
  public static final String FRONT = "front";

  /** The profile type run when neither {@code profile} nor {@code profileType} is set. */
  public static final ProfileType DEFAULT_PROFILE_TYPE = ProfileType.DELTA_IMPORT;

  /** The common parameters, in the order they are documented. */
  public static final List<ParameterDescriptor> PARAMETERS = List.of(
      ParameterDescriptor.optional(PROFILE, ParameterType.STRING, null,
          "The run profile to run, by name; instead of profileType"),
      ParameterDescriptor.oneOf(PROFILE_TYPE, DEFAULT_PROFILE_TYPE.label(),
          "The kind of profile to run, through the MA's profile mapping; instead of profile",
          Arrays.stream(ProfileType.values()).map(ProfileType::label).toList()),
      ParameterDescriptor.optional(PARTITION, ParameterType.STRING, null,
          "With profileType: the partition to run it on; default every partition that maps it"),
      ParameterDescriptor.optional(EXCLUSIVE, ParameterType.BOOLEAN, "false",
          "Run alone: nothing else runs on any MA meanwhile"),
      ParameterDescriptor.optional(FRONT, ParameterType.BOOLEAN, "false",
          "Put the run at the head of the MA's queue"));

  public RunTarget {
    if ((profile == null) == (type == null)) {
      throw new IllegalArgumentException("Give either a profile or a profile type");
    }
    if (profile != null && partition != null) {
      throw new IllegalArgumentException("A partition goes with a profile type only");
    }
  }

  /**
   * Adds the problems across the common parameters to {@code problems}: both {@code profile} and
   * {@code profileType} set, a blank profile, a partition without a profile type.
   *
   * @param values the configuration block as written, before defaults are filled in
   */
  public static void check(Map<String, String> values, List<ConfigProblem> problems) {
    String profile = values.get(PROFILE);
    if (profile != null && values.containsKey(PROFILE_TYPE)) {
      problems.add(new ConfigProblem(PROFILE, "cannot be set together with " + PROFILE_TYPE
          + "; set profile to run a run profile by name, or profileType to run the MA's profile"
          + " of that kind, not both"));
    }
    if (profile != null && profile.isBlank()) {
      problems.add(new ConfigProblem(PROFILE, "must not be blank"));
    }
    if (profile != null && values.containsKey(PARTITION)) {
      problems.add(new ConfigProblem(PARTITION, "can only be given with " + PROFILE_TYPE
          + "; the run profile '" + profile + "' already names its partitions"));
    }
    String partition = values.get(PARTITION);
    if (partition != null && partition.isBlank()) {
      problems.add(new ConfigProblem(PARTITION, "must not be blank"));
    }
  }

  /** The target a validated configuration (defaults filled in) names. */
  public static RunTarget from(TriggerConfig config) {
    String profile = config.value(PROFILE).map(String::strip).orElse(null);
    String partition = config.value(PARTITION).map(String::strip).orElse(null);
    ProfileType type = profile != null ? null
        : config.value(PROFILE_TYPE).map(ProfileType::parse).orElse(DEFAULT_PROFILE_TYPE);
    boolean exclusive = config.value(EXCLUSIVE).map(ParameterValues::parseBoolean).orElse(false);
    boolean front = config.value(FRONT).map(ParameterValues::parseBoolean).orElse(false);
    return new RunTarget(profile, type, partition, exclusive, front);
  }

  /** The request to fire for {@code ma}, with {@code source}. */
  public ExecutionRequest request(String ma, RequestSource source) {
    Objects.requireNonNull(source, "source");
    ExecutionRequest base = profile != null
        ? ExecutionRequest.ofProfile(ma, profile)
        : ExecutionRequest.ofType(ma, Objects.requireNonNull(type), partition);
    return base.withExclusive(exclusive).withFront(front).withSource(source);
  }

  /** What is run, for logs: {@code 'Full import'}, or {@code DeltaImport on 'default'}. */
  public String describe() {
    String what = profile != null
        ? "'" + profile + "'"
        : type + (partition == null ? "" : " on '" + partition + "'");
    return what + (exclusive ? " exclusive" : "") + (front ? " front" : "");
  }
}
