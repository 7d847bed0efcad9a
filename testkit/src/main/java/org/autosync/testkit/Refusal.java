package org.autosync.testkit;

import java.util.Map;
import java.util.Objects;
import org.autosync.api.engine.ResultCodes;

/**
 * A run the {@link FakeEngine} refused to start by its own rules: the MA was already running, a
 * sync was asked for while another sync ran, or the MA or profile does not exist. Scripted {@code
 * no-start-*} results are not refusals of this kind.
 *
 * <pre>{@code
 * assertEquals(List.of(), engine.refusals(), "the controller broke an engine rule");
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param ma the MA the run was asked for
 * @param profile the profile asked for
 * @param reason the result code returned, such as {@link ResultCodes#NO_START_MA_ALREADY_RUNNING}
 * @param running the runs in progress at that moment, profile by MA
 * @param outside whether the refused run came from {@link FakeEngine#startOutside}
 * @param seq the engine-wide sequence number at the refusal (see {@link RunRecord})
 */
public record Refusal(
    String ma, String profile, String reason, Map<String, String> running, boolean outside,
    long seq) {

  public Refusal {
    Objects.requireNonNull(ma, "ma");
    Objects.requireNonNull(profile, "profile");
    Objects.requireNonNull(reason, "reason");
    running = Map.copyOf(running);
  }

  /** Whether the refusal enforced a concurrency rule (rather than naming something unknown). */
  public boolean isConcurrency() {
    return reason.equals(ResultCodes.NO_START_MA_ALREADY_RUNNING)
        || reason.equals(ResultCodes.NO_START_SYNC_ALREADY_RUNNING);
  }

  @Override
  public String toString() {
    return "refused '" + profile + "' on '" + ma + "': " + reason + " while running " + running
        + (outside ? " (outside)" : "");
  }
}
