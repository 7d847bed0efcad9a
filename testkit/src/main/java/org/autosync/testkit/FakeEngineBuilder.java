package org.autosync.testkit;

import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import org.autosync.api.engine.ResultCodes;
import org.jspecify.annotations.Nullable;

/**
 * Describes a {@link FakeEngine}: its management agents, the flows between them, and its clock.
 *
 * <pre>{@code
 * FakeEngine engine = FakeEngine.builder()
 *     .ma("HR", ma -> ma.category("LDAP").standardProfiles())
 *     .ma("AD", ma -> ma.category("AD").partitions("DC=corp", "DC=res").standardProfiles())
 *     .ma("MIMS", ma -> ma.category("FIM").standardProfiles()
 *         .profile(RunProfile.of("custom", StepKind.DELTA_IMPORT, "default")))
 *     .flow("HR", "AD")                  // into AD's first partition, DC=corp
 *     .flow("HR", "MIMS")
 *     .clock(manualClock)                // run-history timestamps; default: the system clock
 *     .build();
 * }</pre>
 *
 * <p><b>Threading:</b> not thread-safe; build on one thread. The engine it builds is thread-safe.
 */
public final class FakeEngineBuilder {

  /** The duration of unscripted runs unless set otherwise: none at all. */
  public static final Duration DEFAULT_DURATION = Duration.ZERO;

  /** The result of unscripted runs unless set otherwise. */
  public static final String DEFAULT_RESULT = ResultCodes.SUCCESS;

  private final Map<String, FakeMaBuilder> mas = new LinkedHashMap<>();
  private final List<FlowSpec> flows = new ArrayList<>();
  private InstantSource clock = InstantSource.system();
  private BiFunction<String, String, Duration> defaultDuration = (ma, p) -> DEFAULT_DURATION;
  private BiFunction<String, String, String> defaultResult = (ma, p) -> DEFAULT_RESULT;

  FakeEngineBuilder() {}

  /** Adds an MA described by {@code spec}. MA names are matched exactly, as engines do. */
  public FakeEngineBuilder ma(String name, Consumer<FakeMaBuilder> spec) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(spec, "spec");
    if (name.isBlank()) {
      throw new IllegalArgumentException("A management agent needs a name");
    }
    if (mas.containsKey(name)) {
      throw new IllegalArgumentException("Management agent '" + name + "' is described twice");
    }
    FakeMaBuilder ma = new FakeMaBuilder(name);
    spec.accept(ma);
    mas.put(name, ma);
    return this;
  }

  /** Adds an MA with one partition {@code default} and the standard profiles FI, DI, FS, DS, E. */
  public FakeEngineBuilder ma(String name) {
    return ma(name, FakeMaBuilder::standardProfiles);
  }

  /** Synchronizing {@code source}'s staged changes produces exports in {@code target}'s first partition. */
  public FakeEngineBuilder flow(String source, String target) {
    flows.add(new FlowSpec(source, target, null));
    return this;
  }

  /** Synchronizing {@code source}'s staged changes produces exports in {@code targetPartition}. */
  public FakeEngineBuilder flow(String source, String target, String targetPartition) {
    flows.add(new FlowSpec(source, target, Objects.requireNonNull(targetPartition, "partition")));
    return this;
  }

  /** Where run-history timestamps come from; the default is the system clock. */
  public FakeEngineBuilder clock(InstantSource value) {
    this.clock = Objects.requireNonNull(value, "clock");
    return this;
  }

  /** See {@link FakeEngine#defaultDuration}. */
  public FakeEngineBuilder defaultDuration(BiFunction<String, String, Duration> value) {
    this.defaultDuration = Objects.requireNonNull(value, "defaultDuration");
    return this;
  }

  /** See {@link FakeEngine#defaultResult}. */
  public FakeEngineBuilder defaultResult(BiFunction<String, String, String> value) {
    this.defaultResult = Objects.requireNonNull(value, "defaultResult");
    return this;
  }

  /**
   * Builds the engine.
   *
   * @throws IllegalArgumentException when a flow names an unknown MA or partition, or a profile an
   *     unknown partition
   */
  public FakeEngine build() {
    Map<String, MaState> states = new LinkedHashMap<>();
    mas.forEach((name, spec) -> states.put(name, spec.build()));
    List<Flow> resolved = new ArrayList<>();
    for (FlowSpec f : flows) {
      MaState source = states.get(f.source());
      MaState target = states.get(f.target());
      if (source == null || target == null) {
        throw new IllegalArgumentException("Flow '" + f.source() + "' -> '" + f.target()
            + "' names an unknown management agent; known: " + states.keySet());
      }
      if (source == target) {
        throw new IllegalArgumentException("Flow '" + f.source() + "' -> '" + f.target()
            + "' flows into itself; a flow joins two different MAs");
      }
      String partition = f.targetPartition() == null
          ? target.partitions.getFirst().name
          : target.requirePartition(f.targetPartition()).name;
      resolved.add(new Flow(f.source(), f.target(), partition));
    }
    return new FakeEngine(new FakeModel(states, resolved), clock, defaultDuration, defaultResult);
  }

  private record FlowSpec(String source, String target, @Nullable String targetPartition) {}
}
