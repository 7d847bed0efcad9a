package org.autosync.host.controller;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.autosync.api.RequestSource;
import org.autosync.api.engine.RunProfile;
import org.jspecify.annotations.Nullable;

/**
 * A resolved request waiting in an MA's queue. Confined to the controller thread.
 */
final class QueuedRun {
  final String ma;
  final RunProfile profile;
  final boolean exclusive;
  final List<RequestSource> sources = new ArrayList<>();
  /** Position in the global line: lower runs first among MAs; follow-ups inherit their cause's. */
  long orderKey;
  @Nullable Instant notBefore;
  int retryAttempts;
  int busyAttempts;
  @Nullable String waitReason;
  /** Whether controller scripts are being asked about it now. */
  boolean asking;
  /** Whether they let it run: holds for the admission right after their answer only. */
  boolean approved;
  /** The last veto, to tell a repeated veto from a new one. */
  @Nullable String vetoReason;

  QueuedRun(String ma, RunProfile profile, boolean exclusive, RequestSource source,
      long orderKey) {
    this.ma = ma;
    this.profile = profile;
    this.exclusive = exclusive;
    this.sources.add(source);
    this.orderKey = orderKey;
  }

  boolean sameWorkAs(QueuedRun other) {
    return profile.name().equals(other.profile.name()) && exclusive == other.exclusive;
  }

  /** Takes over another request's sources and place in line. */
  void absorb(QueuedRun other) {
    sources.addAll(other.sources);
    orderKey = Math.min(orderKey, other.orderKey);
  }

  String reasons() {
    return sources.size() == 1
        ? sources.getFirst().toString()
        : sources.getFirst() + " (+" + (sources.size() - 1) + " coalesced)";
  }

  MaStatus.SetAside setAsideView(@Nullable Instant askAgainAt) {
    return new MaStatus.SetAside(profile.name(), exclusive,
        sources.stream().map(RequestSource::toString).toList(),
        vetoReason == null ? "" : vetoReason, askAgainAt);
  }

  MaStatus.QueuedItem view() {
    return new MaStatus.QueuedItem(profile.name(), exclusive,
        sources.stream().map(RequestSource::toString).toList(), notBefore);
  }

  @Override
  public String toString() {
    return "'" + ma + "' '" + profile.name() + "'" + (exclusive ? " exclusive" : "");
  }
}
