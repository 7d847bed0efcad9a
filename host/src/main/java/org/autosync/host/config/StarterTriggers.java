package org.autosync.host.config;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.autosync.api.ProfileType;
import org.autosync.api.engine.ManagementAgent;
import org.autosync.host.controller.ProfileMappings;

/**
 * The default triggers of a starter configuration, by MA category (see {@link StarterConfig}).
 * Stateless; the set of used ids belongs to one document.
 */
final class StarterTriggers {

  private StarterTriggers() {}

  /**
   * Writes the MA's {@code triggers} block; returns a short description of each trigger written.
   *
   * @param ids the trigger ids used so far in the document, lower case; the new ones are added
   */
  static List<String> write(StarterText out, ManagementAgent ma, ProfileMappings mappings,
      ZoneId zone, Set<String> ids, boolean adNotify) {
    boolean deltaImport = maps(mappings, ProfileType.DELTA_IMPORT);
    boolean fullImport = maps(mappings, ProfileType.FULL_IMPORT);
    boolean directory = StarterConfig.isDirectory(ma);
    boolean notify = directory && adNotify && deltaImport;
    boolean nightly = !directory && !ma.isFim();
    int pollMinutes = notify ? StarterConfig.SAFETY_NET_MINUTES : StarterConfig.POLL_MINUTES;
    List<String> written = new ArrayList<>();
    out.comment(4, """
        What tells AutoSync to import. Synchronizations, exports and confirming imports follow
        from run history; triggers only say when to look for changes.""");
    if (notify) {
      // written below
    } else if (directory) {
      out.comment(4, """
          A directory change-notification trigger (the AD LDAP_SERVER_NOTIFICATION control)
          goes here once AutoSync has one; until then, a delta import every %d minutes."""
          .formatted(StarterConfig.POLL_MINUTES));
    } else if (ma.isFim()) {
      out.comment(4, """
          A MIM Service trigger (pending requests in the MIM Service) goes here once AutoSync has
          one; until then, a delta import every %d minutes.""".formatted(StarterConfig.POLL_MINUTES));
    }
    if (!deltaImport && !(nightly && fullImport)) {
      out.comment(4, "No default trigger: the MA maps no import profile. Map one above, then"
          + " add\ntriggers such as {id: <id>, type: interval, interval: 5m}.");
      out.line(4, "triggers: []");
      return written;
    }
    out.line(4, "triggers:");
    String base = slug(ma.name());
    if (notify) {
      writeNotify(out, ma, base, ids);
      written.add(StarterConfig.AD_NOTIFY + " DeltaImport");
    }
    if (deltaImport) {
      out.comment(6, notify
          ? "A delta import every %d minutes as a safety net beside the change notifications."
              .formatted(pollMinutes)
          : ("A delta import every %d minutes. Raise it for a system that is slow to"
              + " read, lower it\n(at least 1s) to notice changes sooner.").formatted(pollMinutes))
          .line(6, "- id: " + StarterText.scalar(unique(base + "-delta-import", ids)))
          .line(6, "  type: interval")
          .line(6, "  interval: " + pollMinutes + "m")
          .line(6, "  profileType: " + ProfileType.DELTA_IMPORT.label());
      written.add("interval " + pollMinutes + "m DeltaImport");
    } else {
      out.comment(6, "No delta import trigger: the MA maps no import profile for DeltaImport.");
    }
    if (nightly && fullImport) {
      String expression = "0 " + StarterConfig.NIGHTLY_HOUR + " * * *";
      out.comment(6, """
              A full import every night at %02d:00 (%s), to catch what delta imports miss.
              exclusive: true would make it run alone, with nothing else running on any MA."""
              .formatted(StarterConfig.NIGHTLY_HOUR, zone.getId()))
          .line(6, "- id: " + StarterText.scalar(unique(base + "-nightly-full-import", ids)))
          .line(6, "  type: cron")
          .line(6, "  expression: " + StarterText.scalar(expression))
          .line(6, "  timeZone: " + StarterText.scalar(zone.getId()))
          .line(6, "  profileType: " + ProfileType.FULL_IMPORT.label())
          .line(6, "  exclusive: false");
      written.add("cron '" + expression + "' " + zone.getId() + " FullImport");
    } else if (nightly) {
      out.comment(6, "No nightly full import: the MA maps no FullImport profile.");
    }
    return written;
  }

  /** The AD/LDS change-notification trigger, with what the MA's connection hints leave open. */
  private static void writeNotify(StarterText out, ManagementAgent ma, String base,
      Set<String> ids) {
    Map<String, String> hints = ma.connectionHints();
    boolean hinted = hints.containsKey("host") && hints.containsKey("baseDn");
    out.comment(6, """
        Active Directory / LDS change notification: a delta import within a second of a change
        to a watched object; logon noise (lastLogonTimestamp, badPwdCount, ...) never fires.
        %s
        It reconnects (to the next server) and catches up by itself. Give it an account that can
        read the watched objects and list deleted objects.""".formatted(hinted
            ? "Server (" + hints.get("host") + "), base DN (" + hints.get("baseDn")
                + ") and object classes come from the MA;\nset hosts or domain, baseDn or"
                + " objectClasses here to override them."
            : "The MA names no server or base DN: set hosts (or domain for DNS SRV) and baseDn."))
        .line(6, "- id: " + StarterText.scalar(unique(base + "-changes", ids)))
        .line(6, "  type: " + StarterConfig.AD_NOTIFY);
    if (!hinted) {
      out.line(6, "  hosts: [dc1.example.org]   # replace")
          .line(6, "  baseDn: DC=example,DC=org  # replace");
    }
    out.comment(8, "bindDn: svc-autosync@example.org\npassword: ${env:AUTOSYNC_AD_PASSWORD}"
        + "\nsecurity: ldaps");
  }

  private static boolean maps(ProfileMappings mappings, ProfileType type) {
    return mappings.byPartition().values().stream().anyMatch(types -> types.containsKey(type));
  }

  /** A trigger id part from an MA name: lower case letters and digits joined by '-'. */
  static String slug(String name) {
    String slug = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-")
        .replaceAll("^-+|-+$", "");
    if (slug.isEmpty()) {
      slug = "ma";
    }
    return slug.length() > 96 ? slug.substring(0, 96) : slug;
  }

  /** {@code id}, or {@code id-2}, {@code id-3}, ... when taken (ids compare ignoring case). */
  private static String unique(String id, Set<String> ids) {
    String candidate = id;
    for (int n = 2; !ids.add(candidate.toLowerCase(Locale.ROOT)); n++) {
      candidate = id + "-" + n;
    }
    return candidate;
  }
}
