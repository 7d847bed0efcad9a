package org.autosync.testkit;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.autosync.api.trigger.StateStore;

/**
 * A {@link StateStore} in memory. Pass the same store to a second trigger to test that a
 * watermark survives a restart.
 *
 * <pre>{@code
 * InMemoryStateStore state = new InMemoryStateStore();
 * try (RunningTrigger first = TriggerTestKit.forFactory(factory).stateStore(state).start(values, ma)) {
 *   ... // the trigger saves its change number
 * }
 * assertEquals(Optional.of("4711"), state.get("changeNumber"));
 * }</pre>
 *
 * <p><b>Threading:</b> thread-safe.
 */
public final class InMemoryStateStore implements StateStore {
  private final Map<String, String> values = new ConcurrentHashMap<>();

  @Override
  public Optional<String> get(String key) {
    return Optional.ofNullable(values.get(Objects.requireNonNull(key, "key")));
  }

  @Override
  public void put(String key, String value) {
    values.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
  }

  @Override
  public void remove(String key) {
    values.remove(Objects.requireNonNull(key, "key"));
  }

  /** A copy of every entry. */
  public Map<String, String> snapshot() {
    return Map.copyOf(values);
  }

  @Override
  public String toString() {
    return "InMemoryStateStore" + values.keySet();
  }
}
