package org.autosync.trigger.directory;

import java.util.Objects;
import java.util.function.Function;
import org.autosync.api.engine.ManagementAgent;
import org.autosync.api.trigger.Trigger;
import org.autosync.api.trigger.TriggerContext;
import org.jspecify.annotations.Nullable;

/**
 * A trigger built at {@code start}, when the MA's description - and so its connection hints
 * (host, base DN, object classes) - arrives with the context. A configuration the hints cannot
 * complete fails the start with the reason (the host reports it and retries with backoff).
 *
 * <p><b>Threading:</b> as the trigger it builds; {@code stop} is idempotent.
 */
final class DeferredTrigger implements Trigger {

  private final Function<ManagementAgent, Trigger> build;
  private volatile @Nullable Trigger trigger;

  DeferredTrigger(Function<ManagementAgent, Trigger> build) {
    this.build = Objects.requireNonNull(build, "build");
  }

  @Override
  public void start(TriggerContext context) throws Exception {
    Trigger built = build.apply(context.managementAgent());
    trigger = built;
    built.start(context);
  }

  @Override
  public void stop() {
    Trigger built = trigger;
    if (built != null) {
      built.stop();
    }
  }

  /** The trigger built by start; null before. */
  @Nullable Trigger built() {
    return trigger;
  }
}
