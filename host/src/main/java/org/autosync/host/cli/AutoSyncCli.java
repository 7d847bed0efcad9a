package org.autosync.host.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.autosync.host.AutoSyncService;
import org.autosync.host.ServiceLauncher;
import org.autosync.host.config.AutoSyncConfig;
import org.autosync.host.config.ConfigException;
import org.autosync.host.config.ConfigLoader;
import org.autosync.host.config.ConfigPrinter;
import org.autosync.host.demo.DemoDirectories;
import org.autosync.host.demo.DemoLab;
import org.autosync.host.plugins.PluginHost;
import org.autosync.host.plugins.PluginReport;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The {@code autosync} command line: run the service, the demo lab, check a configuration, show
 * it, write a starter one, list plugins, work with the trigger gallery.
 */
@Command(name = "autosync", mixinStandardHelpOptions = true,
    versionProvider = AutoSyncCli.Version.class,
    description = "Runs identity synchronization engines automatically.",
    subcommands = {AutoSyncCli.Run.class, AutoSyncCli.Demo.class, AutoSyncCli.Validate.class,
        AutoSyncCli.ConfigCommand.class, AutoSyncCli.Plugins.class, GalleryCommand.class,
        CommandLine.HelpCommand.class})
public final class AutoSyncCli implements Runnable {

  @Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  public static void main(String[] args) {
    LogOptions.apply(args);
    System.exit(new CommandLine(new AutoSyncCli()).execute(args));
  }

  /**
   * Where and how to log; read from the arguments before the first logger exists, because the
   * logging backend (Logback in the distribution, {@code conf/logback.xml}) reads them as system
   * properties when it starts. The options on {@link AutoSyncCli} are there for {@code --help}
   * and so that picocli accepts them on every command.
   */
  static final class LogOptions {
    static final String DIR_PROPERTY = "autosync.log.dir";
    static final String FORMAT_PROPERTY = "autosync.log.format";

    private LogOptions() {}

    static void apply(String[] args) {
      for (int i = 0; i < args.length; i++) {
        String arg = args[i];
        for (String[] option : new String[][] {{"--log-dir", DIR_PROPERTY},
            {"--log-format", FORMAT_PROPERTY}}) {
          if (arg.equals(option[0]) && i + 1 < args.length) {
            System.setProperty(option[1], args[i + 1]);
          } else if (arg.startsWith(option[0] + "=")) {
            System.setProperty(option[1], arg.substring(option[0].length() + 1));
          }
        }
      }
    }
  }

  @Option(names = "--log-dir", scope = CommandLine.ScopeType.INHERIT, paramLabel = "DIR",
      description = "Where the log file goes (default: $AUTOSYNC_LOG_DIR, else ./logs).")
  @Nullable Path logDir;

  @Option(names = "--log-format", scope = CommandLine.ScopeType.INHERIT, paramLabel = "text|json",
      description = "Log format, console and file (default: $AUTOSYNC_LOG_FORMAT, else text).")
  @Nullable String logFormat;

  /** The version from the jar manifest. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = AutoSyncCli.class.getPackage().getImplementationVersion();
      return new String[] {"AutoSync " + (v == null ? "(development build)" : v)
          + ", plugin API " + PluginHost.API_VERSION + ", Java " + Runtime.version()};
    }
  }

  /** Options shared by the commands that read a configuration. */
  static class ConfigFiles {
    @Option(names = {"-c", "--config"}, description = "The configuration file.",
        defaultValue = "autosync.yaml")
    Path config;

    @Option(names = "--plugins", description = "The plugins folder (default: ${DEFAULT-VALUE}).",
        defaultValue = PLUGINS_DEFAULT)
    Path plugins;
  }

  /** bin/autosync sets {@code autosync.plugins} to the installation's plugins folder. */
  static final String PLUGINS_DEFAULT = "${sys:autosync.plugins:-plugins}";

  @Command(name = "run", mixinStandardHelpOptions = true,
      description = "Runs AutoSync in the foreground until stopped (Ctrl-C or SIGTERM).")
  static final class Run implements Callable<Integer> {
    @CommandLine.Mixin ConfigFiles files = new ConfigFiles();

    @Option(names = "--data", description = "Where AutoSync and the engine keep state.",
        defaultValue = "data")
    Path data;

