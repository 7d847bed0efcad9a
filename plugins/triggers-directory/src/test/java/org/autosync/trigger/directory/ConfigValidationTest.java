package org.autosync.trigger.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.autosync.api.trigger.ConfigProblem;
import org.junit.jupiter.api.Test;

class ConfigValidationTest {

  private final LdapChangelogTriggerFactory factory = new LdapChangelogTriggerFactory();

  private List<String> problemFields(Map<String, String> overrides) {
    Map<String, String> values = new HashMap<>(Map.of("host", "ldap1", "baseDn", "o=corp"));
    values.putAll(overrides);
    values.values().removeIf(v -> v.equals("<unset>"));
    return factory.validate(values).stream().map(ConfigProblem::field).toList();
  }

  @Test
  void a_minimal_block_is_valid() {
    assertEquals(List.of(), problemFields(Map.of()));
    assertEquals(List.of(), problemFields(Map.of("port", "636", "bindDn", "cn=admin",
        "password", "${env:PW}", "interval", "30s", "profileType", "FullImport")));
  }

  @Test
  void host_is_required_and_not_blank() {
    assertEquals(List.of("host"), problemFields(Map.of("host", "<unset>")));
    assertEquals(List.of("host"), problemFields(Map.of("host", "  ")));
  }

  @Test
  void port_must_be_a_number_in_range() {
    assertEquals(List.of("port"), problemFields(Map.of("port", "0")));
    assertEquals(List.of("port"), problemFields(Map.of("port", "65536")));
    assertEquals(List.of("port"), problemFields(Map.of("port", "ldap")));
    assertEquals(List.of(), problemFields(Map.of("port", "65535")));
  }

  @Test
  void base_dn_is_required_and_must_be_a_valid_dn() {
    assertEquals(List.of("baseDn"), problemFields(Map.of("baseDn", "<unset>")));
    assertEquals(List.of("baseDn"), problemFields(Map.of("baseDn", "not a dn")));
    assertEquals(List.of("baseDn"), problemFields(Map.of("baseDn", "")));
  }

  @Test
  void bind_dn_must_be_valid_and_a_password_needs_one() {
    assertEquals(List.of("bindDn"), problemFields(Map.of("bindDn", "admin")));
    assertEquals(List.of("password"), problemFields(Map.of("password", "${env:PW}")));
  }

  @Test
  void interval_must_be_a_duration_of_at_least_100ms() {
    assertEquals(List.of("interval"), problemFields(Map.of("interval", "soon")));
    assertEquals(List.of("interval"), problemFields(Map.of("interval", "10ms")));
  }

  @Test
  void unknown_parameters_and_bad_run_targets_are_reported() {
    assertEquals(List.of("filter"), problemFields(Map.of("filter", "(x=y)")));
    assertEquals(List.of("profile"), problemFields(Map.of("profile", "DI",
        "profileType", "DeltaImport")));
  }
}
