/**
 * Running triggers (DESIGN §4): {@link org.autosync.host.trigger.TriggerSupervisor} starts trigger
 * instances, gives each a context, contains their failures and restarts them with backoff.
 *
 * <p>Public: the supervisor and the records and listener it speaks in, {@link
 * org.autosync.host.trigger.RestartPolicy} and {@link org.autosync.host.trigger.SecretResolver}.
 * Everything else (the per-trigger context, its scheduler wrapper, the state files) is
 * package-private.
 */
@NullMarked
package org.autosync.host.trigger;

import org.jspecify.annotations.NullMarked;
