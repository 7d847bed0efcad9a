/**
 * The engine SPI: what AutoSync needs from a sync engine (Microsoft Identity Manager through WMI,
 * or the embedded engine) to run profiles and plan the work that follows a run.
 *
 * <p>An engine adapter implements {@link org.autosync.api.engine.SyncEngine}; it may also implement
 * the small capability {@link org.autosync.api.engine.RunEventSource} when it can report runs as
 * they start and end. Plugins contribute engines through {@link
 * org.autosync.api.engine.EngineFactory}.
 */
@NullMarked
package org.autosync.api.engine;

import org.jspecify.annotations.NullMarked;
