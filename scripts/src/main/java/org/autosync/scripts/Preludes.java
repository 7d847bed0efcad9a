package org.autosync.scripts;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import org.graalvm.polyglot.Source;

/**
 * The language-side half of the facade: a small script per language ({@code prelude.js}, {@code
 * prelude.py} in this package's resources) that wraps the host bridge into the {@code ctx} /
 * {@code autosync} object of plain values and native errors, and calls the script's functions
 * for the host. Loaded once and shared.
 */
final class Preludes {

  /** Prelude sources are named so; error locations inside them are not the script's. */
  static final String NAME_PREFIX = "autosync-prelude";

  /** The global the prelude defines; the host takes it and removes it before the script runs. */
  static final String INSTALL = "__autosync_install";

  private static final Map<ScriptLanguage, Source> SOURCES = new EnumMap<>(ScriptLanguage.class);

  static {
    for (ScriptLanguage l : ScriptLanguage.values()) {
      String file = "prelude" + l.extension();
      try (InputStream in = Preludes.class.getResourceAsStream(file)) {
        if (in == null) {
          throw new IllegalStateException("Missing resource " + file);
        }
        String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        SOURCES.put(l, Source.newBuilder(l.graalId(), text, NAME_PREFIX + l.extension())
            .buildLiteral());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private Preludes() {}

  static Source of(ScriptLanguage language) {
    return SOURCES.get(language);
  }
}
