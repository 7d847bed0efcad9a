package org.autosync.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.autosync.api.engine.ManagementAgent;
import org.autosync.api.engine.PartitionWork;
import org.autosync.api.engine.PendingWork;
import org.autosync.api.engine.RunDetails;
import org.autosync.api.engine.RunProfile;
import org.jspecify.annotations.Nullable;

/**
 * One MA of the fake engine: its description, partition counts and run history. Not thread-safe:
 * guarded by the engine's lock.
 */
final class MaState {
  final ManagementAgent agent;
  final List<PartitionState> partitions;
  final PendingWorkMode pendingWorkMode;
  private final List<RunDetails> history = new ArrayList<>();

  MaState(ManagementAgent agent, long connectorSpaceSize, PendingWorkMode pendingWorkMode) {
    this.agent = agent;
    this.pendingWorkMode = pendingWorkMode;
    this.partitions = agent.partitions().stream()
        .map(p -> new PartitionState(p.name(), connectorSpaceSize))
        .toList();
  }

  String name() {
    return agent.name();
  }

  /** The partition named (or with the id) {@code idOrName}; null when there is none. */
  @Nullable PartitionState partition(String idOrName) {
    for (int i = 0; i < partitions.size(); i++) {
      if (agent.partitions().get(i).matches(idOrName)) {
        return partitions.get(i);
      }
    }
    return null;
  }

  PartitionState requirePartition(String idOrName) {
    PartitionState p = partition(idOrName);
    if (p == null) {
      throw new IllegalArgumentException("Management agent '" + name() + "' has no partition '"
          + idOrName + "'; known: " + partitions.stream().map(s -> s.name).toList());
    }
    return p;
  }

  Optional<RunProfile> profile(String name) {
    return agent.profile(name);
  }

  long lastRunNumber() {
    return history.size();
  }

  @Nullable RunDetails lastRun() {
    return history.isEmpty() ? null : history.getLast();
  }

  /** Adds a run to the history under the next number; returns that number. */
  long record(RunDetails details) {
    history.add(details);
    return history.size();
  }

  long nextRunNumber() {
    return history.size() + 1L;
  }

  Optional<RunDetails> run(long runNumber) {
    if (runNumber < 1 || runNumber > history.size()) {
      return Optional.empty();
    }
    return Optional.of(history.get((int) (runNumber - 1)));
  }

  PendingWork pendingWork() {
    return switch (pendingWorkMode) {
      case UNKNOWN -> PendingWork.unknown(name());
      case PER_PARTITION -> new PendingWork(name(), partitions.stream()
          .map(p -> PartitionWork.of(p.name, p.staged, p.pendingExports, p.unconfirmed))
          .toList());
      case MA_WIDE -> new PendingWork(name(), List.of(PartitionWork.of(null,
          partitions.stream().mapToLong(p -> p.staged).sum(),
          partitions.stream().mapToLong(p -> p.pendingExports).sum(),
          partitions.stream().mapToLong(p -> p.unconfirmed).sum())));
    };
  }

  boolean isQuiet() {
    return partitions.stream().allMatch(PartitionState::isQuiet);
  }
}
