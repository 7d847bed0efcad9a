package org.autosync.host.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.autosync.api.ProfileType;
import org.autosync.api.engine.ProfileStep;
import org.autosync.api.engine.RunProfile;
import org.autosync.api.engine.StepKind;
import org.autosync.api.trigger.ParameterDescriptor;
import org.autosync.api.trigger.ParameterType;
import org.autosync.api.trigger.TriggerFactory;
import org.autosync.api.trigger.TriggerType;
import org.autosync.host.controller.MaSettings;
import org.autosync.host.trigger.TriggerSpec;
import org.autosync.testkit.FakeEngine;
import org.junit.jupiter.api.Test;

class StarterConfigTest {

  static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  /** Stand-ins with the parameters of the schedule plugin's types (the real ones: distribution). */
  static final Map<String, TriggerFactory> SCHEDULE_TYPES = Map.of(
      "interval", new TestTriggers.Factory(new TriggerType("interval", "Interval", "", List.of(
          ParameterDescriptor.required("interval", ParameterType.DURATION, "How often"),
          ParameterDescriptor.optional("profileType", ParameterType.STRING, "DeltaImport", "")))),
      "cron", new TestTriggers.Factory(new TriggerType("cron", "Cron", "", List.of(
          ParameterDescriptor.required("expression", ParameterType.STRING, "When"),
          ParameterDescriptor.optional("timeZone", ParameterType.STRING, null, ""),
          ParameterDescriptor.optional("profileType", ParameterType.STRING, "DeltaImport", ""),
          ParameterDescriptor.optional("exclusive", ParameterType.BOOLEAN, "false", "")))));

  static final String USERS = "ou=users,dc=corp,dc=example";
  static final String GROUPS = "ou=groups,dc=corp,dc=example";

  static FakeEngine engine() {
    return FakeEngine.builder()
        .ma("CORP AD", ma -> ma.category("AD").partitions(USERS, GROUPS)
            .profile(RunProfile.of("FI users", StepKind.FULL_IMPORT, USERS))
            .profile(RunProfile.of("DI users", StepKind.DELTA_IMPORT, USERS))
            .profile(RunProfile.of("DS users", StepKind.DELTA_SYNC, USERS))
            .profile(RunProfile.of("E users", StepKind.EXPORT, USERS))
            .profile(RunProfile.of("FI groups", StepKind.FULL_IMPORT, GROUPS))
            .profile(RunProfile.of("E groups", StepKind.EXPORT, GROUPS)))
        .ma("MIM", ma -> ma.category("FIM").standardProfiles())
        .ma("HR", ma -> ma.category("LDAP")
            .profile(new RunProfile("DI then DS", List.of(
                new ProfileStep(StepKind.DELTA_IMPORT, "default"),
                new ProfileStep(StepKind.DELTA_SYNC, "default"))))
            .profile(RunProfile.of("DIDS", StepKind.DELTA_IMPORT_DELTA_SYNC, "default"))
            .profile(RunProfile.of("FI", StepKind.FULL_IMPORT, "default"))
            .profile(RunProfile.of("DS", StepKind.DELTA_SYNC, "default")))
        .build();
  }

  static final Map<String, Object> SETTINGS = new LinkedHashMap<>(Map.of(
      "store", "engine",
      "options", Map.of("password", "${env:HR_PW}")));

  static StarterConfig starter() {
    return StarterConfig.generate("embedded", SETTINGS, engine(), BERLIN);
  }

  static AutoSyncConfig load(String text) {
    return ConfigLoader.load(text, "autosync.yaml", SCHEDULE_TYPES, Set.of("embedded"));
  }

  @Test
  void the_starter_loads_with_every_ma_disabled() {
    AutoSyncConfig config = load(starter().text());
    assertEquals(Set.of("CORP AD", "MIM", "HR"), config.controller().mas().keySet());
    assertTrue(config.controller().mas().values().stream().noneMatch(MaSettings::enabled));
    assertEquals("embedded", config.engineType());
    assertEquals(SETTINGS, config.engineSettings());
  }

  @Test
  void mappings_are_written_out_per_partition_as_discovered() {
    var corp = load(starter().text()).controller().mas().get("CORP AD").mappings();
    assertEquals(Optional.of("DI users"), corp.profileFor(USERS, ProfileType.DELTA_IMPORT));
    assertEquals(Optional.of("DI users"), corp.profileFor(USERS, ProfileType.CONFIRMING_IMPORT));
    assertEquals(Optional.of("E users"), corp.profileFor(USERS, ProfileType.EXPORT));
    assertEquals(Optional.of("FI groups"), corp.profileFor(GROUPS, ProfileType.DELTA_IMPORT),
        "without a delta import, the full import serves delta imports");
    assertEquals(Optional.empty(), corp.profileFor(GROUPS, ProfileType.DELTA_SYNC));
    assertTrue(starter().text().contains(
        "No profile for: DeltaSync, FullSync."), starter().text());
  }

  @Test
  void multi_step_and_combined_profiles_are_not_mapped_and_the_file_says_so() {
    var hr = load(starter().text()).controller().mas().get("HR").mappings();
    assertEquals(Map.of(ProfileType.FULL_IMPORT, "FI", ProfileType.DELTA_IMPORT, "FI",
        ProfileType.SCHEDULED_IMPORT, "FI", ProfileType.CONFIRMING_IMPORT, "FI",
        ProfileType.DELTA_SYNC, "DS"), hr.byPartition().get("default"));
    String text = starter().text();
    String joined = text.replaceAll("\n\\s*# ", " ");
    assertTrue(joined.contains("'DI then DS' (2 steps: delta import, delta sync)"), text);
    assertTrue(joined.contains("'DIDS' (combined step delta import delta sync)"), text);
  }

