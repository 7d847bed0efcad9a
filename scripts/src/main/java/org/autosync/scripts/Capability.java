package org.autosync.scripts;

import java.util.List;
import java.util.Locale;
import org.autosync.api.trigger.ParameterDescriptor;
import org.autosync.api.trigger.ParameterType;

/**
 * Something a script may do outside its sandbox, only when its manifest asks for it and the
 * trigger's configuration grants it. Each capability is a host function that checks every call
 * against the grant; a script whose manifest does not name a capability cannot be granted it.
 *
 * <table>
 *   <caption>Capabilities and their grants</caption>
 *   <tr><th>capability</th><th>script API</th><th>grant parameters</th></tr>
 *   <tr><td>{@code http}</td><td>{@code ctx.http.get/post/request}</td>
 *       <td>{@code allowUrls}: URL prefixes; redirects are checked too</td></tr>
 *   <tr><td>{@code ldap}</td><td>{@code ctx.ldap.search}, {@code ctx.ldap.changes}</td>
 *       <td>{@code allowLdap}: servers as {@code ldap://host:port}; {@code ldapBindDn},
 *       {@code ldapPassword}</td></tr>
 *   <tr><td>{@code sql}</td><td>{@code ctx.sql.query}</td>
 *       <td>{@code jdbcUrl}, {@code jdbcUser}, {@code jdbcPassword}; queries only</td></tr>
 *   <tr><td>{@code files}</td><td>{@code ctx.files.read/list}</td>
 *       <td>{@code allowFolder}: reads under it, after resolving links and {@code ..}</td></tr>
 * </table>
 *
 * <p>Immutable and thread-safe.
 */
public enum Capability {
  HTTP("http"),
  LDAP("ldap"),
  SQL("sql"),
  FILES("files");

  static final String ALLOW_URLS = "allowUrls";
  static final String ALLOW_LDAP = "allowLdap";
  static final String LDAP_BIND_DN = "ldapBindDn";
  static final String LDAP_PASSWORD = "ldapPassword";
  static final String JDBC_URL = "jdbcUrl";
  static final String JDBC_USER = "jdbcUser";
  static final String JDBC_PASSWORD = "jdbcPassword";
  static final String ALLOW_FOLDER = "allowFolder";

  private final String label;

  Capability(String label) {
    this.label = label;
  }

  /** The name manifests use, such as {@code http}. */
  public String label() {
    return label;
  }

  /**
   * The trigger parameters that grant this capability.
   *
   * @param required whether the main grant parameter is required (a script whose manifest asks
   *     for the capability) or optional (a plain script without a manifest)
   */
  public List<ParameterDescriptor> grantParameters(boolean required) {
    return switch (this) {
      case HTTP -> List.of(grant(required, ALLOW_URLS, ParameterType.LIST,
          "URL prefixes the script may request, such as https://api.example.com/v1/"));
      case LDAP -> List.of(
          grant(required, ALLOW_LDAP, ParameterType.LIST,
              "LDAP servers the script may search, such as ldap://dc1.example.com:389"),
          ParameterDescriptor.optional(LDAP_BIND_DN, ParameterType.STRING, null,
              "The DN to bind as; default an anonymous bind"),
          ParameterDescriptor.optional(LDAP_PASSWORD, ParameterType.SECRET, null,
              "The bind password, as a secret reference such as ${env:LDAP_PASSWORD}"));
      case SQL -> List.of(
          grant(required, JDBC_URL, ParameterType.STRING,
              "The JDBC URL of the database the script may query; its driver must be on"
                  + " AutoSync's class path"),
          ParameterDescriptor.optional(JDBC_USER, ParameterType.STRING, null,
              "The database user"),
          ParameterDescriptor.optional(JDBC_PASSWORD, ParameterType.SECRET, null,
              "The database password, as a secret reference such as ${env:DB_PASSWORD}"));
      case FILES -> List.of(grant(required, ALLOW_FOLDER, ParameterType.STRING,
          "The folder under which the script may list and read files"));
    };
  }

  private static ParameterDescriptor grant(boolean required, String name, ParameterType type,
      String description) {
    return required
        ? ParameterDescriptor.required(name, type, description)
        : ParameterDescriptor.optional(name, type, null, description);
  }

  /**
   * Parses a manifest's capability name, ignoring case.
   *
   * @throws IllegalArgumentException naming the known capabilities
   */
  public static Capability parse(String text) {
    for (Capability c : values()) {
      if (c.label.equalsIgnoreCase(text.strip())) {
        return c;
      }
    }
    throw new IllegalArgumentException("unknown capability '" + text
        + "'; expected http, ldap, sql or files");
  }

  @Override
  public String toString() {
    return label.toLowerCase(Locale.ROOT);
  }
}
