/**
 * AutoSync's plugin API: the types trigger and engine plugin authors compile against.
 *
 * <p>{@link org.autosync.api.ExecutionRequest} is what triggers, follow-up planning and operators
 * hand to the execution controller. The engine SPI lives in {@link org.autosync.api.engine}, the
 * trigger SPI in {@link org.autosync.api.trigger}.
 */
@NullMarked
package org.autosync.api;

import org.jspecify.annotations.NullMarked;
