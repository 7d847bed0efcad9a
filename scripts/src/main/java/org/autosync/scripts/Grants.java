package org.autosync.scripts;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.autosync.api.trigger.ConfigProblem;
import org.autosync.api.trigger.ParameterValues;
import org.autosync.api.trigger.TriggerConfig;
import org.jspecify.annotations.Nullable;

/**
 * The capabilities one script trigger was granted, each a host object that enforces its grant. A
 * capability the manifest does not ask for, or the configuration does not grant, is absent, and
 * using it is denied with a message saying which of the two is missing.
 *
 * <p><b>Threading:</b> thread-safe.
 */
final class Grants implements AutoCloseable {

  private final Set<Capability> asked;
  private final @Nullable HttpAccess http;
  private final @Nullable LdapAccess ldap;
  private final @Nullable SqlAccess sql;
  private final @Nullable FileAccess files;

  private Grants(Set<Capability> asked, @Nullable HttpAccess http, @Nullable LdapAccess ldap,
      @Nullable SqlAccess sql, @Nullable FileAccess files) {
    this.asked = Set.copyOf(asked);
    this.http = http;
    this.ldap = ldap;
    this.sql = sql;
    this.files = files;
  }

  /** No capability at all. */
  static Grants none() {
    return new Grants(Set.of(), null, null, null, null);
  }

  /**
   * The grants a validated configuration gives for the capabilities {@code asked} for.
   *
   * @param secrets resolves secret references such as {@code ${env:NAME}}
   */
  static Grants from(Set<Capability> asked, TriggerConfig config, UnaryOperator<String> secrets) {
    return from(asked, config.values(), secrets);
  }

  /** The grants in validated configuration {@code values}, for the capabilities {@code asked}. */
  static Grants from(Set<Capability> asked, Map<String, String> values,
      UnaryOperator<String> secrets) {
    Function<String, Optional<String>> value = name -> Optional.ofNullable(values.get(name));
    HttpAccess http = asked.contains(Capability.HTTP)
        ? value.apply(Capability.ALLOW_URLS).map(ParameterValues::parseList)
            .map(HttpAccess::new).orElse(null)
        : null;
    LdapAccess ldap = asked.contains(Capability.LDAP)
        ? value.apply(Capability.ALLOW_LDAP).map(ParameterValues::parseList)
            .map(servers -> new LdapAccess(servers,
                value.apply(Capability.LDAP_BIND_DN).orElse(null),
                value.apply(Capability.LDAP_PASSWORD).map(secrets).orElse(null)))
            .orElse(null)
        : null;
    SqlAccess sql = asked.contains(Capability.SQL)
        ? value.apply(Capability.JDBC_URL).map(url -> new SqlAccess(url,
                value.apply(Capability.JDBC_USER).orElse(null),
                value.apply(Capability.JDBC_PASSWORD).map(secrets).orElse(null)))
            .orElse(null)
        : null;
    FileAccess files = asked.contains(Capability.FILES)
        ? value.apply(Capability.ALLOW_FOLDER).map(Path::of).map(FileAccess::new).orElse(null)
        : null;
    return new Grants(asked, http, ldap, sql, files);
  }

  /** Problems with the grant values of a configuration block (before anything is created). */
  static List<ConfigProblem> check(Map<String, String> values) {
    List<ConfigProblem> problems = new ArrayList<>();
    String urls = values.get(Capability.ALLOW_URLS);
    if (urls != null) {
      String problem = HttpAccess.check(ParameterValues.parseList(urls));
      if (problem != null) {
        problems.add(new ConfigProblem(Capability.ALLOW_URLS, problem.replaceFirst("^allowUrls: ",
            "")));
      }
    }
    String servers = values.get(Capability.ALLOW_LDAP);
    if (servers != null) {
      String problem = LdapAccess.check(ParameterValues.parseList(servers));
      if (problem != null) {
        problems.add(new ConfigProblem(Capability.ALLOW_LDAP, problem.replaceFirst("^allowLdap: ",
            "")));
      }
    }
    String jdbc = values.get(Capability.JDBC_URL);
    if (jdbc != null && !jdbc.strip().startsWith("jdbc:")) {
      problems.add(new ConfigProblem(Capability.JDBC_URL, "expected a JDBC URL such as"
          + " jdbc:postgresql://db:5432/hr, got '" + jdbc + "'"));
    }
    String folder = values.get(Capability.ALLOW_FOLDER);
    if (folder != null && (folder.isBlank() || !Path.of(folder.strip()).isAbsolute())) {
      problems.add(new ConfigProblem(Capability.ALLOW_FOLDER, "expected an absolute folder path,"
          + " got '" + folder + "'"));
    }
    return problems;
  }

  HttpAccess http() {
    if (http == null) {
      throw denied(Capability.HTTP, Capability.ALLOW_URLS);
    }
    return http;
  }

  LdapAccess ldap() {
    if (ldap == null) {
      throw denied(Capability.LDAP, Capability.ALLOW_LDAP);
    }
    return ldap;
  }

  SqlAccess sql() {
    if (sql == null) {
      throw denied(Capability.SQL, Capability.JDBC_URL);
    }
    return sql;
  }

  FileAccess files() {
    if (files == null) {
      throw denied(Capability.FILES, Capability.ALLOW_FOLDER);
    }
    return files;
  }

  private CapabilityDenied denied(Capability c, String grant) {
    if (!asked.contains(c)) {
      return new CapabilityDenied("ctx." + c.label() + " is not available: the script's manifest"
          + " does not ask for the '" + c.label() + "' capability");
    }
    return new CapabilityDenied("ctx." + c.label() + " is not available: the trigger's"
        + " configuration does not grant it (set " + grant + ")");
  }

  @Override
  public void close() {
    if (http != null) {
      http.close();
    }
  }
}
