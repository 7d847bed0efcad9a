package org.autosync.scripts;

import java.util.Objects;
import org.graalvm.polyglot.HostAccess;

/**
 * The only host object a script's context holds, and only inside its prelude: one exported
 * method taking and returning JSON text, so that no host class, method or object ever reaches
 * script code. It never throws: errors come back as an envelope the prelude turns into the
 * language's own exception ({@code PermissionError}, {@code ValueError}, {@code AutoSyncError}).
 *
 * <p>Public only because GraalVM exports members of public classes; scripts cannot construct or
 * look it up.
 *
 * <p><b>Threading:</b> called on the thread that runs the script.
 */
public final class ScriptBridge {

  /** What the bridge calls. */
  @FunctionalInterface
  interface Handler {
    /** Performs {@code op} with its JSON arguments; returns the JSON envelope; never throws. */
    String call(String op, String argsJson);
  }

  private final Handler handler;

  ScriptBridge(Handler handler) {
    this.handler = Objects.requireNonNull(handler, "handler");
  }

  /** Performs one facade operation for the prelude. */
  @HostAccess.Export
  public String call(String op, String argsJson) {
    return handler.call(op, argsJson);
  }

  @Override
  public String toString() {
    return "autosync";
  }
}
