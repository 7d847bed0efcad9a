package org.autosync.trigger.directory;

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
 * <p>A configuration block (connection parameters as for every directory trigger, see {@link
 * Endpoint}):
 *
 * <pre>{@code
 * hosts: [ldap1.example.org, ldap2.example.org]   # default the MA's host hint
 * bindDn: cn=autosync,o=corp
 * password: ${env:LDAP_PW}
 * baseDn: ou=people,o=corp    # default the MA's baseDn hint
 * interval: 2s                # how often to poll; default 2s, at least 100ms
 * profileType: DeltaImport    # or profile: "Delta import"; partition, exclusive, front
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

  static final String INTERVAL = "interval";
  static final Duration MIN_INTERVAL = Duration.ofMillis(100);

  private static final TriggerType TRIGGER_TYPE = new TriggerType(TYPE, "LDAP change log",
      "Polls an LDAP server's cn=changelog (draft-good-ldap-changelog) and runs a profile when"
          + " an entry under the base DN changed; catches up once at start and after reconnecting",
      Watch.parameters(List.of(ParameterDescriptor.optional(INTERVAL, ParameterType.DURATION,
          "2s", "How often to read the change log"))));

  @Override
  public TriggerType type() {
    return TRIGGER_TYPE;
  }

  @Override
  public List<ConfigProblem> validate(Map<String, String> values) {
    List<ConfigProblem> problems = new ArrayList<>(TriggerFactory.validateDeclared(type(), values));
    Watch.check(values, problems);
    String interval = values.get(INTERVAL);
    if (interval != null && problems.stream().noneMatch(p -> p.field().equals(INTERVAL))
        && ParameterValues.parseDuration(interval).compareTo(MIN_INTERVAL) < 0) {
      problems.add(new ConfigProblem(INTERVAL, "must be at least 100ms, got '" + interval + "'"));
    }
    return problems;
  }

  @Override
  public Trigger create(TriggerConfig config) {
    return new DeferredTrigger(ma -> new LdapChangelogTrigger(
        Endpoint.from(config, ma, "_ldap._tcp"), Watch.from(config, ma),
        config.duration(INTERVAL)));
  }
}
