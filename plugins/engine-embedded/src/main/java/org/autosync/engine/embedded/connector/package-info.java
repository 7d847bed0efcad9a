/**
 * The embedded engine's connector SPI: how the engine reads a connected system (full and delta
 * import) and writes to it (export). A connector knows nothing of connector spaces, anchors or the
 * metaverse; it moves entries.
 *
 * <p>{@link org.autosync.engine.embedded.connector.ConnectorFactory} creates a {@link
 * org.autosync.engine.embedded.connector.Connector} from its options; built in: {@code ldap} and
 * {@code csv}.
 */
@NullMarked
package org.autosync.engine.embedded.connector;

import org.jspecify.annotations.NullMarked;
