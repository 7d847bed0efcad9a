package org.autosync.trigger.directory;

import java.util.List;
import org.autosync.api.trigger.ParameterDescriptor;
import org.autosync.api.trigger.ParameterType;
import org.autosync.api.trigger.TriggerType;
import org.pf4j.Extension;

/**
 * The {@code ad-notify} trigger type: Active Directory and LDS change notification (control
 * 1.2.840.113556.1.4.528) with deletes through Show Deleted (1.2.840.113556.1.4.417), object class
 * selection and noise filtering (see {@link ChangeFilter}).
 *
 * <pre>{@code
 * type: ad-notify
 * hosts: [dc1.corp.example, dc2.corp.example]   # or domain: corp.example (DNS SRV); default the MA's host
 * security: ldaps
 * bindDn: CN=svc-autosync,OU=Service,DC=corp,DC=example
 * password: ${env:AD_PW}
 * baseDn: DC=corp,DC=example                    # default the MA's baseDn hint
 * objectClasses: [user, group]                  # computer only when listed
 * quietPeriod: 2s                               # optional
 * }</pre>
 *
 * <p>Stateless and thread-safe; pf4j creates it.
 */
@Extension
public final class AdNotifyTriggerFactory extends NotificationTriggerFactory {

  /** The type's id. */
  public static final String TYPE = "ad-notify";

  private static final TriggerType TRIGGER_TYPE = new TriggerType(TYPE,
      "Active Directory / LDS change notification",
      "Keeps a change-notification search open on AD or LDS and runs a delta import when a watched"
          + " object changes; ignores logon noise; reconnects (to the next domain controller) and"
          + " catches up",
      Watch.parameters(List.of(
          scope(),
          objectClasses("Object classes to watch, such as user, group, contact; computer objects"
              + " only when computer is listed; default the MA's objectClasses hint, else all"),
          attributes(),
          ParameterDescriptor.optional(NOISE_ATTRIBUTES, ParameterType.LIST,
              String.join(",", ChangeFilter.DEFAULT_NOISE),
              "Attributes whose changes alone never fire (logon bookkeeping by default)"),
          baseline(),
          ParameterDescriptor.optional(SHOW_DELETED, ParameterType.BOOLEAN, "true",
              "Ask for deletes too (Show Deleted control); needs the right to list deleted"
                  + " objects"))));

  @Override
  public TriggerType type() {
    return TRIGGER_TYPE;
  }

  @Override
  String srvService() {
    return "_ldap._tcp.dc._msdcs";
  }

  @Override
  NotificationTrigger.Mode mode() {
    return NotificationTrigger.Mode.AD_NOTIFY;
  }

  @Override
  List<String> defaultNoise() {
    return ChangeFilter.DEFAULT_NOISE;
  }
}
