package org.autosync.api.engine;

import java.util.Map;
import org.pf4j.ExtensionPoint;

/**
 * Contributes a sync engine type from a plugin; the host picks one by {@link #type()}.
 *
 * <p>Instances are created by pf4j and must have a public no-argument constructor. {@link
 * #create} is called once at start-up from the host's main thread.
 *
 * <pre>{@code
 * @Extension
 * public final class MyEngineFactory implements EngineFactory {
 *   public String type() { return "my-engine"; }
 *   public SyncEngine create(Map<String, Object> settings, EngineContext context) {
 *     return new MyEngine(context.resolveSecret((String) settings.get("password")));
 *   }
 * }
 * }</pre>
 */
public interface EngineFactory extends ExtensionPoint {

  /** The type name operators put in configuration, such as {@code embedded} or {@code mim}. */
  String type();

  /**
   * Creates the engine from its block of the configuration.
   *
   * @throws IllegalArgumentException naming the setting and what was expected when the block is
   *     invalid
   */
  SyncEngine create(Map<String, Object> settings, EngineContext context);
}
