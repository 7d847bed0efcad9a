/**
 * The embedded engine's LDAP connector: {@link
 * org.autosync.engine.embedded.connector.ldap.LdapConnectorFactory} (type {@code ldap}) and its
 * package-private implementation over the UnboundID LDAP SDK.
 */
@NullMarked
package org.autosync.engine.embedded.connector.ldap;

import org.jspecify.annotations.NullMarked;
