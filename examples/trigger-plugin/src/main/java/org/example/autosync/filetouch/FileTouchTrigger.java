package org.example.autosync.filetouch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.autosync.api.ExecutionRequest;
import org.autosync.api.ProfileType;
import org.autosync.api.RequestSource;
import org.autosync.api.trigger.Cancellable;
import org.autosync.api.trigger.Trigger;
import org.autosync.api.trigger.TriggerContext;
import org.autosync.api.trigger.TriggerHealth;
import org.jspecify.annotations.Nullable;

/**
 * Looks at a file every {@code interval} on the host's scheduler and fires a delta import when its
 * modification time differs from the last one seen.
 *
 * <ul>
 *   <li>The last time seen is kept in the trigger's persisted state ({@value #LAST_MODIFIED}), so a
 *       file changed while AutoSync was stopped fires at the first look after start.
 *   <li>The very first look (no state yet) only records the time: the file is taken as already
 *       imported. Run a full import when you enable the MA.
 *   <li>A file that is missing or unreadable makes the trigger DEGRADED (with the reason) and
 *       fires nothing; when it is back with another time, it fires.
 * </ul>
 *
 * <p><b>Threading:</b> the host calls {@link #start} and {@link #stop} from its thread; each look
 * runs on a scheduler thread. A lock keeps a look and {@code stop} apart, so nothing fires after
 * {@code stop} returns. {@code stop} is idempotent.
 */
final class FileTouchTrigger implements Trigger {

  /** The state key of the last modification time seen (ISO-8601). */
  static final String LAST_MODIFIED = "lastModified";

  private final Path path;
  private final Duration interval;
  /** The interval as people write it, for messages. */
  private final String every;
  private final ReentrantLock lock = new ReentrantLock();
  private @Nullable TriggerContext context;
  private @Nullable Cancellable task;
  private boolean stopped;

  FileTouchTrigger(String path, Duration interval) {
    this.path = Path.of(path);
    this.interval = interval;
    this.every = interval.toMillis() % 1000 == 0 ? interval.toSeconds() + "s"
        : interval.toMillis() + "ms";
  }

  @Override
  public void start(TriggerContext context) {
    lock.lock();
    try {
      this.context = context;
      this.stopped = false;
      context.reportHealth(new TriggerHealth(TriggerHealth.State.STARTING,
          "watching '" + path + "' every " + every, null, null));
      task = context.scheduler().scheduleAtFixedRate(Duration.ZERO, interval, this::look);
    } finally {
      lock.unlock();
    }
  }

  /** One look at the file; never throws (a failing look is reported, the next one runs). */
  private void look() {
    lock.lock();
    try {
      TriggerContext context = this.context;
      if (stopped || context == null) {
        return;
      }
      Instant modified = Files.getLastModifiedTime(path).toInstant();
      Optional<String> seen = context.state().get(LAST_MODIFIED);
      if (seen.isPresent() && !seen.get().equals(modified.toString())) {
        context.log().info("'{}' changed (modified {}, last seen {}); requesting a delta import",
            path, modified, seen.get());
        context.fire(ExecutionRequest.ofType(context.managementAgent().name(),
                ProfileType.DELTA_IMPORT)
            .withSource(RequestSource.trigger(context.config().id(),
                "file '" + path + "' modified at " + modified)));
      } else {
        context.log().debug("'{}' unchanged (modified {})", path, modified);
      }
      context.state().put(LAST_MODIFIED, modified.toString());
      context.reportHealth(new TriggerHealth(TriggerHealth.State.HEALTHY,
          "watching '" + path + "' every " + every, modified, null));
    } catch (NoSuchFileException e) {
      degraded(this.context, "file '" + path + "' does not exist");
    } catch (IOException | RuntimeException e) {
      degraded(this.context, "cannot read the modification time of '" + path + "': " + e);
    } finally {
      lock.unlock();
    }
  }

  private void degraded(@Nullable TriggerContext context, String reason) {
    if (context == null) {
      return;
    }
    context.log().warn("{}; looking again in {}", reason, every);
    context.reportHealth(new TriggerHealth(TriggerHealth.State.DEGRADED, reason, null, reason));
  }

  @Override
  public void stop() {
    lock.lock();
    try {
      stopped = true;
      if (task != null) {
        task.cancel();
        task = null;
      }
    } finally {
      lock.unlock();
    }
  }
}
