package org.autosync.trigger.directory;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.autosync.api.trigger.ConfigProblem;
import org.autosync.api.trigger.ParameterDescriptor;
import org.autosync.api.trigger.ParameterType;
import org.autosync.api.trigger.Trigger;
import org.autosync.api.trigger.TriggerConfig;
import org.autosync.api.trigger.TriggerFactory;
import org.autosync.api.trigger.TriggerType;
import org.pf4j.Extension;

/**
 * The {@code ldap-syncrepl} trigger type: content sync refreshAndPersist (RFC 4533) on OpenLDAP's
 * data or its accesslog, with the cookie persisted (see {@link ContentSyncTrigger}).
 *
 * <pre>{@code
 * type: ldap-syncrepl
 * hosts: ldap1.example.org
 * bindDn: cn=autosync,dc=example,dc=org
 * password: ${env:LDAP_PW}
 * baseDn: ou=people,dc=example,dc=org
 * source: accesslog          # or data (default)
 * }</pre>
 *
 * <p>Stateless and thread-safe; pf4j creates it.
 */
@Extension
public final class ContentSyncTriggerFactory implements TriggerFactory {

  /** The type's id. */
  public static final String TYPE = "ldap-syncrepl";

  static final String SOURCE = "source";
  static final String ACCESSLOG_BASE = "accesslogBase";
  static final String FILTER = "filter";

  private static final TriggerType TRIGGER_TYPE = new TriggerType(TYPE,
      "LDAP content sync (RFC 4533)",
      "Keeps a content sync refreshAndPersist search open (OpenLDAP syncprov) on the data or on"
          + " the accesslog and runs a delta import when an entry under the base DN changes;"
          + " resumes from its cookie after reconnecting",
      Watch.parameters(List.of(
          ParameterDescriptor.oneOf(SOURCE, "data",
              "data (search the base DN itself) or accesslog (the log of writes, cn=accesslog)",
              List.of("data", "accesslog")),
          ParameterDescriptor.optional(ACCESSLOG_BASE, ParameterType.STRING, "cn=accesslog",
              "With source accesslog: the accesslog database's suffix"),
          ParameterDescriptor.optional(FILTER, ParameterType.STRING, "(objectClass=*)",
              "With source data: only entries matching this LDAP filter count"))));

  @Override
  public TriggerType type() {
    return TRIGGER_TYPE;
  }

  @Override
  public List<ConfigProblem> validate(Map<String, String> values) {
    List<ConfigProblem> problems = new ArrayList<>(TriggerFactory.validateDeclared(type(), values));
    Watch.check(values, problems);
    String base = values.get(ACCESSLOG_BASE);
    if (base != null && (base.isBlank() || !DN.isValidDN(base))) {
      problems.add(new ConfigProblem(ACCESSLOG_BASE, "must be a valid DN such as cn=accesslog;"
          + " got '" + base + "'"));
    }
    Watch.checkFilter(values, FILTER, problems);
    String filter = values.get(FILTER);
    boolean accesslog = "accesslog".equalsIgnoreCase(values.getOrDefault(SOURCE, "data"));
    if (accesslog && filter != null) {
      problems.add(new ConfigProblem(FILTER, "applies to source data only; with the accesslog"
          + " every successful write under baseDn counts"));
    }
    if (!accesslog && base != null) {
      problems.add(new ConfigProblem(ACCESSLOG_BASE, "applies to source accesslog only"));
    }
    return problems;
  }

  @Override
  public Trigger create(TriggerConfig config) {
    return new DeferredTrigger(ma -> {
      try {
        return new ContentSyncTrigger(Endpoint.from(config, ma, "_ldap._tcp"),
            Watch.from(config, ma),
            ContentSyncTrigger.Source.valueOf(config.value(SOURCE).orElse("data").strip()
                .toUpperCase(Locale.ROOT)),
            new DN(config.value(ACCESSLOG_BASE).orElse("cn=accesslog")),
            Filter.create(config.value(FILTER).orElse("(objectClass=*)")));
      } catch (LDAPException e) {
        throw new IllegalArgumentException("Trigger '" + config.id() + "': " + e.getMessage(), e);
      }
    });
  }
}
