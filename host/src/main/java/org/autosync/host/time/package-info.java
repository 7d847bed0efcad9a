/**
 * Time for the host: the real {@link org.autosync.host.time.SystemScheduler} behind the plugin API's
 * {@link org.autosync.api.trigger.Scheduler} seam.
 */
@NullMarked
package org.autosync.host.time;

import org.jspecify.annotations.NullMarked;
