package org.autosync.host;

import java.nio.file.Path;
import java.time.InstantSource;
import org.autosync.api.engine.EngineContext;
import org.autosync.host.trigger.SecretResolver;

/**
 * What the host gives the engine it creates: its data folder, the clock and secret resolution.
 *
 * <p>Immutable and thread-safe.
 *
 * @param dataDirectory the engine's data folder
 * @param clock the host's time source
 * @param secrets resolves {@code ${env:...}} and {@code ${file:...}} references
 */
public record HostEngineContext(Path dataDirectory, InstantSource clock, SecretResolver secrets)
    implements EngineContext {

  @Override
  public String resolveSecret(String reference) {
    return secrets.resolve(reference);
  }
}
