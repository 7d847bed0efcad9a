package org.autosync.scripts;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.SandboxPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One shared polyglot {@link Engine} per language, built on first use with the same sandbox
 * policy as the contexts (GraalVM requires it) so that contexts share parsed code. Python's first
 * engine use is slow (about 3 s cold); JavaScript's under a second.
 *
 * <p><b>Threading:</b> thread-safe.
 */
final class Engines implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger("autosync.scripts.engine");

  private final ReentrantLock lock = new ReentrantLock();
  private final Map<ScriptLanguage, Engine> engines = new EnumMap<>(ScriptLanguage.class);
  private boolean closed; // guarded by lock

  Engine get(ScriptLanguage language) {
    lock.lock();
    try {
      if (closed) {
        throw new IllegalStateException("The script runtime is closed");
      }
      return engines.computeIfAbsent(language, l -> {
        long start = System.nanoTime();
        Engine engine = Engine.newBuilder(l.graalId())
            .sandbox(SandboxPolicy.CONSTRAINED)
            .out(new LogStream(LOG, false))
            .err(new LogStream(LOG, true))
            // no JIT compiler on a stock JDK: the interpreter is what we want, quietly
            .option("engine.WarnInterpreterOnly", "false")
            .build();
        LOG.info("Started the {} script engine in {} ms", l, (System.nanoTime() - start) / 1_000_000);
        return engine;
      });
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void close() {
    lock.lock();
    try {
      closed = true;
      for (Engine engine : engines.values()) {
        try {
          engine.close(true);
        } catch (RuntimeException e) {
          LOG.warn("Closing a script engine failed", e);
        }
      }
      engines.clear();
    } finally {
      lock.unlock();
    }
  }
}
