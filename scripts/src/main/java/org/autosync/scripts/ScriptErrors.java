package org.autosync.scripts;

import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.SourceSection;
import org.jspecify.annotations.Nullable;

/**
 * Turns polyglot exceptions into what operators read: the script's message and its place as
 * {@code file:line}. Stateless.
 */
final class ScriptErrors {

  private ScriptErrors() {}

  /** Where {@code e} happened in guest code, as {@code name:line}; null when unknown. */
  static @Nullable String location(PolyglotException e) {
    SourceSection at = e.getSourceLocation();
    if (at == null || !at.isAvailable()) {
      for (PolyglotException.StackFrame frame : e.getPolyglotStackTrace()) {
        if (frame.isGuestFrame() && frame.getSourceLocation() != null
            && !isPrelude(frame.getSourceLocation())) {
          at = frame.getSourceLocation();
          break;
        }
      }
    }
    if (at == null || isPrelude(at)) {
      return null;
    }
    return at.getSource().getName() + ":" + at.getStartLine();
  }

  /** The guest's message, such as {@code Error: boom} or {@code ValueError: boom}. */
  static String message(PolyglotException e) {
    if (e.isHostException()) {
      Throwable host = e.asHostException();
      return "host error " + host;
    }
    String m = e.getMessage();
    return m == null ? e.getClass().getSimpleName() : m.strip();
  }

  private static boolean isPrelude(SourceSection at) {
    return at.getSource().getName().startsWith(Preludes.NAME_PREFIX);
  }
}
