/**
 * Directory change triggers: {@code ad-notify} (AD/LDS change notification), {@code ldap-psearch}
 * (persistent search), {@code ldap-syncrepl} (RFC 4533 content sync) and {@code ldap-changelog}
 * ({@code cn=changelog} polling). Each fires an import when entries under a base DN change.
 *
 * <p>The public types are the pf4j extensions ({@link
 * org.autosync.trigger.directory.AdNotifyTriggerFactory}, {@link
 * org.autosync.trigger.directory.PersistentSearchTriggerFactory}, {@link
 * org.autosync.trigger.directory.ContentSyncTriggerFactory}, {@link
 * org.autosync.trigger.directory.LdapChangelogTriggerFactory}); everything else is
 * package-private. {@code WatchingTrigger} holds what they share - connecting through an {@code
 * Endpoint}, reconnecting with backoff, catch-up, health, batching - and runs every blocking LDAP
 * call on the trigger's own virtual thread; change notifications arrive on UnboundID's reader
 * threads and only signal.
 */
@NullMarked
package org.autosync.trigger.directory;

import org.jspecify.annotations.NullMarked;
