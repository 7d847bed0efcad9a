package org.autosync.host.config;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.autosync.api.ProfileType;
import org.autosync.api.engine.ManagementAgent;
import org.autosync.api.engine.Partition;
import org.autosync.api.engine.RunProfile;
import org.autosync.api.engine.SyncEngine;
import org.autosync.host.controller.ControllerSettings;
import org.autosync.host.controller.ProfileMappings;

/**
 * A starter configuration for an engine, as {@code autosync config init} writes it: the engine
 * block as given, the controller defaults, and one block per MA the engine reports, each
 * <b>disabled</b> until an operator enables it (as the reference product adds newly discovered
 * MAs), with its profile mappings discovered from single-step profiles ({@link
 * ProfileMappings#discover}) and written out, and default triggers by MA category:
 *
 * <ul>
 *   <li>{@code AD}, {@code ADAM}, {@code AD GAL}: a delta import every {@value #POLL_MINUTES}
 *       minutes, with a note that a directory change-notification trigger goes there once
 *       available;
 *   <li>{@code FIM}: the same, with a note about the MIM Service trigger;
 *   <li>any other category: a delta import every {@value #POLL_MINUTES} minutes and a full import
 *       every night at {@value #NIGHTLY_HOUR}:00 in the given zone.
 * </ul>
 *
 * <p>Comments explain each block: the result is meant for a person to read and edit. It loads
 * with {@link ConfigLoader} when the {@code interval} and {@code cron} trigger types are loaded.
 *
 * <pre>{@code
 * StarterConfig starter = StarterConfig.generate("embedded", settings, engine,
 *     ZoneId.systemDefault());
 * Files.writeString(Path.of("autosync.yaml"), starter.text());
 * starter.summary().forEach(System.out::println);
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class StarterConfig {

  /** Minutes between the delta imports of the default {@code interval} trigger. */
  public static final int POLL_MINUTES = 5;

  /** The delta import interval kept as a safety net beside a change trigger, in minutes. */
  public static final int SAFETY_NET_MINUTES = 60;

  /** The trigger type of AD/LDS change notification (the directory triggers plugin). */
  public static final String AD_NOTIFY = "ad-notify";

  /** Hour of the nightly full import of MAs that cannot report changes. */
  public static final int NIGHTLY_HOUR = 2;

  private static final Set<String> DIRECTORY_CATEGORIES = Set.of("ad", "adam", "ad gal");

  private final String text;
  private final List<String> summary;

  private StarterConfig(String text, List<String> summary) {
    this.text = text;
    this.summary = List.copyOf(summary);
  }

  /**
   * Asks {@code engine} for its MAs and writes the starter configuration.
   *
   * @param engineType the engine type, written as {@code engine.type}
   * @param engineSettings the engine's settings, written as {@code engine.settings} (mappings,
   *     lists, text, numbers, booleans, as read from a configuration file)
   * @param engine the engine created from them
   * @param zone the time zone of the nightly full imports
   */
  public static StarterConfig generate(String engineType, Map<String, ?> engineSettings,
      SyncEngine engine, ZoneId zone) {
    return generate(engineType, engineSettings, engine, zone, Set.of());
  }

  /**
   * As {@link #generate(String, Map, SyncEngine, ZoneId)}, knowing the trigger types the plugins
   * offer: with {@value #AD_NOTIFY} available, AD, ADAM and AD GAL MAs get a change-notification
   * trigger and an hourly delta import as a safety net instead of the 5-minute poll.
   */
  public static StarterConfig generate(String engineType, Map<String, ?> engineSettings,
      SyncEngine engine, ZoneId zone, Set<String> triggerTypes) {
    Objects.requireNonNull(engineType, "engineType");
    Objects.requireNonNull(triggerTypes, "triggerTypes");
    Objects.requireNonNull(engineSettings, "engineSettings");
    Objects.requireNonNull(engine, "engine");
    Objects.requireNonNull(zone, "zone");
    List<ManagementAgent> mas = engine.managementAgents();
    StarterText out = new StarterText();
    header(out, engine.name(), mas.size());
    engine(out, engineType, engineSettings);
    controller(out);
    List<String> summary = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    out.blank().comment(0, "One block per management agent, under its name in the engine.");
    if (mas.isEmpty()) {
      out.comment(0, "The engine reported no management agent; add blocks here once it has some.")
          .line(0, "mas: {}");
    } else {
      out.line(0, "mas:");
      for (ManagementAgent ma : mas) {
        summary.add(ma(out, ma, zone, ids, triggerTypes));
      }
    }
    return new StarterConfig(out.toString(), summary);
  }

  /** The configuration file's text. */
  public String text() {
    return text;
  }

  /** One line per MA: its category, partitions, mapped types and default triggers. */
  public List<String> summary() {
    return summary;
  }

  private static void header(StarterText out, String engineName, int count) {
    out.comment(0, """
        AutoSync configuration: a starter written by `autosync config init` from what the
        '%s' engine reports (%d management agent%s).

        Nothing runs yet: every management agent (MA) below is disabled. Read each MA's block,
        adjust its mappings and triggers, then enable MAs one at a time (enabled: true) and check
        the file with `autosync validate -c <file>`. Every setting and its default is described
        in docs/configuration.md."""
        .formatted(engineName, count, count == 1 ? "" : "s"));
  }

  private static void engine(StarterText out, String type, Map<String, ?> settings) {
    out.blank()
        .comment(0, "The engine to drive, as in the engine configuration you gave.")
        .line(0, "engine:")
        .line(2, "type: " + StarterText.scalar(type));
    if (settings.isEmpty()) {
      out.line(2, "settings: {}");
    } else {
      out.line(2, "settings:").dump(4, new LinkedHashMap<>(settings));
    }
  }

  private static void controller(StarterText out) {
    Map<String, Object> c = ConfigPrinter.controller(ControllerSettings.defaults());
    out.blank()
        .comment(0, """
            How runs are scheduled, retried and limited. These are the defaults; change what you
            need, or delete a line to keep its default.""")
        .line(0, "controller:")
        .comment(2, "supported: a profile with a sync step runs alone, imports and exports"
            + " overlap;\nexclusive: every run runs alone; unsupported: only syncs are"
            + " serialised.")
        .line(2, "runMode: " + c.get("runMode"))
        .comment(2, "Backoff for runs that ended with a transient result (deadlock, lost"
            + " connection).")
        .line(2, "retry: " + flow(c.get("retry")))
        .comment(2, "Backoff while the engine or the MA is busy (a run started outside"
            + " AutoSync).")
        .line(2, "busyRetry: " + flow(c.get("busyRetry")))
        .comment(2, "A run taking longer is stopped in the engine and raises an alert; per"
            + " profile:\nmas.<MA>.timeLimits.")
        .line(2, "timeLimit: " + c.get("timeLimit"))
        .comment(2, "Minimum time between two run starts.")
        .line(2, "stagger: " + c.get("stagger"))
        .comment(2, "Whether exports of MIM Service (FIM) MAs take the sync slot, like their"
            + " delta imports.")
        .line(2, "fimExportTakesSyncSlot: " + c.get("fimExportTakesSyncSlot"))
        .comment(2, "How often the engine's status is read, to notice runs started outside"
            + " AutoSync.")
        .line(2, "engineCheckInterval: " + c.get("engineCheckInterval"))
        .comment(2, "Safety net: how often every MA's pending work is checked.")
        .line(2, "reconcileInterval: " + c.get("reconcileInterval"));
  }

  @SuppressWarnings("unchecked")
  private static String flow(Object block) {
    return StarterText.flow((Map<String, Object>) block);
  }

  /** Writes one MA's block; returns its summary line. */
  private static String ma(StarterText out, ManagementAgent ma, ZoneId zone, Set<String> ids,
      Set<String> triggerTypes) {
    String category = ma.category().isBlank() ? "category unknown" : "category " + ma.category();
    ProfileMappings mappings = ProfileMappings.discover(ma);
    out.blank()
        .comment(2, "%s (%s): %d partition%s, %d run profile%s.".formatted(ma.name(), category,
            ma.partitions().size(), ma.partitions().size() == 1 ? "" : "s",
            ma.runProfiles().size(), ma.runProfiles().size() == 1 ? "" : "s"))
        .line(2, StarterText.scalar(ma.name()) + ":")
        .comment(4, "Nothing runs on this MA until you set enabled: true.")
        .line(4, "enabled: false");
    mappings(out, ma, mappings);
    List<String> triggers = StarterTriggers.write(out, ma, mappings, zone, ids,
        triggerTypes.contains(AD_NOTIFY));
    List<String> mapped = new ArrayList<>();
    mappings.byPartition().forEach((partition, types) -> mapped.add(partition + " "
        + types.keySet().stream().sorted().map(ProfileType::label).toList()));
    return "%s (%s): mappings %s; triggers %s".formatted(ma.name(), category,
        mapped.isEmpty() ? "none (no single-step profile)" : String.join(", ", mapped),
        triggers.isEmpty() ? "none" : String.join(", ", triggers));
  }

  private static void mappings(StarterText out, ManagementAgent ma, ProfileMappings mappings) {
    List<String> skipped = ma.runProfiles().stream()
        .filter(p -> !p.isSingleStep() || p.steps().getFirst().kind().isCombined())
        .map(StarterConfig::describe)
        .toList();
    if (mappings.isEmpty()) {
      out.comment(4, """
          mappings: none discovered, since the MA has no single-step run profile. Create
          single-step profiles in the engine (a delta import, a delta sync, an export, ...) and run
          `autosync config init` again, or map profile types here yourself:
            mappings:
              default: {DeltaImport: <profile>, DeltaSync: <profile>, Export: <profile>}""");
      skippedNote(out, skipped);
      return;
    }
    out.comment(4, """
        Which run profile AutoSync runs for each profile type, per partition; discovered from the
        single-step profiles. A type left out is disabled on that partition: a request for it is
        dropped with a logged reason. A delta import profile also serves scheduled and confirming
        imports.""");
    skippedNote(out, skipped);
    out.line(4, "mappings:");
    for (Partition partition : ma.partitions()) {
      Map<ProfileType, String> types = mappings.byPartition().get(partition.name());
      if (types == null) {
        out.comment(6, "Partition %s: no single-step profile, so nothing runs there."
            .formatted(StarterText.scalar(partition.name())));
        continue;
      }
      out.line(6, StarterText.scalar(partition.name()) + ":");
      List<String> missing = new ArrayList<>();
      for (ProfileType type : ProfileType.values()) {
        if (!types.containsKey(type)) {
          missing.add(type.label());
        }
      }
      if (!missing.isEmpty()) {
        out.comment(8, "No profile for: " + String.join(", ", missing) + ".");
      }
      for (ProfileType type : ProfileType.values()) {
        String profile = types.get(type);
        if (profile != null) {
          out.line(8, type.label() + ": " + StarterText.scalar(profile));
        }
      }
    }
  }

  private static void skippedNote(StarterText out, List<String> skipped) {
    if (!skipped.isEmpty()) {
      out.comment(4, "Not mapped (only single-step profiles without a combined step are): "
          + String.join(", ", skipped) + ".");
    }
  }

  private static String describe(RunProfile profile) {
    return "'" + profile.name() + "' (" + (profile.isSingleStep() ? "combined step "
        : profile.steps().size() + " steps: ")
        + String.join(", ", profile.steps().stream().map(s -> s.kind().name()
            .toLowerCase(Locale.ROOT).replace('_', ' ')).toList()) + ")";
  }

  /** Whether the MA's category is a directory that can report changes (AD, ADAM, AD GAL). */
  static boolean isDirectory(ManagementAgent ma) {
    return DIRECTORY_CATEGORIES.contains(ma.category().strip().toLowerCase(Locale.ROOT));
  }
}
