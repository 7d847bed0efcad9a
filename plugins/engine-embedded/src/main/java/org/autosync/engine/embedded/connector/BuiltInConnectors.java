package org.autosync.engine.embedded.connector;

import java.util.Map;
import org.autosync.engine.embedded.connector.csv.CsvConnectorFactory;
import org.autosync.engine.embedded.connector.ldap.LdapConnectorFactory;

/**
 * The connectors the embedded engine ships with, by type: {@code ldap} and {@code csv}.
 *
 * <p>Stateless and thread-safe.
 */
public final class BuiltInConnectors {

  private BuiltInConnectors() {}

  /** A new map of the built-in connector factories by type. */
  public static Map<String, ConnectorFactory> all() {
    ConnectorFactory ldap = new LdapConnectorFactory();
    ConnectorFactory csv = new CsvConnectorFactory();
    return Map.of(ldap.type(), ldap, csv.type(), csv);
  }
}