  @Test
  void directories_and_the_mim_service_poll_until_their_change_triggers_exist() {
    AutoSyncConfig config = load(starter().text());
    for (String ma : List.of("CORP AD", "MIM")) {
      List<TriggerSpec> triggers = config.triggersOf(ma);
      assertEquals(1, triggers.size(), ma);
      assertEquals("interval", triggers.get(0).config().type());
      assertEquals(Optional.of("5m"), triggers.get(0).config().value("interval"));
      assertEquals(Optional.of("DeltaImport"), triggers.get(0).config().value("profileType"));
    }
    String text = starter().text();
    assertTrue(text.contains("change-notification trigger"), text);
    assertTrue(text.contains("MIM Service trigger"), text);
  }

  @Test
  void with_the_directory_plugin_an_ad_ma_gets_change_notification_and_an_hourly_safety_net() {
    Map<String, TriggerFactory> types = new java.util.HashMap<>(SCHEDULE_TYPES);
    types.put("ad-notify", new TestTriggers.Factory(new TriggerType("ad-notify", "AD", "",
        List.of(ParameterDescriptor.optional("hosts", ParameterType.LIST, null, ""),
            ParameterDescriptor.optional("baseDn", ParameterType.STRING, null, ""),
            ParameterDescriptor.optional("profileType", ParameterType.STRING, "DeltaImport",
                "")))));
    String text = StarterConfig.generate("embedded", SETTINGS, engine(), BERLIN,
        types.keySet()).text();
    AutoSyncConfig config = ConfigLoader.load(text, "autosync.yaml", types, Set.of("embedded"));
    List<TriggerSpec> corp = config.triggersOf("CORP AD");
    assertEquals(List.of("ad-notify", "interval"),
        corp.stream().map(t -> t.config().type()).toList());
    assertEquals(Optional.of("60m"), corp.get(1).config().value("interval"));
    // the fake MA names no server: the file says so and holds placeholders to replace
    assertTrue(text.contains("The MA names no server or base DN"), text);
    assertTrue(text.contains("# bindDn: svc-autosync@example.org"), text);
    assertEquals(List.of("interval"), config.triggersOf("MIM").stream()
        .map(t -> t.config().type()).toList(), "the MIM Service MA still polls");
  }

  @Test
  void other_mas_poll_and_fully_import_every_night_in_the_given_zone() {
    List<TriggerSpec> triggers = load(starter().text()).triggersOf("HR");
    assertEquals(List.of("hr-delta-import", "hr-nightly-full-import"),
        triggers.stream().map(TriggerSpec::id).toList());
    var cron = triggers.get(1).config();
    assertEquals(Optional.of("0 2 * * *"), cron.value("expression"));
    assertEquals(Optional.of("Europe/Berlin"), cron.value("timeZone"));
    assertEquals(Optional.of("FullImport"), cron.value("profileType"));
    assertEquals(Optional.of("false"), cron.value("exclusive"));
  }

  @Test
  void the_summary_names_every_ma_with_its_mappings_and_triggers() {
    List<String> summary = starter().summary();
    assertEquals(3, summary.size());
    assertTrue(summary.get(2).startsWith("HR (category LDAP): mappings default ["), summary.get(2));
    assertTrue(summary.get(2).contains("cron '0 2 * * *' Europe/Berlin FullImport"),
        summary.get(2));
  }

  @Test
  void an_ma_without_single_step_profiles_gets_no_mappings_and_no_triggers() {
    FakeEngine engine = FakeEngine.builder()
        .ma("ODD", ma -> ma.category("CSV")
            .profile(RunProfile.of("DIDS", StepKind.DELTA_IMPORT_DELTA_SYNC, "default")))
        .build();
    String text = StarterConfig.generate("embedded", Map.of(), engine, BERLIN).text();
    AutoSyncConfig config = load(text);
    assertTrue(config.controller().mas().get("ODD").mappings().isEmpty());
    assertTrue(config.triggersOf("ODD").isEmpty());
    assertTrue(text.contains("mappings: none discovered"), text);
  }

  @Test
  void odd_names_are_quoted_and_trigger_ids_stay_unique() {
    FakeEngine engine = FakeEngine.builder()
        .ma("true", ma -> ma.category("LDAP").standardProfiles())
        .ma("TRUE ", ma -> ma.category("LDAP").standardProfiles())
        .ma("a: \"b\" # c", ma -> ma.category("LDAP").partitions("0x10", "ou=x, o=y")
            .standardProfiles())
        .build();
    AutoSyncConfig config =
        load(StarterConfig.generate("embedded", Map.of(), engine, ZoneId.of("+01:00")).text());
    assertEquals(Set.of("true", "TRUE ", "a: \"b\" # c"), config.controller().mas().keySet());
    assertEquals(List.of("true-delta-import", "true-nightly-full-import"),
        config.triggersOf("true").stream().map(TriggerSpec::id).toList());
    assertEquals(List.of("true-delta-import-2", "true-nightly-full-import-2"),
        config.triggersOf("TRUE ").stream().map(TriggerSpec::id).toList());
    assertEquals(Set.of("0x10", "ou=x, o=y"),
        config.controller().mas().get("a: \"b\" # c").mappings().byPartition().keySet());
    assertFalse(config.triggersOf("a: \"b\" # c").isEmpty());
  }
}
