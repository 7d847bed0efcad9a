package org.autosync.host.plugins;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/** Builds real plugin jars in tests: compiles sources with pf4j's annotation processor, jars them. */
final class PluginJars {
  private PluginJars() {}

  /**
   * Compiles {@code sources} (class name → source) and writes a plugin jar with the manifest
   * entries given.
   */
  static Path build(Path work, String jarName, Map<String, String> sources,
      Map<String, String> manifest) throws IOException {
    Path src = Files.createDirectories(work.resolve(jarName + "-src"));
    Path classes = Files.createDirectories(work.resolve(jarName + "-classes"));
    List<String> args = new java.util.ArrayList<>(List.of("-d", classes.toString(),
        "-cp", System.getProperty("java.class.path"), "-proc:full", "--release", "21"));
    for (Map.Entry<String, String> s : sources.entrySet()) {
      Path file = src.resolve(s.getKey().replace('.', '/') + ".java");
      Files.createDirectories(file.getParent());
      Files.writeString(file, s.getValue());
      args.add(file.toString());
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    int rc = javac.run(null, null, null, args.toArray(String[]::new));
    if (rc != 0) {
      throw new IllegalStateException("compiling the test plugin failed");
    }
    Manifest mf = new Manifest();
    mf.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.forEach((k, v) -> mf.getMainAttributes().put(new Attributes.Name(k), v));
    Path jar = work.resolve(jarName + ".jar");
    try (OutputStream out = Files.newOutputStream(jar);
        JarOutputStream jos = new JarOutputStream(out, mf);
        Stream<Path> files = Files.walk(classes)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        jos.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
        jos.write(Files.readAllBytes(f));
        jos.closeEntry();
      }
    }
    return jar;
  }
}
