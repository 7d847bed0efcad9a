package org.autosync.gallery;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.autosync.host.gallery.Gallery;
import org.autosync.host.gallery.GalleryEntry;
import org.autosync.scripts.ScriptRuntime;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every gallery entry passes the cases in its {@code tests.json}: its real script, installed into
 * a scripts folder, run by the scripts module with the test kit (manual clock, fake engine) and
 * local servers. {@code -Dgallery.entry=id[,id...]} runs only those entries.
 */
@ExtendWith(SharedRuntime.class)
class EntryCasesTest {

  @TempDir Path work;

  @TestFactory
  Stream<DynamicNode> every_entry_passes_its_test_cases(ScriptRuntime runtime) {
    String only = System.getProperty("gallery.entry", "");
    Set<String> selected = only.isBlank() ? Set.of()
        : Arrays.stream(only.split(",")).map(String::strip).collect(Collectors.toSet());
    Gallery gallery = GalleryFolder.open();
    Stream<DynamicNode> broken = gallery.problems().stream()
        .filter(p -> selected.isEmpty() || selected.contains(p.folder().getFileName().toString()))
        .map(p -> DynamicTest.dynamicTest(p.folder().getFileName().toString(), () -> {
          throw new AssertionError("Gallery entry " + p);
        }));
    Set<String> ids = gallery.entries().stream().map(GalleryEntry::id).collect(Collectors.toSet());
    Stream<DynamicNode> unknown = selected.stream().filter(id -> !ids.contains(id))
        .filter(id -> gallery.problems().stream()
            .noneMatch(p -> p.folder().getFileName().toString().equals(id)))
        .map(id -> DynamicTest.dynamicTest(id, () -> {
          throw new AssertionError("-Dgallery.entry names '" + id + "', which is not an entry"
              + " of " + gallery.folder());
        }));
    Stream<DynamicNode> entries = gallery.entries().stream()
        .filter(e -> selected.isEmpty() || selected.contains(e.id()))
        .map(e -> DynamicContainer.dynamicContainer(e.id() + " (" + e.manifest().language()
            + " " + e.manifest().kind().name().toLowerCase(java.util.Locale.ROOT) + ")",
            e.folder().toUri(), cases(runtime, e)));
    return Stream.of(broken, unknown, entries).flatMap(s -> s);
  }

  private Stream<DynamicNode> cases(ScriptRuntime runtime, GalleryEntry entry) {
    List<JsonNode> cases;
    try {
      cases = CaseRunner.cases(entry.folder());
    } catch (Exception e) {
      return Stream.of(DynamicTest.dynamicTest("tests.json", () -> {
        throw new AssertionError(entry.id() + "/tests.json cannot be read: " + e, e);
      }));
    }
    List<DynamicNode> tests = new ArrayList<>();
    for (int i = 0; i < cases.size(); i++) {
      JsonNode spec = cases.get(i);
      Path caseWork = work.resolve(entry.id()).resolve("case-" + i);
      tests.add(DynamicTest.dynamicTest(spec.path("name").asText("case " + i),
          entry.folder().resolve("tests.json").toUri(), () -> {
            Files.createDirectories(caseWork);
            CaseRunner.run(runtime, entry.folder(), spec, caseWork);
          }));
    }
    return tests.stream();
  }
}
