/**
 * An example AutoSync trigger plugin: the {@code file-touch} trigger type, which runs a delta
 * import when a file's modification time changes. Public: the factory only; the trigger is
 * package-private.
 */
@NullMarked
package org.example.autosync.filetouch;

import org.jspecify.annotations.NullMarked;
