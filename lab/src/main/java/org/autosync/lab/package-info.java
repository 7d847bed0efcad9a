/**
 * Lab directories for AutoSync's demo, tests and benchmarks: server behaviours that UnboundID's
 * {@link com.unboundid.ldap.listener.InMemoryDirectoryServer} does not have, added with an
 * operation interceptor.
 *
 * <p>{@link org.autosync.lab.ChangeNotificationEmulator} gives an in-memory server Active
 * Directory change notification (with {@code uSNChanged}, {@code objectGUID} and Show Deleted
 * tombstones) and persistent search:
 *
 * <pre>{@code
 * InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig("dc=example,dc=com");
 * config.setListenerConfigs(InMemoryListenerConfig.createLDAPConfig("ldap",
 *     InetAddress.getLoopbackAddress(), 0, null));
 * ChangeNotificationEmulator emulator = ChangeNotificationEmulator.install(config);
 * InMemoryDirectoryServer server = new InMemoryDirectoryServer(config);
 * emulator.attach(server);
 * server.startListening();
 * ...
 * emulator.close(); // ends the open notification searches, then shuts the server down
 * }</pre>
 */
@NullMarked
package org.autosync.lab;

import org.jspecify.annotations.NullMarked;
