package org.autosync.gallery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.autosync.host.cli.AutoSyncCli;
import org.autosync.host.gallery.Gallery;
import org.autosync.host.gallery.GalleryEntry;
import org.autosync.host.gallery.GalleryIndex;
import org.autosync.scripts.ScriptCatalog;
import org.autosync.scripts.ScriptRuntime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code autosync gallery list|show|install|verify|new|index} on this repository's gallery and
 * on small galleries written by the tests, as an operator and an author use them.
 */
@ExtendWith(SharedRuntime.class)
class GalleryCommandTest {

  @TempDir Path dir;

  record Result(int exit, String out, String err) {
    String all() {
      return out + err;
    }
  }

  static Result autosync(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new AutoSyncCli());
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int exit = cli.execute(args);
    return new Result(exit, out.toString(), err.toString());
  }

  private static String gallery() {
    return GalleryFolder.path().toString();
  }

  private Path scripts() {
    return dir.resolve("scripts");
  }

  private Result install(String id, String... more) {
    String[] args = Stream.concat(Stream.of("gallery", "install", id, "--gallery", gallery(),
        "--scripts", scripts().toString()), Stream.of(more)).toArray(String[]::new);
    return autosync(args);
  }

  private Result verify() {
    return autosync("gallery", "verify", "--gallery", gallery(), "--scripts",
        scripts().toString());
  }

  // --- list and show -------------------------------------------------------------------------

  @Test
  void list_shows_every_entry_and_which_are_installed() {
    assertEquals(0, install("file-drop").exit());
    Result r = autosync("gallery", "list", "--gallery", gallery(), "--scripts",
        scripts().toString());
    assertEquals(0, r.exit(), r.all());
    for (String id : GalleryContentsTest.EXPECTED) {
      assertTrue(r.out().contains(id), id + " in\n" + r.out());
    }
    assertTrue(r.out().lines().anyMatch(l -> l.startsWith("file-drop ")
        && l.contains("python") && l.contains(" 1.0.0      ")), r.out());
    assertTrue(r.out().lines().anyMatch(l -> l.startsWith("maintenance-window ")
        && l.contains("javascript") && l.contains("controller") && l.contains(" - ")), r.out());
    assertTrue(r.out().contains(GalleryContentsTest.EXPECTED.size() + " entries in "), r.out());
  }

  @Test
  void list_reports_a_broken_entry_with_file_field_and_what_was_expected() throws Exception {
    Path g = dir.resolve("gallery");
    Files.createDirectories(g.resolve("broken"));
    Files.writeString(g.resolve("broken/manifest.json"), """
        {"id": "broken", "name": "Broken", "version": "one", "description": "x",
         "language": "javascript", "entry": "trigger.js", "colour": "red"}
        """);
    Result r = autosync("gallery", "list", "--gallery", g.toString());
    assertEquals(1, r.exit(), r.all());
    assertTrue(r.err().contains("Not offered: broken: Cannot use the script manifest"
        + " broken/manifest.json: "), r.err());
    assertTrue(r.err().contains("colour: unknown key"), r.err());
    assertTrue(r.err().contains("version: expected a version such as 1.0.0, got 'one'"), r.err());
  }

  @Test
  void show_describes_an_entry_with_parameters_files_and_a_configuration_example() {
    Result r = autosync("gallery", "show", "sql-rowversion", "--gallery", gallery(),
        "--scripts", scripts().toString());
    assertEquals(0, r.exit(), r.all());
    GalleryEntry e = GalleryFolder.open().require("sql-rowversion");
    assertTrue(r.out().startsWith("sql-rowversion 1.0.0: SQL pending changes"), r.out());
    assertTrue(r.out().contains("trigger type script.sql-rowversion"), r.out());
    assertTrue(r.out().contains("capabilities:  sql"), r.out());
    assertTrue(r.out().contains("plugin API:    >=0.1.0 (this AutoSync's 0.1.0 fits)"), r.out());
    assertTrue(r.out().contains("installed:     no"), r.out());
    assertTrue(r.out().contains("table            string     required                 The"
        + " table"), r.out());
    assertTrue(r.out().contains("trigger.py       " + e.files().get("trigger.py")), r.out());
    assertTrue(r.out().contains("type: script.sql-rowversion"), r.out());
    assertTrue(r.out().contains("jdbcUrl: <string>"), r.out());
  }

  @Test
  void show_names_an_unknown_entry_and_how_to_find_the_others() {
    Result r = autosync("gallery", "show", "no-such-entry", "--gallery", gallery());
    assertEquals(1, r.exit());
    assertTrue(r.err().contains("There is no entry 'no-such-entry' in the gallery "
        + GalleryFolder.path() + "; 'autosync gallery list' shows its entries"), r.err());
  }

  @Test
  void a_missing_gallery_folder_is_named() {
    Result r = autosync("gallery", "list", "--gallery", dir.resolve("nowhere").toString());
    assertEquals(1, r.exit());
    assertTrue(r.err().contains("There is no gallery at " + dir.resolve("nowhere")), r.err());
  }

  // --- install ---------------------------------------------------------------------------------

  @Test
  void install_copies_the_entry_and_records_id_version_source_and_sha256(
      ScriptRuntime runtime) throws Exception {
    Result r = install("nightly-full-import");
    assertEquals(0, r.exit(), r.all());
    Path folder = scripts().resolve("nightly-full-import");
    assertTrue(r.out().startsWith("Installed 'nightly-full-import' 1.0.0 into " + folder), r.out());
    assertTrue(r.out().contains("trigger type script.nightly-full-import"), r.out());
    GalleryEntry entry = GalleryFolder.open().require("nightly-full-import");
    JsonNode record = CaseRunner.JSON.readTree(Files.readString(folder.resolve(".gallery.json")));
    assertEquals("nightly-full-import", record.get("id").asText());
    assertEquals("1.0.0", record.get("version").asText());
    assertEquals(entry.folder().toUri().toString(), record.get("source").asText());
    Map<String, String> files = new TreeMap<>();
    record.get("files").properties().forEach(f -> files.put(f.getKey(),
        f.getValue().asText()));
    assertEquals(entry.files(), files);
    for (Map.Entry<String, String> f : files.entrySet()) {
      assertEquals(-1L, Files.mismatch(folder.resolve(f.getKey()),
          entry.folder().resolve(f.getKey())), f.getKey());
    }
    assertFalse(Files.exists(folder.resolve("tests.json")), "test cases are not installed");
    ScriptCatalog catalog = runtime.scan(scripts());
    assertEquals(List.of(), catalog.problems());
    assertTrue(catalog.triggerTypes().containsKey("script.nightly-full-import"));
  }

  @Test
  void installing_again_over_an_intact_copy_reinstalls_it() {
    assertEquals(0, install("halt-on-deletes").exit());
    Result again = install("halt-on-deletes");
    assertEquals(0, again.exit(), again.all());
    assertTrue(again.out().startsWith("Reinstalled 'halt-on-deletes' 1.0.0"), again.out());
    assertTrue(again.out().contains("It is a controller script; name it in a controllerScript"
        + " block"), again.out());
    assertTrue(again.out().contains("script: halt-on-deletes"), again.out());
  }

  @Test
  void install_refuses_to_overwrite_local_edits_without_force() throws Exception {
    assertEquals(0, install("weekly-full-sync").exit());
    Path script = scripts().resolve("weekly-full-sync/trigger.js");
    Files.writeString(script, Files.readString(script).replace("'03:00'", "'04:00'")
        + "\n// tuned locally\n");
    Result refused = install("weekly-full-sync");
    assertEquals(1, refused.exit());
    assertTrue(refused.err().contains("Cannot install over " + scripts().resolve(
        "weekly-full-sync") + ": it has local changes (edited since installed (SHA-256 differs"
        + " from the record): trigger.js); use --force to overwrite it"), refused.err());
    assertTrue(Files.readString(script).contains("tuned locally"), "left alone");

    Result forced = install("weekly-full-sync", "--force");
    assertEquals(0, forced.exit(), forced.all());
    assertTrue(forced.out().startsWith("Replaced 'weekly-full-sync' with the gallery's 1.0.0,"
        + " overwriting: edited since installed"), forced.out());
    assertFalse(Files.readString(script).contains("tuned locally"));
    assertEquals(0, verify().exit());
  }

  @Test
  void install_refuses_a_hand_written_script_of_the_same_name_without_force() throws Exception {
    Path mine = Files.createDirectories(scripts().resolve("file-drop"));
    Files.writeString(mine.resolve("trigger.js"), "function poll(ctx) { return true; }");
    Result refused = install("file-drop");
    assertEquals(1, refused.exit());
    assertTrue(refused.err().contains("was not installed from the gallery (it has no"
        + " .gallery.json); use --force"), refused.err());
    assertEquals(0, install("file-drop", "--force").exit());
  }

  @Test
  void install_refuses_an_entry_for_a_newer_plugin_api() throws Exception {
    Path g = dir.resolve("gallery");
    GalleryEntry scaffold = newEntry(g, "future", "js", "trigger");
    Path manifest = scaffold.folder().resolve("manifest.json");
    Files.writeString(manifest, Files.readString(manifest).replace(">=0.1.0", ">=9.0.0"));
    Result r = autosync("gallery", "install", "future", "--gallery", g.toString(), "--scripts",
        scripts().toString(), "--force");
    assertEquals(1, r.exit());
    assertTrue(r.err().contains("Cannot install 'future' 0.1.0: it needs plugin API >=9.0.0,"
        + " but this AutoSync offers 0.1.0; upgrade AutoSync"), r.err());
    assertFalse(Files.exists(scripts().resolve("future")));
    Result list = autosync("gallery", "list", "--gallery", g.toString());
    assertTrue(list.out().contains("[needs plugin API >=9.0.0, but this AutoSync offers 0.1.0]"),
        list.out());
  }

  @Test
  void installing_a_newer_version_updates_an_intact_copy() throws Exception {
    Path g = dir.resolve("gallery");
    GalleryEntry v1 = newEntry(g, "mine", "python", "trigger");
    assertEquals(0, autosync("gallery", "install", "mine", "--gallery", g.toString(),
        "--scripts", scripts().toString()).exit());
    Path manifest = v1.folder().resolve("manifest.json");
    Files.writeString(manifest, Files.readString(manifest).replace("\"0.1.0\"", "\"0.2.0\""));
    Result before = autosync("gallery", "verify", "--gallery", g.toString(), "--scripts",
        scripts().toString());
    assertEquals(0, before.exit(), before.all());
    assertTrue(before.out().contains("the gallery has version 0.2.0 (installed 0.1.0);"
        + " 'autosync gallery install mine' updates it"), before.out());
    Result r = autosync("gallery", "install", "mine", "--gallery", g.toString(), "--scripts",
        scripts().toString());
    assertEquals(0, r.exit(), r.all());
    assertTrue(r.out().startsWith("Updated 'mine' from 0.1.0 to 0.2.0"), r.out());
  }

  // --- verify ----------------------------------------------------------------------------------

  @Test
  void verify_reports_intact_copies_and_scripts_not_from_the_gallery() throws Exception {
    assertEquals(0, install("delta-import-every").exit());
    assertEquals(0, install("maintenance-window").exit());
    Path mine = Files.createDirectories(scripts().resolve("my-own"));
    Files.writeString(mine.resolve("manifest.json"), "{}");
    Files.writeString(scripts().resolve("delta-import-every/NOTES.txt"), "why we use it");
    Result r = verify();
    assertEquals(0, r.exit(), r.all());
    assertTrue(r.out().contains("delta-import-every       1.0.0    intact               files not"
        + " from the gallery (not loaded unless the manifest names them): NOTES.txt"), r.out());
    assertTrue(r.out().contains("maintenance-window       1.0.0    intact"), r.out());
    assertTrue(r.out().contains("my-own                   -        not from the gallery"),
        r.out());
    assertTrue(r.out().contains("3 scripts in " + scripts() + ": 1 not from the gallery, 2"
        + " intact"), r.out());
  }

  @Test
  void verify_fails_on_an_edited_file() throws Exception {
    assertEquals(0, install("scim-changes").exit());
    Path script = scripts().resolve("scim-changes/trigger.py");
    Files.writeString(script, Files.readString(script) + "\n# debugging\n");
    Result r = verify();
    assertEquals(1, r.exit(), r.all());
    assertTrue(r.out().contains("scim-changes             1.0.0    edited               edited"
        + " since installed (SHA-256 differs from the record): trigger.py"), r.out());
  }

  @Test
  void verify_fails_on_a_deleted_file() throws Exception {
    assertEquals(0, install("ldap-change-watcher").exit());
    Files.delete(scripts().resolve("ldap-change-watcher/README.md"));
    Result r = verify();
    assertEquals(1, r.exit(), r.all());
    assertTrue(r.out().contains("ldap-change-watcher      1.0.0    missing files        missing:"
        + " README.md"), r.out());
  }

  @Test
  void verify_catches_a_record_edited_to_match_an_edited_script() throws Exception {
    assertEquals(0, install("halt-on-deletes").exit());
    Path folder = scripts().resolve("halt-on-deletes");
    Path script = folder.resolve("controller.py");
    String tampered = Files.readString(script).replace("if total <= p['maxDeletes']:",
        "if True:  # never halt");
    Files.writeString(script, tampered);
    ObjectNode record = (ObjectNode) CaseRunner.JSON.readTree(
        Files.readString(folder.resolve(".gallery.json")));
    ((ObjectNode) record.get("files")).put("controller.py", sha256(tampered));
    Files.writeString(folder.resolve(".gallery.json"), record.toPrettyString());

    Result r = verify();
    assertEquals(1, r.exit(), r.all());
    assertTrue(r.out().contains("halt-on-deletes          1.0.0    tampered             the"
        + " record's SHA-256 of controller.py does not match gallery entry 'halt-on-deletes'"
        + " 1.0.0: the record was changed after installation"), r.out());
    Result refused = install("halt-on-deletes");
    assertEquals(1, refused.exit(), "a tampered copy is not silently replaced");
    assertTrue(refused.err().contains("has an install record that does not check out"),
        refused.err());
  }

  @Test
  void verify_catches_an_unreadable_or_foreign_record() throws Exception {
    assertEquals(0, install("file-drop").exit());
    assertEquals(0, install("sql-rowversion").exit());
    Files.writeString(scripts().resolve("file-drop/.gallery.json"), "{\"id\": \"file-drop\"");
    Path sql = scripts().resolve("sql-rowversion/.gallery.json");
    Files.writeString(sql, Files.readString(sql).replace("\"id\": \"sql-rowversion\"",
        "\"id\": \"file-drop\""));
    Result r = verify();
    assertEquals(1, r.exit(), r.all());
    assertTrue(r.out().contains("file-drop                -        tampered             "
        + ".gallery.json is not JSON"), r.out());
    assertTrue(r.out().contains("sql-rowversion           1.0.0    tampered             the record"
        + " is for 'file-drop' but the folder is 'sql-rowversion'"), r.out());
  }

  @Test
  void verify_without_a_gallery_checks_files_against_their_records() throws Exception {
    assertEquals(0, install("nightly-full-import").exit());
    Result r = autosync("gallery", "verify", "--gallery", dir.resolve("nowhere").toString(),
        "--scripts", scripts().toString());
    assertEquals(0, r.exit(), r.all());
    assertTrue(r.err().contains("No gallery at " + dir.resolve("nowhere")
        + ": checking files against their install records only"), r.err());
    assertTrue(r.out().contains("nightly-full-import      1.0.0    intact"), r.out());
  }

  // --- new and index ---------------------------------------------------------------------------

  private GalleryEntry newEntry(Path g, String id, String language, String kind)
      throws Exception {
    Result r = autosync("gallery", "new", id, "--language", language, "--kind", kind,
        "--gallery", g.toString(), "--author", "Test Author");
    assertEquals(0, r.exit(), r.all());
    return Gallery.open(g).require(id);
  }

  @Test
  void new_scaffolds_entries_that_validate_and_pass_their_own_tests(ScriptRuntime runtime)
      throws Exception {
    Path g = dir.resolve("gallery");
    Files.createDirectories(g);
    Files.writeString(g.resolve("index.json"), "{}\n");
    Result r = autosync("gallery", "new", "my-check", "--language", "js", "--gallery",
        g.toString(), "--author", "Test Author");
    assertEquals(0, r.exit(), r.all());
    assertTrue(r.out().contains("Created gallery entry 'my-check' in " + g.resolve("my-check")
        + ": README.md, manifest.json, trigger.js, tests.json"), r.out());
    assertTrue(r.out().contains("Updated " + g.resolve("index.json")), r.out());
    newEntry(g, "my-check-py", "python", "trigger");
    newEntry(g, "my-guard", "javascript", "controller");
    newEntry(g, "my-guard-py", "py", "controller");

    Gallery gallery = Gallery.open(g);
    assertEquals(List.of(), gallery.problems());
    assertEquals(4, gallery.entries().size());
    assertTrue(GalleryIndex.isCurrent(gallery), "new keeps the index current");
    for (GalleryEntry e : gallery.entries()) {
      assertEquals("Test Author", e.manifest().author(), e.id());
      assertEquals(">=0.1.0", e.manifest().api(), e.id());
      List<JsonNode> cases = CaseRunner.cases(e.folder());
      for (int i = 0; i < cases.size(); i++) {
        Path work = Files.createDirectories(dir.resolve("work").resolve(e.id() + "-" + i));
        CaseRunner.run(runtime, e.folder(), cases.get(i), work);
      }
      String readme = Files.readString(e.folder().resolve("README.md"));
      assertFalse(readme.contains("{{"), e.id() + ": every placeholder filled\n" + readme);
    }
    assertTrue(Files.readString(g.resolve("my-check/README.md"))
        .contains("type: script.my-check"));
  }

  @Test
  void new_refuses_a_bad_id_an_existing_entry_and_an_unknown_language() throws Exception {
    Path g = dir.resolve("gallery");
    Result bad = autosync("gallery", "new", "My_Check", "--language", "js", "--gallery",
        g.toString());
    assertEquals(1, bad.exit());
    assertTrue(bad.err().contains("Cannot create gallery entry 'My_Check': Script id 'My_Check'"
        + " must be 1 to 63 lower-case letters, digits and '-'"), bad.err());
    newEntry(g, "taken", "js", "trigger");
    Result again = autosync("gallery", "new", "taken", "--language", "js", "--gallery",
        g.toString());
    assertEquals(1, again.exit());
    assertTrue(again.err().contains(g.resolve("taken") + " already exists"), again.err());
    Result lang = autosync("gallery", "new", "other", "--language", "ruby", "--gallery",
        g.toString());
    assertEquals(2, lang.exit());
    assertTrue(lang.err().contains("--language: expected js or python"), lang.err());
  }

  @Test
  void index_writes_the_index_and_check_says_whether_it_is_current() throws Exception {
    Path g = dir.resolve("gallery");
    newEntry(g, "one", "js", "trigger");
    Result check = autosync("gallery", "index", "--check", "--gallery", g.toString());
    assertEquals(1, check.exit());
    assertTrue(check.out().contains("out of date"), check.out());
    Result write = autosync("gallery", "index", "--gallery", g.toString());
    assertEquals(0, write.exit(), write.all());
    assertTrue(write.out().contains("Wrote " + g.resolve("index.json") + " (1 entries)"),
        write.out());
    assertEquals(0, autosync("gallery", "index", "--check", "--gallery", g.toString()).exit());
  }

  private static String sha256(String text) throws Exception {
    return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
        .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
  }
}
