package org.autosync.host.trigger;

/** How the supervisor treats throwables from trigger and listener code. */
final class Failures {

  private Failures() {}

  /**
   * Rethrows errors the host must not survive by carrying on (out of memory, internal JVM errors).
   * A stack overflow has already unwound, and a linkage error is a broken plugin: both are treated
   * as the trigger's failure.
   */
  static void rethrowIfFatal(Throwable t) {
    if (t instanceof VirtualMachineError && !(t instanceof StackOverflowError)) {
      throw (VirtualMachineError) t;
    }
    if (t instanceof InterruptedException) {
      Thread.currentThread().interrupt();
    }
  }

  /** The throwable's message, or its type when it has none. */
  static String describe(Throwable t) {
    String message = t.getMessage();
    return message == null || message.isBlank() ? t.getClass().getName() : message;
  }
}
