/**
 * MIM's run-history XML for the embedded engine: {@link
 * org.autosync.engine.embedded.history.RunHistoryXml} writes a run's {@link
 * org.autosync.api.engine.RunDetails} in the shape {@code MIIS_ManagementAgent.RunDetails()} returns,
 * and reads that shape back, from the embedded engine or from a real MIM server.
 *
 * <p>Everything but {@code RunHistoryXml} is package-private.
 */
@NullMarked
package org.autosync.engine.embedded.history;

import org.jspecify.annotations.NullMarked;
