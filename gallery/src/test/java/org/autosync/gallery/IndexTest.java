package org.autosync.gallery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.autosync.host.gallery.Gallery;
import org.autosync.host.gallery.GalleryEntry;
import org.autosync.host.gallery.GalleryIndex;
import org.junit.jupiter.api.Test;

/**
 * The committed {@code gallery/index.json} is what the entries give now. When it is not, the
 * failure names the entries that changed and how to regenerate it; {@code -Dgallery.regenerate}
 * writes it instead of failing.
 */
class IndexTest {

  static final String REGENERATE = "./dev mvn -q -o -pl gallery -am verify -Dgallery.regenerate"
      + " (or: autosync gallery index --gallery gallery)";

  @Test
  void the_committed_index_is_current() throws Exception {
    Gallery gallery = GalleryFolder.open();
    Path file = gallery.folder().resolve(Gallery.INDEX_FILE);
    if (System.getProperty("gallery.regenerate") != null) {
      GalleryIndex.write(gallery);
      return;
    }
    if (!Files.exists(file)) {
      fail("gallery/index.json is missing; generate it: " + REGENERATE);
    }
    if (!GalleryIndex.isCurrent(gallery)) {
      fail("gallery/index.json is out of date (" + changes(Files.readString(file),
          GalleryIndex.render(gallery)) + "); regenerate it: " + REGENERATE);
    }
  }

  @Test
  void the_index_lists_every_entry_with_the_sha256_of_its_installed_files() throws Exception {
    Gallery gallery = GalleryFolder.open();
    JsonNode index = CaseRunner.JSON.readTree(GalleryIndex.render(gallery));
    assertEquals(GalleryIndex.FORMAT, index.get("format").asInt());
    List<String> ids = new ArrayList<>();
    index.get("entries").forEach(e -> ids.add(e.get("id").asText()));
    assertEquals(gallery.entries().stream().map(GalleryEntry::id).toList(), ids);
    for (JsonNode e : index.get("entries")) {
      GalleryEntry entry = gallery.require(e.get("id").asText());
      Map<String, String> files = new LinkedHashMap<>();
      e.get("files").properties().forEach(f -> files.put(f.getKey(), f.getValue().asText()));
      assertEquals(entry.files(), files, entry.id());
      assertEquals(Set.of("README.md", "manifest.json", entry.manifest().entry()),
          files.keySet(), entry.id() + ": tests.json is not installed");
    }
  }

  /** Which entries differ between two index texts, for the failure message. */
  private static String changes(String committed, String current) {
    Map<String, JsonNode> before = byId(committed);
    Map<String, JsonNode> after = byId(current);
    Set<String> ids = new TreeSet<>(before.keySet());
    ids.addAll(after.keySet());
    List<String> changed = new ArrayList<>();
    for (String id : ids) {
      if (!before.containsKey(id)) {
        changed.add(id + " added");
      } else if (!after.containsKey(id)) {
        changed.add(id + " removed");
      } else if (!before.get(id).equals(after.get(id))) {
        changed.add(id + " changed");
      }
    }
    return changed.isEmpty() ? "formatting differs" : String.join(", ", changed);
  }

  private static Map<String, JsonNode> byId(String text) {
    Map<String, JsonNode> result = new LinkedHashMap<>();
    try {
      CaseRunner.JSON.readTree(text).path("entries")
          .forEach(e -> result.put(e.path("id").asText(), e));
    } catch (Exception e) {
      result.put("(unreadable index)", CaseRunner.JSON.nullNode());
    }
    return result;
  }
}
