package org.autosync.testkit;

import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Runs blocking test work on a thread of its own (the common fork-join pool may have a single
 * worker, which one blocked run would hold).
 */
final class Async {
  private Async() {}

  static <T> CompletableFuture<T> supply(Supplier<T> work) {
    CompletableFuture<T> future = new CompletableFuture<>();
    Thread.ofPlatform().daemon().name("test-async").start(() -> {
      try {
        future.complete(work.get());
      } catch (Throwable t) {
        future.completeExceptionally(t);
      }
    });
    return future;
  }
}
