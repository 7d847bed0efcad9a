package org.autosync.engine.embedded;

import java.util.Map;
import org.autosync.api.engine.EngineContext;
import org.autosync.api.engine.EngineFactory;
import org.autosync.api.engine.SyncEngine;
import org.autosync.engine.embedded.config.EngineConfigs;
import org.autosync.engine.embedded.connector.BuiltInConnectors;
import org.pf4j.Extension;

/**
 * Contributes the embedded engine (type {@code embedded}) to the host. The settings are the
 * engine's configuration block (see {@link org.autosync.engine.embedded.config.EngineConfig});
 * an invalid block is refused with every problem and its field path.
 *
 * <p>Stateless and thread-safe.
 */
@Extension
public final class EmbeddedEngineFactory implements EngineFactory {

  public static final String TYPE = "embedded";

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public SyncEngine create(Map<String, Object> settings, EngineContext context) {
    return EmbeddedEngine.open(EngineConfigs.fromMap(settings), BuiltInConnectors.all(), context);
  }
}
