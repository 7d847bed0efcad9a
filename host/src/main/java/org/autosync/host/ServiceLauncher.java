package org.autosync.host;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import org.autosync.api.engine.EngineFactory;
import org.autosync.api.engine.SyncEngine;
import org.autosync.host.config.AutoSyncConfig;
import org.autosync.host.config.ConfigLoader;
import org.autosync.host.config.ConfigPrinter;
import org.autosync.host.controller.StopMode;
import org.autosync.host.plugins.PluginHost;
import org.autosync.host.trigger.SecretResolver;
import org.autosync.host.trigger.TriggerSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts AutoSync from a configuration file, in the order of DESIGN §3.7: load the plugins, load
 * and check the configuration (nothing starts on an invalid file), print the effective
 * configuration with secrets masked, create the engine, start the controller (reconciling), then
 * the triggers of enabled MAs, and watch the file for edits ({@link ConfigReloader}). Closing
 * stops it all in reverse.
 *
 * <p>Start and close from one thread.
 */
public final class ServiceLauncher implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ServiceLauncher.class);

  /** How long closing lets runs in progress end. */
  public static final Duration STOP_TIMEOUT = Duration.ofMinutes(2);

  private final PluginHost plugins;
  private final AutoSyncService service;
  private final ConfigReloader reloader;

  private ServiceLauncher(PluginHost plugins, AutoSyncService service, ConfigReloader reloader) {
    this.plugins = plugins;
    this.service = service;
    this.reloader = reloader;
  }

  /**
   * Loads everything and starts the service.
   *
   * @param configFile the configuration file
   * @param pluginsFolder the plugins folder (may be missing: class-path plugins only)
   * @param data where the engine and AutoSync keep state
   * @throws org.autosync.host.config.ConfigException listing every problem of the file
   */
  public static ServiceLauncher start(Path configFile, Path pluginsFolder, Path data) {
    PluginHost plugins = PluginHost.start(pluginsFolder);
    try {
      AutoSyncConfig config = ConfigLoader.load(configFile, plugins.triggerTypes(),
          plugins.engineTypes().keySet(), plugins.controllerScriptTypes());
      LOG.info("Effective configuration of '{}':\n{}", configFile, ConfigPrinter.print(config));
      Files.createDirectories(data);
      SecretResolver secrets = new SecretResolver();
      EngineFactory factory = plugins.engineTypes().get(config.engineType());
      SyncEngine engine = factory.create(config.engineSettings(),
          new HostEngineContext(data.resolve("engine"), InstantSource.system(), secrets));
      List<TriggerSpec> triggers = config.triggers().stream()
          .filter(t -> {
            var ma = config.controller().mas().get(t.config().ma());
            return ma != null && ma.enabled();
          })
          .toList();
      AutoSyncService service = AutoSyncService.builder(engine, config.controller(),
          data.resolve("state")).triggers(triggers).secrets(secrets)
          .controllerScripts(plugins::controllerScriptTypes).build();
      service.start();
      ConfigReloader reloader = new ConfigReloader(configFile, config,
          file -> ConfigLoader.load(file, plugins.triggerTypes(), plugins.engineTypes().keySet(),
              plugins.controllerScriptTypes()),
          service, service.controller().events(), service.scheduler(), InstantSource.system(),
          ConfigReloader.DEFAULT_CHECK_INTERVAL);
      return new ServiceLauncher(plugins, service, reloader);
    } catch (IOException e) {
      plugins.close();
      throw new UncheckedIOException("Cannot create the data folder '" + data + "'", e);
    } catch (RuntimeException e) {
      plugins.close();
      throw e;
    }
  }

  public AutoSyncService service() {
    return service;
  }

  /** The configuration in force (reloads included). */
  public AutoSyncConfig config() {
    return reloader.current();
  }

  public PluginHost plugins() {
    return plugins;
  }

  /** Stops the triggers, drains the controller, closes the engine and the plugins. */
  @Override
  public void close() {
    reloader.close();
    service.stop(StopMode.DRAIN, STOP_TIMEOUT);
    plugins.close();
  }
}
