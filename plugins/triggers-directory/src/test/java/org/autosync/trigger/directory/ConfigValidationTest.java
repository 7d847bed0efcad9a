package org.autosync.trigger.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.autosync.api.trigger.ConfigProblem;
import org.autosync.api.trigger.TriggerFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The parameters every directory trigger type shares, checked on each type. */
class ConfigValidationTest {

  static Stream<TriggerFactory> factories() {
    return Stream.of(new LdapChangelogTriggerFactory(), new AdNotifyTriggerFactory(),
        new PersistentSearchTriggerFactory(), new ContentSyncTriggerFactory());
  }

  private static List<String> problemFields(TriggerFactory factory,
      Map<String, String> overrides) {
    Map<String, String> values = new HashMap<>(Map.of("hosts", "ldap1", "baseDn", "o=corp"));
    values.putAll(overrides);
    values.values().removeIf(v -> v.equals("<unset>"));
    return factory.validate(values).stream().map(ConfigProblem::field).toList();
  }

  @ParameterizedTest
  @MethodSource("factories")
  void a_minimal_block_is_valid_and_hosts_and_base_dn_may_come_from_the_ma(TriggerFactory f) {
    assertEquals(List.of(), problemFields(f, Map.of()));
    assertEquals(List.of(), problemFields(f, Map.of("hosts", "<unset>", "baseDn", "<unset>")));
    assertEquals(List.of(), problemFields(f, Map.of("hosts", "dc1:636, dc2, [::1]:3269",
        "port", "636", "security", "ldaps", "trustStore", "/etc/ca.p12",
        "trustStorePassword", "${env:TP}", "bindDn", "cn=admin", "password", "${env:PW}")));
    assertEquals(List.of(), problemFields(f, Map.of("quietPeriod", "2s",
        "fireFirstChange", "false", "maxReconnectDelay", "30s", "profileType", "FullImport")));
  }

  @ParameterizedTest
  @MethodSource("factories")
  void hosts_must_name_servers_with_valid_ports(TriggerFactory f) {
    assertEquals(List.of("hosts"), problemFields(f, Map.of("hosts", "  ")));
    assertEquals(List.of("hosts"), problemFields(f, Map.of("hosts", "dc1,,dc2")));
    assertEquals(List.of("hosts"), problemFields(f, Map.of("hosts", "dc1:ldap")));
    assertEquals(List.of("hosts"), problemFields(f, Map.of("hosts", "dc1:70000")));
  }

  @ParameterizedTest
  @MethodSource("factories")
  void domain_discovery_excludes_hosts_and_needs_a_domain_name(TriggerFactory f) {
    assertEquals(List.of(), problemFields(f, Map.of("hosts", "<unset>", "domain", "corp.example",
        "dnsServer", "dns://127.0.0.1:5353")));
    assertEquals(List.of("domain"), problemFields(f, Map.of("domain", "corp.example")));
    assertEquals(List.of("domain"), problemFields(f, Map.of("hosts", "<unset>",
        "domain", "corp example")));
    assertEquals(List.of("dnsServer"), problemFields(f, Map.of("dnsServer", "10.0.0.1")));
  }

  @ParameterizedTest
  @MethodSource("factories")
  void port_must_be_a_number_in_range(TriggerFactory f) {
    assertEquals(List.of("port"), problemFields(f, Map.of("port", "0")));
    assertEquals(List.of("port"), problemFields(f, Map.of("port", "65536")));
    assertEquals(List.of("port"), problemFields(f, Map.of("port", "ldap")));
    assertEquals(List.of(), problemFields(f, Map.of("port", "65535")));
  }

  @ParameterizedTest
  @MethodSource("factories")
  void base_dn_must_be_a_valid_dn(TriggerFactory f) {
    assertEquals(List.of("baseDn"), problemFields(f, Map.of("baseDn", "not a dn")));
    assertEquals(List.of("baseDn"), problemFields(f, Map.of("baseDn", "")));
  }

  @ParameterizedTest
  @MethodSource("factories")
  void credentials_and_tls_settings_go_together(TriggerFactory f) {
    assertEquals(List.of("bindDn"), problemFields(f, Map.of("bindDn", "admin")));
    assertEquals(List.of(), problemFields(f, Map.of("bindDn", "svc@corp.example")));
    assertEquals(List.of("password"), problemFields(f, Map.of("password", "${env:PW}")));
    assertEquals(List.of("trustStorePassword"),
        problemFields(f, Map.of("trustStorePassword", "${env:TP}")));
    assertEquals(List.of("trustStore"), problemFields(f, Map.of("security", "none",
        "trustStore", "/etc/ca.p12")));
    assertEquals(List.of("security"), problemFields(f, Map.of("security", "tls")));
  }

  @ParameterizedTest
  @MethodSource("factories")
  void durations_and_run_targets_are_checked(TriggerFactory f) {
    assertEquals(List.of("quietPeriod"), problemFields(f, Map.of("quietPeriod", "soon")));
    assertEquals(List.of("maxReconnectDelay"),
        problemFields(f, Map.of("maxReconnectDelay", "100ms")));
    assertEquals(List.of("profile"), problemFields(f, Map.of("profile", "DI",
        "profileType", "DeltaImport")));
    assertEquals(List.of("nonsense"), problemFields(f, Map.of("nonsense", "x")));
  }

  @ParameterizedTest
  @MethodSource("factories")
  void every_parameter_is_described(TriggerFactory f) {
    f.type().parameters().forEach(p -> assertTrue(p.description().length() > 10, p.name()));
  }

  @org.junit.jupiter.api.Test
  void changelog_interval_must_be_a_duration_of_at_least_100ms() {
    TriggerFactory f = new LdapChangelogTriggerFactory();
    assertEquals(List.of("interval"), problemFields(f, Map.of("interval", "soon")));
    assertEquals(List.of("interval"), problemFields(f, Map.of("interval", "10ms")));
  }

  @org.junit.jupiter.api.Test
  void content_sync_source_settings_go_with_their_source() {
    TriggerFactory f = new ContentSyncTriggerFactory();
    assertEquals(List.of(), problemFields(f, Map.of("source", "accesslog",
        "accesslogBase", "cn=log")));
    assertEquals(List.of(), problemFields(f, Map.of("filter", "(objectClass=person)")));
    assertEquals(List.of("filter"), problemFields(f, Map.of("source", "accesslog",
        "filter", "(objectClass=person)")));
    assertEquals(List.of("accesslogBase"), problemFields(f, Map.of("accesslogBase", "cn=log")));
    assertEquals(List.of("source"), problemFields(f, Map.of("source", "changelog")));
  }

  @org.junit.jupiter.api.Test
  void persistent_search_filter_and_change_types_are_checked() {
    TriggerFactory f = new PersistentSearchTriggerFactory();
    assertEquals(List.of(), problemFields(f, Map.of("filter", "(objectClass=inetOrgPerson)",
        "changeTypes", "add, modify")));
    assertEquals(List.of("filter"), problemFields(f, Map.of("filter", "(objectClass=person")));
    assertEquals(List.of("changeTypes"), problemFields(f, Map.of("changeTypes", "add,rename")));
  }
}
