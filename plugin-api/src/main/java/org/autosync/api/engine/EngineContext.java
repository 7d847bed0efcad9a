package org.autosync.api.engine;

import java.nio.file.Path;
import java.time.InstantSource;

/**
 * What the host gives an engine it creates: where it may keep data, the host's clock, and secret
 * resolution.
 *
 * <p>Thread-safe.
 */
public interface EngineContext {

  /** A folder the engine may use for its state; relative paths in its settings resolve here. */
  Path dataDirectory();

  /** The host's time source. */
  InstantSource clock();

  /**
   * Resolves a secret reference such as {@code ${env:NAME}} or {@code ${file:/path}}; other text
   * is returned as it is. Never log the result.
   *
   * @throws IllegalArgumentException naming the reference when it cannot be resolved
   */
  String resolveSecret(String reference);
}
