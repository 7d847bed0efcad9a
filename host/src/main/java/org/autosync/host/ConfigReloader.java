package org.autosync.host;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Objects;
import java.util.function.Function;
import org.autosync.api.trigger.Cancellable;
import org.autosync.api.trigger.Scheduler;
import org.autosync.host.config.AutoSyncConfig;
import org.autosync.host.config.ConfigError;
import org.autosync.host.config.ConfigException;
import org.autosync.host.controller.ControllerEvent.Severity;
import org.autosync.host.controller.ControllerEvent.Type;
import org.autosync.host.controller.EventJournal;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the configuration file while AutoSync runs: when its content changes, it is loaded and
 * checked again; a valid edit is applied with {@link AutoSyncService#reconfigure} (only MAs whose
 * settings or triggers changed restart), an invalid one is rejected with every error and the
 * running configuration stays.
 *
 * <p>Checks run on the scheduler every {@link #DEFAULT_CHECK_INTERVAL}; content, not timestamps,
 * decides whether the file changed. Thread-safe; {@link #close} is idempotent.
 */
public final class ConfigReloader implements AutoCloseable {

  public static final Duration DEFAULT_CHECK_INTERVAL = Duration.ofSeconds(2);

  private static final Logger LOG = LoggerFactory.getLogger(ConfigReloader.class);

  private final Path file;
  private final Function<Path, AutoSyncConfig> loader;
  private final AutoSyncService service;
  private final EventJournal journal;
  private final InstantSource clock;
  private final Cancellable task;
  private AutoSyncConfig current;
  private @Nullable String lastText;

  /**
   * Starts watching.
   *
   * @param loader loads and validates the file (throws {@link ConfigException})
   */
  public ConfigReloader(Path file, AutoSyncConfig current, Function<Path, AutoSyncConfig> loader,
      AutoSyncService service, EventJournal journal, Scheduler scheduler, InstantSource clock,
      Duration interval) {
    this.file = file;
    this.current = Objects.requireNonNull(current);
    this.loader = loader;
    this.service = service;
    this.journal = journal;
    this.clock = clock;
    this.lastText = read();
    this.task = scheduler.scheduleAtFixedRate(interval, interval, this::check);
  }

  /** Looks at the file now; applies or rejects a change. */
  public synchronized void check() {
    String text = read();
    if (text == null || text.equals(lastText)) {
      return;
    }
    lastText = text;
    AutoSyncConfig next;
    try {
      next = loader.apply(file);
    } catch (ConfigException e) {
      StringBuilder errors = new StringBuilder();
      for (ConfigError error : e.errors()) {
        errors.append("\n  ").append(error);
      }
      journal.publish(clock.instant(), Type.CONFIG_REJECTED, Severity.ALERT, null, null, null,
          "the edit of '" + file + "' is invalid; the running configuration stays:" + errors);
      return;
    }
    try {
      service.reconfigure(current, next);
      current = next;
    } catch (RuntimeException e) {
      LOG.error("Applying the edit of '{}' failed", file, e);
      journal.publish(clock.instant(), Type.CONFIG_REJECTED, Severity.ALERT, null, null, null,
          "the edit of '" + file + "' could not be applied: " + e.getMessage());
    }
  }

  /** The configuration in force. */
  public synchronized AutoSyncConfig current() {
    return current;
  }

  private @Nullable String read() {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      LOG.warn("Cannot read '{}' to check for edits: {}", file, e.toString());
      return null;
    }
  }

  @Override
  public void close() {
    task.cancel();
  }
}
