package org.autosync.gallery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.autosync.host.gallery.Gallery;
import org.autosync.host.gallery.GalleryEntry;
import org.autosync.host.plugins.PluginHost;
import org.autosync.scripts.ScriptLanguage;
import org.autosync.scripts.ScriptManifest;
import org.junit.jupiter.api.Test;

/**
 * What the gallery holds: the entries the issue asks for, each complete, documented, compatible
 * and tested, in both languages.
 */
class GalleryContentsTest {

  static final Set<String> EXPECTED = Set.of(
      "delta-import-every",   // delta import every N minutes
      "nightly-full-import",  // nightly full import at a set time
      "weekly-full-sync",     // weekly exclusive full sync
      "sql-rowversion",       // pending changes in a SQL table, row-version watermark
      "ldap-change-watcher",  // LDAP change watcher
      "scim-changes",         // SCIM change poll, lastModified watermark
      "file-drop",            // file-drop watcher for file-based MAs
      "halt-on-deletes",      // controller: halt an MA when a run stages more than N deletes
      "maintenance-window");  // controller: hold runs during a maintenance window

  @Test
  void every_entry_folder_is_a_usable_entry() {
    Gallery gallery = GalleryFolder.open();
    assertEquals(List.of(), gallery.problems(), "entries that cannot be used");
  }

  @Test
  void the_gallery_has_the_entries_of_the_issue() {
    Set<String> ids = GalleryFolder.open().entries().stream().map(GalleryEntry::id)
        .collect(Collectors.toCollection(TreeSet::new));
    assertTrue(ids.containsAll(EXPECTED), "missing: " + new TreeSet<>(EXPECTED).stream()
        .filter(id -> !ids.contains(id)).toList());
  }

  @Test
  void both_languages_are_well_represented() {
    Map<ScriptLanguage, Long> counts = GalleryFolder.open().entries().stream()
        .collect(Collectors.groupingBy(e -> e.manifest().language(), Collectors.counting()));
    for (ScriptLanguage language : ScriptLanguage.values()) {
      assertTrue(counts.getOrDefault(language, 0L) >= 4, language + ": " + counts);
    }
  }

  @Test
  void every_entry_holds_only_its_manifest_script_readme_and_tests() throws Exception {
    for (GalleryEntry e : GalleryFolder.open().entries()) {
      Set<String> names;
      try (Stream<Path> files = Files.list(e.folder())) {
        names = files.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
      }
      assertEquals(Set.of(ScriptManifest.FILE_NAME, e.manifest().entry(), Gallery.README_FILE,
          Gallery.TESTS_FILE), names, e.id());
    }
  }

  @Test
  void every_manifest_names_author_licence_and_a_range_this_autosync_satisfies() {
    for (GalleryEntry e : GalleryFolder.open().entries()) {
      ScriptManifest m = e.manifest();
      assertFalse(m.author().isBlank(), e.id() + ": author");
      assertFalse(m.license().isBlank(), e.id() + ": license");
      assertFalse("*".equals(m.api()), e.id() + ": api names a range, not *");
      assertEquals(null, e.incompatibility(PluginHost.API_VERSION), e.id());
      m.parameters().forEach(p -> assertFalse(p.description().isBlank(), e.id() + "." + p.name()));
    }
  }

  @Test
  void every_readme_documents_parameters_configuration_and_workings() throws Exception {
    for (GalleryEntry e : GalleryFolder.open().entries()) {
      String readme = Files.readString(e.folder().resolve(Gallery.README_FILE));
      assertTrue(readme.startsWith("# " + e.manifest().name() + "\n"), e.id() + ": title");
      for (String section : List.of("## Parameters", "## Configuration", "## How it works")) {
        assertTrue(readme.contains("\n" + section + "\n"), e.id() + ": " + section);
      }
      for (var p : e.manifest().parameters()) {
        assertTrue(readme.contains("`" + p.name() + "`"), e.id() + ": parameter " + p.name());
      }
      String type = e.manifest().kind() == ScriptManifest.Kind.TRIGGER
          ? e.manifest().triggerTypeId() : e.id();
      assertTrue(readme.contains(type), e.id() + ": the configuration example names " + type);
    }
  }

  @Test
  void every_entry_has_test_cases() throws Exception {
    for (GalleryEntry e : GalleryFolder.open().entries()) {
      assertFalse(CaseRunner.cases(e.folder()).isEmpty(), e.id());
    }
  }
}
