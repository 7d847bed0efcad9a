package org.autosync.host.controller;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A management agent's status: state, detail (why), message (the last outcome), the current run,
 * and the queue.
 *
 * <p>Immutable and thread-safe.
 *
 * @param ma the MA's name
 * @param state what the controller is doing with it
 * @param detail why, such as "waiting: sync slot held by 'HR' running 'DS'"
 * @param message the last outcome, such as "run 12 'DI' ended success"
 * @param currentRun the run in progress; null if none
 * @param queue queued runs, next first
 * @param setAside runs a controller script vetoed, asked about again later
 */
public record MaStatus(
    String ma,
    MaState state,
    String detail,
    String message,
    @Nullable CurrentRun currentRun,
    List<QueuedItem> queue,
    List<SetAside> setAside) {

  public MaStatus {
    Objects.requireNonNull(ma, "ma");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(detail, "detail");
    Objects.requireNonNull(message, "message");
    queue = List.copyOf(queue);
    setAside = List.copyOf(setAside);
  }

  /**
   * A run in progress.
   *
   * @param profile the run profile
   * @param started when it started (for outside runs: when AutoSync noticed it)
   * @param outside whether someone other than AutoSync started it
   * @param reason why it runs
   */
  public record CurrentRun(String profile, Instant started, boolean outside, String reason) {}

  /**
   * A queued run.
   *
   * @param profile the run profile
   * @param exclusive whether it must run alone
   * @param reasons why it was asked for (several when requests were coalesced)
   * @param notBefore earliest start for a retry; null if none
   */
  public record QueuedItem(String profile, boolean exclusive, List<String> reasons,
      @Nullable Instant notBefore) {
    public QueuedItem {
      reasons = List.copyOf(reasons);
    }
  }

  /**
   * A run a controller script vetoed, set aside until the script is asked again.
   *
   * @param profile the run profile
   * @param exclusive whether it must run alone
   * @param reasons why it was asked for
   * @param veto the script's reason for the last veto
   * @param askAgainAt when it is queued again to ask the script once more; null if unknown
   */
  public record SetAside(String profile, boolean exclusive, List<String> reasons, String veto,
      @Nullable Instant askAgainAt) {
    public SetAside {
      reasons = List.copyOf(reasons);
    }
  }
}
