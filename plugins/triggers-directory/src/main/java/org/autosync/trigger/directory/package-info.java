/**
 * Directory change triggers: {@code ldap-changelog} polls an LDAP server's {@code cn=changelog}
 * (draft-good-ldap-changelog) and fires an import when entries under a base DN change.
 *
 * <p>The public type is the pf4j extension {@link
 * org.autosync.trigger.directory.LdapChangelogTriggerFactory}; everything else is package-private.
 * All LDAP work happens on the context's scheduler thread, one poll at a time.
 */
@NullMarked
package org.autosync.trigger.directory;

import org.jspecify.annotations.NullMarked;
