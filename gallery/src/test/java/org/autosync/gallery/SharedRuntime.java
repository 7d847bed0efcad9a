package org.autosync.gallery;

import java.time.Duration;
import org.autosync.scripts.ScriptRuntime;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Hands tests one {@link ScriptRuntime} for the whole run (Python's engine takes seconds to start,
 * so it is shared as in production), closed when the run ends. Script calls run on the test's own
 * thread, so a manual clock drives everything and nothing needs waiting for.
 */
final class SharedRuntime implements ParameterResolver {

  @Override
  public boolean supportsParameter(ParameterContext p, ExtensionContext e) {
    return p.getParameter().getType() == ScriptRuntime.class;
  }

  @Override
  public Object resolveParameter(ParameterContext p, ExtensionContext e) {
    return get(e);
  }

  static ScriptRuntime get(ExtensionContext e) {
    return e.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
        .getOrComputeIfAbsent(SharedRuntime.class, k -> new Holder(), Holder.class).runtime;
  }

  /** Closed with the root context's store (JUnit closes AutoCloseable values). */
  private static final class Holder implements AutoCloseable {
    final ScriptRuntime runtime = ScriptRuntime.builder()
        .laneExecutor(Runnable::run)
        // entries are not edited while their cases run; checking for edits every 2 s would
        // read and hash the file tens of thousands of times as cases move the clock by days
        .reloadCheckInterval(Duration.ofDays(1))
        .interruptGrace(Duration.ofSeconds(5))
        .build();

    @Override
    public void close() {
      runtime.close();
    }
  }
}
