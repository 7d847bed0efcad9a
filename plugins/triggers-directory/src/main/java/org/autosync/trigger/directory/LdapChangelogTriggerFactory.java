package org.autosync.trigger.directory;

import org.autosync.api.trigger.RunTarget;

import com.unboundid.ldap.sdk.DN;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.autosync.api.trigger.ConfigProblem;
import org.autosync.api.trigger.ParameterDescriptor;
import org.autosync.api.trigger.ParameterType;
import org.autosync.api.trigger.ParameterValues;
import org.autosync.api.trigger.Trigger;
import org.autosync.api.trigger.TriggerConfig;
import org.autosync.api.trigger.TriggerFactory;
import org.autosync.api.trigger.TriggerType;
import org.pf4j.Extension;

/**
 * The {@code ldap-changelog} trigger type: polls an LDAP server's {@code cn=changelog}
 * (draft-good-ldap-changelog) and fires an import when an entry at or under {@code baseDn} changed.
 *
 * <p>A configuration block:
 *
 * <pre>{@code
 * host: ldap1.example.org    # required
 * port: 389                  # default 389
 * bindDn: cn=autosync        # optional; anonymous when absent
 * password: ${env:LDAP_PW}   # secret reference, resolved through the host
 * baseDn: ou=people,o=corp   # required: only changes at or under it count
 * interval: 2s               # how often to poll; default 2s, at least 100ms
 * profileType: DeltaImport   # or profile: "Delta import"; partition, exclusive, front
 * }</pre>
 *
 * <p>The last change number handled is kept in the trigger's state. See {@link
 * LdapChangelogTrigger} for when it fires.
 *
 * <p>Stateless and thread-safe; pf4j creates it.
 */
@Extension
public final class LdapChangelogTriggerFactory implements TriggerFactory {

  /** The type's id. */
  public static final String TYPE = "ldap-changelog";

  static final String HOST = "host";
  static final String PORT = "port";
  static final String BIND_DN = "bindDn";
  static final String PASSWORD = "password";
  static final String BASE_DN = "baseDn";
  static final String INTERVAL = "interval";

  static final Duration MIN_INTERVAL = Duration.ofMillis(100);

  private static final TriggerType TRIGGER_TYPE;

  static {
    List<ParameterDescriptor> parameters = new ArrayList<>(List.of(
        ParameterDescriptor.required(HOST, ParameterType.STRING,
            "The LDAP server's host name or address"),
        ParameterDescriptor.optional(PORT, ParameterType.INTEGER, "389",
            "The LDAP server's port, 1-65535"),
        ParameterDescriptor.optional(BIND_DN, ParameterType.STRING, null,
            "The DN to bind as; anonymous when absent"),
        ParameterDescriptor.optional(PASSWORD, ParameterType.SECRET, null,
            "The bind password, as a secret reference such as ${env:LDAP_PASSWORD}"),
        ParameterDescriptor.required(BASE_DN, ParameterType.STRING,
            "Only changes to entries at or under this DN fire"),
        ParameterDescriptor.optional(INTERVAL, ParameterType.DURATION, "2s",
            "How often to read the change log")));
    parameters.addAll(RunTarget.PARAMETERS);
    TRIGGER_TYPE = new TriggerType(TYPE, "LDAP change log",
        "Polls an LDAP server's cn=changelog (draft-good-ldap-changelog) and runs a profile when"
            + " an entry under the base DN changed; catches up once at start and after reconnecting",
        parameters);
  }

  @Override
  public TriggerType type() {
    return TRIGGER_TYPE;
  }

  @Override
  public List<ConfigProblem> validate(Map<String, String> values) {
    List<ConfigProblem> problems = new ArrayList<>(TriggerFactory.validateDeclared(type(), values));
    String host = values.get(HOST);
    if (host != null && host.isBlank()) {
      problems.add(new ConfigProblem(HOST, "must not be blank"));
    }
    String port = values.get(PORT);
    if (port != null && !has(problems, PORT)) {
      long p = ParameterValues.parseInteger(port);
      if (p < 1 || p > 65535) {
        problems.add(new ConfigProblem(PORT, "must be between 1 and 65535, got " + p));
      }
    }
    String baseDn = values.get(BASE_DN);
    if (baseDn != null && (baseDn.isBlank() || !DN.isValidDN(baseDn))) {
      problems.add(new ConfigProblem(BASE_DN,
          "must be a valid, non-empty DN such as ou=people,o=corp; got '" + baseDn + "'"));
    }
    String bindDn = values.get(BIND_DN);
    if (bindDn != null && !DN.isValidDN(bindDn)) {
      problems.add(new ConfigProblem(BIND_DN, "must be a valid DN; got '" + bindDn + "'"));
    }
    if (values.containsKey(PASSWORD) && bindDn == null) {
      problems.add(new ConfigProblem(PASSWORD, "needs " + BIND_DN + " to bind with"));
    }
    String interval = values.get(INTERVAL);
    if (interval != null && !has(problems, INTERVAL)
        && ParameterValues.parseDuration(interval).compareTo(MIN_INTERVAL) < 0) {
      problems.add(new ConfigProblem(INTERVAL, "must be at least 100ms, got '" + interval + "'"));
    }
    RunTarget.check(values, problems);
    return problems;
  }

  @Override
  public Trigger create(TriggerConfig config) {
    return new LdapChangelogTrigger(config.string(HOST).strip(), (int) config.integer(PORT),
        config.value(BIND_DN).map(String::strip).orElse(null),
        config.value(PASSWORD).orElse(null),
        config.string(BASE_DN).strip(), config.duration(INTERVAL), RunTarget.from(config));
  }

  private static boolean has(List<ConfigProblem> problems, String field) {
    return problems.stream().anyMatch(p -> p.field().equals(field));
  }
}
