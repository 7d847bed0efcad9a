package org.autosync.trigger.directory;

import java.util.List;
import org.autosync.api.trigger.ParameterDescriptor;
import org.autosync.api.trigger.ParameterType;
import org.autosync.api.trigger.TriggerType;
import org.pf4j.Extension;

/**
 * The {@code ldap-psearch} trigger type: a persistent search (2.16.840.1.113730.3.4.3, as 389 DS,
 * Oracle DS, OpenDJ and others offer it) for changes only, with entry change notifications.
 *
 * <pre>{@code
 * type: ldap-psearch
 * hosts: ldap1.example.org
 * baseDn: ou=people,dc=example,dc=org
 * filter: (objectClass=inetOrgPerson)   # default (objectClass=*)
 * changeTypes: [add, delete, modify, moddn]
 * noiseAttributes: [lastLoginTime]      # optional: enables the change filter
 * }</pre>
 *
 * <p>Stateless and thread-safe; pf4j creates it.
 */
@Extension
public final class PersistentSearchTriggerFactory extends NotificationTriggerFactory {

  /** The type's id. */
  public static final String TYPE = "ldap-psearch";

  private static final TriggerType TRIGGER_TYPE = new TriggerType(TYPE,
      "LDAP persistent search",
      "Keeps a persistent search open and runs a delta import when an entry under the base DN"
          + " changes; reconnects (to the next server) and catches up",
      Watch.parameters(List.of(
          scope(),
          ParameterDescriptor.optional(FILTER, ParameterType.STRING, "(objectClass=*)",
              "Only entries matching this LDAP filter count"),
          ParameterDescriptor.optional(CHANGE_TYPES, ParameterType.LIST,
              "add,delete,modify,moddn", "The kinds of change that count"),
          objectClasses("Object classes to watch; default every class"),
          attributes(),
          ParameterDescriptor.optional(NOISE_ATTRIBUTES, ParameterType.LIST, null,
              "Attributes whose changes alone never fire; setting it turns the change filter on"),
          baseline())));

  @Override
  public TriggerType type() {
    return TRIGGER_TYPE;
  }

  @Override
  String srvService() {
    return "_ldap._tcp";
  }

  @Override
  NotificationTrigger.Mode mode() {
    return NotificationTrigger.Mode.PERSISTENT_SEARCH;
  }

  @Override
  List<String> defaultNoise() {
    return List.of();
  }
}
