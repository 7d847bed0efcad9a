/**
 * Scripts in JavaScript (GraalJS) and Python (GraalPy): script triggers now, controller scripts
 * next.
 *
 * <p>A {@link org.autosync.scripts.ScriptRuntime} holds one shared polyglot engine per language
 * and scans a scripts folder into a {@link org.autosync.scripts.ScriptCatalog}; each installed
 * trigger script (a {@link org.autosync.scripts.ScriptManifest} and its entry file) becomes a
 * trigger type {@code script.<id>} that the host binds and supervises like a plugin's.
 *
 * <p><b>Sandbox.</b> Each script runs in its own context under {@code SandboxPolicy.CONSTRAINED}:
 * no file, socket, process, environment, thread, native or host-class access. The only host
 * object in the context is a bridge with one exported method taking and returning JSON text, and
 * the language prelude hides it behind {@code ctx} (also the global {@code autosync}) built of
 * plain values. {@link org.autosync.scripts.Capability capabilities} (HTTP, LDAP, SQL, files) are
 * host functions that check each call against the trigger's grant.
 *
 * <p><b>Time.</b> Every call into a script — loading, {@code poll}, {@code start}, {@code stop},
 * callbacks — holds the context's lock and runs under a watchdog deadline; a runaway call is
 * interrupted, logged with its file and line, and the trigger's {@code onError} policy applies.
 * Calls run on the trigger's own lane, never on the host's scheduler thread.
 *
 * <p>The public types are the runtime, the catalog, the manifest, languages, capabilities, the
 * exception and the bridge GraalVM needs public; everything else is package-private.
 */
@NullMarked
package org.autosync.scripts;

import org.jspecify.annotations.NullMarked;
