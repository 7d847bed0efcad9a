package org.autosync.host.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.InstantSource;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.autosync.api.engine.EngineFactory;
import org.autosync.api.engine.SyncEngine;
import org.autosync.host.HostEngineContext;
import org.autosync.host.config.AutoSyncConfig;
import org.autosync.host.config.ConfigException;
import org.autosync.host.config.ConfigLoader;
import org.autosync.host.config.StarterConfig;
import org.autosync.host.plugins.PluginHost;
import org.autosync.host.trigger.SecretResolver;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code autosync config init}: creates the engine from a file's {@code engine} block, asks it for
 * its MAs, and writes a starter configuration ({@link StarterConfig}) with every MA disabled.
 */
@Command(name = "init", mixinStandardHelpOptions = true,
    description = {"Writes a starter configuration from what the engine reports: profile mappings"
        + " discovered from single-step profiles, default triggers by MA category, every MA"
        + " disabled until you enable it.",
        "The engine is created from the engine block of --engine-config, a YAML file with at"
            + " least engine: {type: ..., settings: ...}."})
final class ConfigInit implements Callable<Integer> {

  @Option(names = "--engine-config", required = true, paramLabel = "FILE",
      description = "A YAML file with the engine block (an existing configuration will do).")
  Path engineConfig;

  @Option(names = {"-o", "--output"}, defaultValue = "autosync.yaml", paramLabel = "FILE",
      description = "Where to write the starter (default ${DEFAULT-VALUE}).")
  Path output;

  @Option(names = "--force", description = "Overwrite the output file if it exists.")
  boolean force;

  @Option(names = "--plugins", defaultValue = "plugins", description = "The plugins folder.")
  Path plugins;

  @Option(names = "--data", description = "Where the engine keeps state while it is asked"
      + " (default: a temporary folder, deleted afterwards).")
  @Nullable Path data;

  @Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (Files.exists(output) && !force) {
      err.println("Cannot write '" + output + "' because it exists; choose another file with"
          + " --output, or overwrite it with --force");
      return 1;
    }
    if (!Files.isRegularFile(engineConfig)) {
      err.println(engineConfig + ": no such file; --engine-config names a YAML file with at"
          + " least engine: {type: ..., settings: ...}");
      return 1;
    }
    try (PluginHost host = PluginHost.start(plugins)) {
      AutoSyncConfig source = ConfigLoader.load(engineConfig, host.triggerTypes(),
          host.engineTypes().keySet(), host.controllerScriptTypes());
      StarterConfig starter = ask(host.engineTypes().get(source.engineType()), source,
          host.triggerTypes().keySet());
      write(starter.text());
      out.println("Wrote " + output + " for engine '" + source.engineType() + "' with "
          + starter.summary().size() + " management agent(s), all disabled:");
      starter.summary().forEach(line -> out.println("  " + line));
      out.println("""
          Next:
            1. Read %1$s: check each MA's mappings and triggers.
            2. Enable MAs one at a time (enabled: true).
            3. Check the file:  autosync validate -c %1$s
            4. Run:             autosync run -c %1$s""".formatted(output));
      return 0;
    } catch (ConfigException e) {
      e.errors().forEach(err::println);
      return 1;
    } catch (IOException e) {
      err.println("Cannot write '" + output + "': " + e);
      return 1;
    } catch (RuntimeException e) {
      err.println("Cannot ask the engine of '" + engineConfig + "' for its management agents: " + e
          + "; check the engine block, and that the engine is reachable");
      return 1;
    }
  }

  private StarterConfig ask(EngineFactory factory, AutoSyncConfig source,
      java.util.Set<String> triggerTypes) throws IOException {
    Path folder = data != null ? data : Files.createTempDirectory("autosync-init-");
    try {
      Files.createDirectories(folder);
      try (SyncEngine engine = factory.create(source.engineSettings(), new HostEngineContext(
          folder.resolve("engine"), InstantSource.system(), new SecretResolver()))) {
        return StarterConfig.generate(source.engineType(), source.engineSettings(), engine,
            ZoneId.systemDefault(), triggerTypes);
      }
    } finally {
      if (data == null) {
        deleteQuietly(folder);
      }
    }
  }

  private void write(String text) throws IOException {
    Path parent = output.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    try {
      Files.writeString(output, text, force
          ? new StandardOpenOption[] {StandardOpenOption.CREATE,
              StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE}
          : new StandardOpenOption[] {StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE});
    } catch (FileAlreadyExistsException e) {
      throw new IOException("it was created meanwhile; run again with --force to overwrite it", e);
    }
  }

  private static void deleteQuietly(Path folder) {
    try (Stream<Path> paths = Files.walk(folder)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | RuntimeException e) {
      // a temporary folder left behind is harmless
    }
  }
}
