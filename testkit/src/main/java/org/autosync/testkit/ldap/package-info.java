/**
 * Real LDAP servers for tests: {@link org.autosync.testkit.ldap.Slapd} runs a throwaway OpenLDAP
 * {@code slapd} with content sync (RFC 4533) and the accesslog overlay.
 */
@NullMarked
package org.autosync.testkit.ldap;

import org.jspecify.annotations.NullMarked;
