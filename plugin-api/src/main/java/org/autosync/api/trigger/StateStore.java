package org.autosync.api.trigger;

import java.util.Optional;

/**
 * Persisted key-value state private to one trigger instance, such as a change number or a
 * timestamp watermark. Survives restarts of the host.
 *
 * <p><b>Threading:</b> thread-safe; {@code put} and {@code remove} are durable when they return.
 */
public interface StateStore {

  Optional<String> get(String key);

  void put(String key, String value);

  void remove(String key);
}
