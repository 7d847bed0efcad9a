package org.autosync.scripts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.autosync.api.engine.ManagementAgent;
import org.autosync.api.trigger.TriggerFactory;
import org.autosync.testkit.FakeEngine;
import org.autosync.testkit.RunningTrigger;
import org.autosync.testkit.TriggerTestKit;

/**
 * Writes scripts into a scripts folder the way the gallery installs them ({@code <id>/manifest.json}
 * plus the entry file) and starts their triggers with the test kit.
 *
 * <pre>{@code
 * ScriptFolder scripts = new ScriptFolder(tempDir, runtime);
 * scripts.trigger("every-poll", ScriptLanguage.JAVASCRIPT, "function poll(ctx) { return 'DI'; }");
 * try (RunningTrigger t = scripts.start("every-poll", Map.of("interval", "1m"))) { ... }
 * }</pre>
 */
final class ScriptFolder {

  static final ManagementAgent HR = FakeEngine.builder()
      .ma("HR", ma -> ma.category("LDAP").standardProfiles())
      .build().managementAgents().getFirst();

  private final Path folder;
  private final ScriptRuntime runtime;

  ScriptFolder(Path folder, ScriptRuntime runtime) {
    this.folder = folder;
    this.runtime = runtime;
  }

  Path folder() {
    return folder;
  }

  /** Writes a trigger script with no parameters or capabilities. */
  Path trigger(String id, ScriptLanguage language, String code) {
    return trigger(id, language, code, "[]", List.of());
  }

  /**
   * Writes a trigger script.
   *
   * @param parametersJson the manifest's {@code parameters} as JSON
   */
  Path trigger(String id, ScriptLanguage language, String code, String parametersJson,
      List<String> capabilities) {
    Path dir = folder.resolve(id);
    String entry = "trigger" + language.extension();
    List<String> caps = new ArrayList<>();
    capabilities.forEach(c -> caps.add("\"" + c + "\""));
    write(dir.resolve(ScriptManifest.FILE_NAME), """
        {
          "id": "%s",
          "name": "Test script %s",
          "version": "1.0.0",
          "description": "A script written by a test",
          "language": "%s",
          "entry": "%s",
          "parameters": %s,
          "capabilities": [%s],
          "api": ">=0.1.0",
          "author": "AutoSync tests",
          "license": "Apache-2.0"
        }
        """.formatted(id, id, language.label(), entry, parametersJson, String.join(", ", caps)));
    Path file = dir.resolve(entry);
    write(file, code);
    return file;
  }

  static void write(Path file, String text) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  ScriptCatalog catalog() {
    return runtime.scan(folder);
  }

  TriggerFactory factory(String id) {
    TriggerFactory f = catalog().triggerTypes().get(ScriptManifest.TYPE_PREFIX + id);
    if (f == null) {
      throw new AssertionError("No trigger type for script '" + id + "': " + catalog().problems());
    }
    return f;
  }

  RunningTrigger start(String id, Map<String, String> values) {
    return TriggerTestKit.forFactory(factory(id)).triggerId(id).start(values, HR);
  }
}
