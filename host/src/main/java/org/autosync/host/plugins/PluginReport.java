package org.autosync.host.plugins;

import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What became of one plugin: its identity, state, what it contributes, and why it failed.
 *
 * <p>Immutable and thread-safe.
 *
 * @param id the plugin's id; the file name when it could not even be read
 * @param version its version; empty when unknown
 * @param path where it was loaded from
 * @param state {@code STARTED}, {@code FAILED}, {@code DISABLED}, ...
 * @param problem why it is not running; null when it is
 * @param contributes the engine and trigger types it contributes
 */
public record PluginReport(String id, String version, Path path, String state,
    @Nullable String problem, List<String> contributes) {

  public PluginReport {
    contributes = List.copyOf(contributes);
  }

  public boolean ok() {
    return problem == null;
  }
}
