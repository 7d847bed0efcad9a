package org.autosync.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.ToolProvider;
import org.autosync.host.config.AutoSyncConfig;
import org.autosync.host.config.ConfigException;
import org.autosync.host.config.ConfigLoader;
import org.autosync.host.plugins.PluginHost;
import org.autosync.host.plugins.PluginReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example third-party plugin in {@code examples/trigger-plugin} still compiles against this
 * build's plugin API and loads as a plugin jar. The example is a standalone Maven project built
 * against the local repository, so this test compiles its sources itself (with pf4j's processor)
 * and writes the manifest entries its pom.xml sets, instead of running Maven on it.
 */
class TriggerPluginExampleTest {

  static final Path EXAMPLE = Path.of(System.getProperty("user.dir")).resolve(
      "../examples/trigger-plugin").normalize();

  @TempDir Path work;

  @Test
  void the_example_jar_loads_and_its_trigger_type_checks_configuration() throws Exception {
    Path plugins = Files.createDirectories(work.resolve("plugins"));
    build(plugins.resolve("autosync-file-touch-trigger-1.0.0.jar"));
    try (PluginHost host = PluginHost.start(plugins)) {
      PluginReport report = host.reports().stream()
          .filter(r -> r.id().equals("autosync-file-touch-trigger")).findFirst().orElseThrow();
      assertTrue(report.ok(), report.toString());
      assertTrue(host.triggerTypes().containsKey("file-touch"), host.triggerTypes().toString());

      String config = """
          engine: {type: embedded}
          mas:
            BADGES:
              triggers:
                - {id: badges-file, type: file-touch, path: /srv/badges.csv, interval: %s}
          """;
      AutoSyncConfig loaded = ConfigLoader.load(config.formatted("1m"), "autosync.yaml",
          host.triggerTypes(), Set.of("embedded"));
      assertEquals("file-touch", loaded.triggers().getFirst().config().type());
      ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(
          config.formatted("100ms"), "autosync.yaml", host.triggerTypes(), Set.of("embedded")));
      assertTrue(e.getMessage().contains("mas.BADGES.triggers[0].interval: must be at least 1s"),
          e.getMessage());
    }
  }

  /** What {@code mvn package} in the example makes: classes, extension index, pf4j manifest. */
  private void build(Path jar) throws IOException {
    Path classes = Files.createDirectories(work.resolve("classes"));
    List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "-cp",
        System.getProperty("java.class.path"), "-proc:full", "--release", "21"));
    try (Stream<Path> sources = Files.walk(EXAMPLE.resolve("src/main/java"))) {
      sources.filter(p -> p.toString().endsWith(".java")).map(Path::toString).forEach(args::add);
    }
    assertEquals(0, ToolProvider.getSystemJavaCompiler().run(null, null, null,
        args.toArray(String[]::new)), "the example does not compile against this build");
    String pom = Files.readString(EXAMPLE.resolve("pom.xml"));
    assertTrue(pom.contains("<Plugin-Id>${project.artifactId}</Plugin-Id>"), "pom changed");
    Manifest manifest = new Manifest();
    Attributes main = manifest.getMainAttributes();
    main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
    main.put(new Attributes.Name("Plugin-Id"), "autosync-file-touch-trigger");
    main.put(new Attributes.Name("Plugin-Version"), "1.0.0");
    main.put(new Attributes.Name("Plugin-Provider"), "Example Corp");
    main.put(new Attributes.Name("Plugin-Requires"), ">=0.1.0");
    try (OutputStream out = Files.newOutputStream(jar);
        JarOutputStream jos = new JarOutputStream(out, manifest);
        Stream<Path> files = Files.walk(classes)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        jos.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
        jos.write(Files.readAllBytes(f));
        jos.closeEntry();
      }
    }
  }
}
