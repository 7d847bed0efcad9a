package org.autosync.host.gallery;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.autosync.api.trigger.ParameterDescriptor;
import org.autosync.scripts.Capability;
import org.autosync.scripts.ScriptManifest;

/**
 * The gallery's {@code index.json}: every usable entry's manifest and the SHA-256 of the files
 * an installation gets, sorted by id, so that a catalogue can be served as one static file and
 * checked file by file.
 *
 * <pre>{@code
 * {
 *   "format": 1,
 *   "generatedBy": "autosync gallery index",
 *   "entries": [
 *     {
 *       "id": "delta-import-every", "name": "...", "version": "1.0.0", "kind": "trigger",
 *       "language": "javascript", "description": "...", "entry": "trigger.js",
 *       "capabilities": [], "api": ">=0.1.0", "author": "...", "license": "Apache-2.0",
 *       "parameters": [{"name": "every", "type": "duration", "required": false,
 *                       "default": "5m", "description": "...", "values": []}],
 *       "files": {"README.md": "…", "manifest.json": "…", "trigger.js": "…"}
 *     }
 *   ]
 * }
 * }</pre>
 *
 * <p>The text depends only on the entries (no dates), so a test can tell when the committed
 * index is out of date. Stateless and thread-safe.
 */
public final class GalleryIndex {

  /** The index format's version. */
  public static final int FORMAT = 1;

  private GalleryIndex() {}

  /** The index of {@code gallery}, as the file's text. */
  public static String render(Gallery gallery) {
    ObjectNode root = Json.MAPPER.createObjectNode();
    root.put("format", FORMAT);
    root.put("generatedBy", "autosync gallery index");
    ArrayNode entries = root.putArray("entries");
    for (GalleryEntry e : gallery.entries()) {
      ScriptManifest m = e.manifest();
      ObjectNode n = entries.addObject();
      n.put("id", m.id());
      n.put("name", m.name());
      n.put("version", m.version());
      n.put("kind", m.kind().name().toLowerCase(Locale.ROOT));
      n.put("language", m.language().label());
      n.put("description", m.description());
      n.put("entry", m.entry());
      ArrayNode caps = n.putArray("capabilities");
      m.capabilities().stream().map(Capability::label).sorted().forEach(caps::add);
      n.put("api", m.api());
      n.put("author", m.author());
      n.put("license", m.license());
      ArrayNode params = n.putArray("parameters");
      for (ParameterDescriptor p : m.parameters()) {
        ObjectNode pn = params.addObject();
        pn.put("name", p.name());
        pn.put("type", p.type().name().toLowerCase(Locale.ROOT));
        pn.put("required", p.required());
        if (p.defaultValue() == null) {
          pn.putNull("default");
        } else {
          pn.put("default", p.defaultValue());
        }
        pn.put("description", p.description());
        ArrayNode values = pn.putArray("values");
        p.allowedValues().forEach(values::add);
      }
      ObjectNode files = n.putObject("files");
      e.files().forEach(files::put);
    }
    return Json.pretty(root);
  }

  /** Writes {@code gallery}'s index to {@code <gallery>/index.json}; returns the file. */
  public static Path write(Gallery gallery) throws IOException {
    Path file = gallery.folder().resolve(Gallery.INDEX_FILE);
    Json.writeAtomically(file, render(gallery));
    return file;
  }

  /** Whether {@code <gallery>/index.json} is what {@link #render} gives now. */
  public static boolean isCurrent(Gallery gallery) throws IOException {
    Path file = gallery.folder().resolve(Gallery.INDEX_FILE);
    return Files.isRegularFile(file) && Files.readString(file).equals(render(gallery));
  }
}
