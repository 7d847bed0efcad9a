package org.autosync.scripts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The scripts folder: good scripts are offered; a bad one is named with its reason. */
@ExtendWith(SharedRuntime.class)
class CatalogTest {

  @TempDir Path dir;

  private List<String> problems(ScriptRuntime runtime) {
    return runtime.scan(dir).problems().stream().map(ScriptCatalog.Problem::toString).toList();
  }

  @Test
  void good_scripts_are_offered_and_bad_ones_reported_without_stopping_the_scan(
      ScriptRuntime runtime) throws Exception {
    ScriptFolder scripts = new ScriptFolder(dir, runtime);
    scripts.trigger("good", ScriptLanguage.PYTHON, "def poll(ctx):\n    return None\n");
    ScriptFolder.write(dir.resolve("broken/manifest.json"), "{\n  \"id\": \"broken\",\n  oops\n}");
    scripts.trigger("wrong-name", ScriptLanguage.JAVASCRIPT, "function poll(ctx) {}");
    Files.move(dir.resolve("wrong-name"), dir.resolve("renamed"));
    scripts.trigger("no-entry", ScriptLanguage.JAVASCRIPT, "function poll(ctx) {}");
    Files.delete(dir.resolve("no-entry/trigger.js"));
    scripts.trigger("future", ScriptLanguage.JAVASCRIPT, "function poll(ctx) {}");
    ScriptFolder.write(dir.resolve("future/manifest.json"),
        Files.readString(dir.resolve("future/manifest.json")).replace(">=0.1.0", ">=9.0.0"));
    Files.createDirectories(dir.resolve(".git"));

    ScriptCatalog catalog = runtime.scan(dir);
    assertEquals(List.of("script.good"), List.copyOf(catalog.triggerTypes().keySet()));
    List<String> problems = problems(runtime);
    assertEquals(4, problems.size(), problems.toString());
    assertTrue(problems.get(0).startsWith("broken: Cannot read the script manifest"
        + " broken/manifest.json:3:3: Unexpected character ('o'"), problems.get(0));
    assertEquals("future: needs plugin API >=9.0.0, but this AutoSync offers 0.1.0; upgrade"
        + " AutoSync or use a version of the script built for it", problems.get(1));
    assertEquals("no-entry: the entry file 'trigger.js' named in the manifest is missing",
        problems.get(2));
    assertEquals("renamed: the folder is named 'renamed' but the manifest's id is 'wrong-name';"
        + " rename one so that they match", problems.get(3));
  }

  @Test
  void a_manifest_lists_every_problem_at_once(ScriptRuntime runtime) {
    ScriptFolder.write(dir.resolve("bad/manifest.json"), """
        {
          "id": "Bad_Id",
          "name": "Bad",
          "version": "one",
          "language": "ruby",
          "entry": "../x.rb",
          "parameters": [
            {"name": "interval", "type": "duration", "description": "clashes"},
            {"name": "n", "type": "number", "description": "bad type"},
            {"name": "mode", "type": "enum", "description": "no values"},
            {"name": "m", "type": "integer", "default": "x", "description": "bad default"}
          ],
          "capabilities": ["shell"],
          "colour": "blue"
        }
        """);
    String problem = problems(runtime).getFirst();
    for (String expected : List.of("colour: unknown key", "id: expected 1 to 63 lower-case",
        "version: expected a version such as 1.0.0", "description: is required",
        "language: expected javascript or python, got 'ruby'", "entry: expected a file name",
        "parameters[0].name: 'interval' is a common parameter",
        "parameters[1].type: expected string, integer,",
        "parameters[2].values: an enum parameter needs its values",
        "parameters[3].default: expected a whole number, got 'x'",
        "capabilities[0]: unknown capability 'shell'")) {
      assertTrue(problem.contains(expected), expected + " in " + problem);
    }
  }

  @Test
  void a_missing_scripts_folder_is_an_empty_catalog(ScriptRuntime runtime) {
    ScriptCatalog catalog = runtime.scan(dir.resolve("nothing-here"));
    assertEquals(0, catalog.scripts().size());
    assertEquals(0, catalog.problems().size());
  }
}
