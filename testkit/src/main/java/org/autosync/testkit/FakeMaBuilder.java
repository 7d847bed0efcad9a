package org.autosync.testkit;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.autosync.api.engine.ManagementAgent;
import org.autosync.api.engine.Partition;
import org.autosync.api.engine.ProfileStep;
import org.autosync.api.engine.RunProfile;
import org.autosync.api.engine.StepKind;

/**
 * Describes one management agent of a {@link FakeEngine}, inside {@link FakeEngineBuilder#ma}.
 *
 * <pre>{@code
 * FakeEngine.builder()
 *     .ma("AD", ma -> ma.category("AD")
 *         .partitions("DC=corp", "DC=res")
 *         .standardProfiles()                        // FI:DC=corp, DI:DC=corp, ..., E:DC=res
 *         .profile(new RunProfile("DI+DS", List.of(
 *             new ProfileStep(StepKind.DELTA_IMPORT, "DC=corp"),
 *             new ProfileStep(StepKind.DELTA_SYNC, "DC=corp"))))
 *         .pendingWorkMaWideOnly())                  // report pending work like MIM does
 *     .build();
 * }</pre>
 *
 * <p>Defaults: category empty (unknown), one partition {@code default}, no run profiles,
 * connector-space size {@value #DEFAULT_CONNECTOR_SPACE_SIZE} per partition, exact pending work per
 * partition, no capabilities or connection hints.
 *
 * <p><b>Threading:</b> not thread-safe; use it on one thread while building the engine.
 */
public final class FakeMaBuilder {

  /** The connector-space size of each partition unless set otherwise. */
  public static final long DEFAULT_CONNECTOR_SPACE_SIZE = 100;

  private static final List<StepKind> STANDARD_KINDS = List.of(StepKind.FULL_IMPORT,
      StepKind.DELTA_IMPORT, StepKind.FULL_SYNC, StepKind.DELTA_SYNC, StepKind.EXPORT);

  private final String name;
  private String category = "";
  private List<String> partitions = List.of(Partition.DEFAULT);
  private boolean standardProfiles;
  private final List<RunProfile> profiles = new ArrayList<>();
  private long connectorSpaceSize = DEFAULT_CONNECTOR_SPACE_SIZE;
  private PendingWorkMode pendingWorkMode = PendingWorkMode.PER_PARTITION;
  private final Set<String> capabilities = new LinkedHashSet<>();
  private final Map<String, String> hints = new LinkedHashMap<>();

  FakeMaBuilder(String name) {
    this.name = name;
  }

  /** The MA's category, such as {@code AD}, {@code LDAP} or {@code FIM}. */
  public FakeMaBuilder category(String value) {
    this.category = Objects.requireNonNull(value, "category");
    return this;
  }

  /** The MA's partitions by name, in order; the first is the default flow target. */
  public FakeMaBuilder partitions(String... names) {
    if (names.length == 0) {
      throw new IllegalArgumentException("Management agent '" + name + "' needs a partition");
    }
    Set<String> unique = new LinkedHashSet<>();
    for (String n : names) {
      if (!unique.add(Objects.requireNonNull(n, "partition").toLowerCase(Locale.ROOT))) {
        throw new IllegalArgumentException(
            "Management agent '" + name + "' lists partition '" + n + "' twice");
      }
    }
    this.partitions = List.of(names);
    return this;
  }

  /**
   * Adds single-step profiles for each partition: {@code FI}, {@code DI}, {@code FS}, {@code DS},
   * {@code E} when the MA has one partition, {@code FI:<partition>}, {@code DI:<partition>}, ...
   * when it has several. Order with {@link #partitions} does not matter.
   */
  public FakeMaBuilder standardProfiles() {
    this.standardProfiles = true;
    return this;
  }

  /** Adds a profile; its steps must name partitions of this MA. */
  public FakeMaBuilder profile(RunProfile profile) {
    profiles.add(Objects.requireNonNull(profile, "profile"));
    return this;
  }

  /** Sets the connector-space size of every partition. */
  public FakeMaBuilder connectorSpaceSize(long size) {
    if (size < 0) {
      throw new IllegalArgumentException("A connector space cannot hold " + size + " objects");
    }
    this.connectorSpaceSize = size;
    return this;
  }

  /** Makes {@link FakeEngine#pendingWork} answer {@code PendingWork.unknown}. */
  public FakeMaBuilder pendingWorkUnknown() {
    this.pendingWorkMode = PendingWorkMode.UNKNOWN;
    return this;
  }

  /**
   * Makes {@link FakeEngine#pendingWork} answer one entry with a null partition that sums every
   * partition, as MIM's WMI interface does.
   */
  public FakeMaBuilder pendingWorkMaWideOnly() {
    this.pendingWorkMode = PendingWorkMode.MA_WIDE;
    return this;
  }

  /** Adds engine-specific capability names to the MA's description. */
  public FakeMaBuilder capabilities(String... names) {
    capabilities.addAll(List.of(names));
    return this;
  }

  /** Adds a connection hint (such as {@code host} or {@code baseDn}) for triggers. */
  public FakeMaBuilder connectionHint(String key, String value) {
    hints.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
    return this;
  }

  MaState build() {
    List<Partition> parts = partitions.stream().map(Partition::named).toList();
    List<RunProfile> all = new ArrayList<>();
    if (standardProfiles) {
      for (String p : partitions) {
        for (StepKind kind : STANDARD_KINDS) {
          String base = abbreviation(kind);
          all.add(RunProfile.of(partitions.size() == 1 ? base : base + ":" + p, kind, p));
        }
      }
    }
    all.addAll(profiles);
    Set<String> names = new LinkedHashSet<>();
    for (RunProfile profile : all) {
      if (!names.add(profile.name())) {
        throw new IllegalArgumentException(
            "Management agent '" + name + "' has two run profiles named '" + profile.name() + "'");
      }
      for (ProfileStep step : profile.steps()) {
        if (parts.stream().noneMatch(p -> p.matches(step.partition()))) {
          throw new IllegalArgumentException("Run profile '" + profile.name() + "' of '" + name
              + "' names partition '" + step.partition() + "'; the MA has " + partitions);
        }
      }
    }
    String id = "{" + UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8))
        .toString().toUpperCase(Locale.ROOT) + "}";
    ManagementAgent agent =
        new ManagementAgent(id, name, category, parts, all, capabilities, hints);
    return new MaState(agent, connectorSpaceSize, pendingWorkMode);
  }

  private static String abbreviation(StepKind kind) {
    return switch (kind) {
      case FULL_IMPORT -> "FI";
      case DELTA_IMPORT -> "DI";
      case FULL_SYNC -> "FS";
      case DELTA_SYNC -> "DS";
      case EXPORT -> "E";
      default -> throw new IllegalArgumentException("No standard profile for " + kind);
    };
  }
}