    @Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      return Runner.runUntilStopped(files.config, files.plugins, data, spec.commandLine().getErr(),
          service -> { });
    }
  }

  @Command(name = "demo", mixinStandardHelpOptions = true,
      description = "Starts the demo lab on loopback: an HR and a Corp directory, a CSV badge"
          + " file, the embedded engine and AutoSync, until Ctrl-C.")
  static final class Demo implements Callable<Integer> {
    @Option(names = "--work", description = "The lab's work folder.", defaultValue = "demo-lab")
    Path work;

    @Option(names = "--hr-port", defaultValue = "" + DemoDirectories.DEFAULT_HR_PORT,
        description = "HR directory port (default ${DEFAULT-VALUE}).")
    int hrPort;

    @Option(names = "--corp-port", defaultValue = "" + DemoDirectories.DEFAULT_CORP_PORT,
        description = "Corp directory port (default ${DEFAULT-VALUE}).")
    int corpPort;

    @Option(names = "--plugins", defaultValue = "${sys:autosync.plugins}",
        description = "The plugins folder (default: the installation's plugins/, else"
            + " <work>/plugins).")
    @Nullable Path plugins;

    @Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      Path pluginsFolder = plugins != null ? plugins : work.resolve("plugins");
      DemoDirectories started;
      try {
        started = DemoDirectories.start(hrPort, corpPort);
      } catch (com.unboundid.ldap.sdk.LDAPException e) {
        spec.commandLine().getErr().println("Cannot start the demo lab: "
            + e.getDiagnosticMessage() + "; choose other ports with --hr-port and --corp-port");
        return 1;
      }
      try (DemoDirectories directories = started) {
        Path config = DemoLab.writeConfig(work, directories);
        out.printf("HR directory:   ldap://127.0.0.1:%d  (o=hr, people under %s)%n",
            directories.hrPort(), DemoDirectories.HR_PEOPLE);
        out.printf("Corp directory: ldap://127.0.0.1:%d  (users under %s)%n",
            directories.corpPort(), DemoDirectories.CORP_USERS);
        out.printf("Badge file:     %s%n", work.resolve(DemoLab.BADGES_FILE).toAbsolutePath());
        out.printf("Bind as cn=admin with password demo. Try:%n  ldapmodify -x -H"
            + " ldap://127.0.0.1:%d -D cn=admin -w demo <<'EOF'%n  dn:"
            + " employeeNumber=1001,%s%n  changetype: modify%n  replace: title%n  title:"
            + " Chief Scientist%n  EOF%nPress Ctrl-C to stop.%n", directories.hrPort(),
            DemoDirectories.HR_PEOPLE);
        out.flush();
        return Runner.runUntilStopped(config, pluginsFolder, work.resolve("data"),
            spec.commandLine().getErr(), DemoLab::initialFullImports);
      }
    }
  }

  @Command(name = "validate", mixinStandardHelpOptions = true,
      description = "Checks a configuration file; prints every problem with file:line:column.")
  static final class Validate implements Callable<Integer> {
    @CommandLine.Mixin ConfigFiles files = new ConfigFiles();
    @Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      try (PluginHost plugins = PluginHost.start(files.plugins)) {
        ConfigLoader.load(files.config, plugins.triggerTypes(), plugins.engineTypes().keySet(),
            plugins.controllerScriptTypes());
        spec.commandLine().getOut().println(files.config + ": valid");
        return 0;
      } catch (ConfigException e) {
        e.errors().forEach(spec.commandLine().getErr()::println);
        return 1;
      }
    }
  }

  @Command(name = "config", mixinStandardHelpOptions = true,
      description = "Works with the configuration.",
      subcommands = {ConfigCommand.Show.class, ConfigInit.class})
  static final class ConfigCommand implements Runnable {
    @Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
      spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
        description = "Prints the effective configuration, defaults filled in, secrets masked.")
    static final class Show implements Callable<Integer> {
      @CommandLine.Mixin ConfigFiles files = new ConfigFiles();
      @Spec CommandLine.Model.CommandSpec spec;

      @Override
      public Integer call() {
        try (PluginHost plugins = PluginHost.start(files.plugins)) {
          AutoSyncConfig config = ConfigLoader.load(files.config, plugins.triggerTypes(),
              plugins.engineTypes().keySet(), plugins.controllerScriptTypes());
          spec.commandLine().getOut().print(ConfigPrinter.print(config));
          return 0;
        } catch (ConfigException e) {
          e.errors().forEach(spec.commandLine().getErr()::println);
          return 1;
        }
      }
    }
  }

  @Command(name = "plugins", mixinStandardHelpOptions = true,
      description = "Lists the plugins, what they contribute, and why any failed.")
  static final class Plugins implements Callable<Integer> {
    @Option(names = "--plugins", defaultValue = PLUGINS_DEFAULT,
        description = "The plugins folder (default: ${DEFAULT-VALUE}).")
    Path plugins;

    @Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      try (PluginHost host = PluginHost.start(plugins)) {
        for (PluginReport r : host.reports()) {
          out.printf("%-32s %-10s %-8s %s%n", r.id(), r.version(), r.state(),
              r.ok() ? String.join(", ", r.contributes()) : r.problem());
        }
        out.println("engine types:  " + host.engineTypes().keySet());
        out.println("trigger types: " + host.triggerTypes().keySet());
        return host.reports().stream().allMatch(PluginReport::ok) ? 0 : 2;
      }
    }
  }

  /** Starts from a file, waits for SIGTERM or Ctrl-C, stops in order. */
  static final class Runner {
    private Runner() {}

    static int runUntilStopped(Path configFile, Path pluginsDir, Path data, PrintWriter err,
        java.util.function.Consumer<AutoSyncService> afterStart) throws InterruptedException {
      if (!Files.exists(configFile)) {
        err.println(configFile + ": no such configuration file");
        return 1;
      }
      ServiceLauncher launcher;
      try {
        launcher = ServiceLauncher.start(configFile, pluginsDir, data);
      } catch (ConfigException e) {
        e.errors().forEach(err::println);
        return 1;
      }
      CountDownLatch stopped = new CountDownLatch(1);
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        launcher.close();
        stopped.countDown();
      }, "autosync-shutdown"));
      afterStart.accept(launcher.service());
      stopped.await();
      return 0;
    }
  }

  /** The commands, without exiting: for tests. */
  static CommandLine commandLine() {
    return new CommandLine(new AutoSyncCli());
  }
}
