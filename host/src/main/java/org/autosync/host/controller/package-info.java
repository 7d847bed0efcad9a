/**
 * The execution controller: per-MA queues, admission, follow-up planning from run history,
 * reconciliation with the engine, retries, time limits, staging thresholds, status and events.
 *
 * <p>{@link org.autosync.host.controller.ExecutionController} is the entry point; the rest of the
 * package is small components that each make one kind of decision and say why.
 */
@NullMarked
package org.autosync.host.controller;

import org.jspecify.annotations.NullMarked;
