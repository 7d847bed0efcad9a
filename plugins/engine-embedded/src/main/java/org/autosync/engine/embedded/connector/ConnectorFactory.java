package org.autosync.engine.embedded.connector;

import java.util.List;
import java.util.Map;

/**
 * Creates connectors of one type from their options.
 *
 * <p>Thread-safe and stateless.
 */
public interface ConnectorFactory {

  /** The type name in configuration, such as {@code ldap} or {@code csv}. */
  String type();

  /** Every option this type accepts, for messages and schemas. */
  List<String> options();

  /**
   * Checks options without connecting.
   *
   * @return problems as "option: what is wrong and what was expected"; empty when valid
   */
  List<String> validate(Map<String, String> options);

  /** Creates a connector; the options have been validated. Connects lazily. */
  Connector create(Map<String, String> options, ConnectorContext context);
}
