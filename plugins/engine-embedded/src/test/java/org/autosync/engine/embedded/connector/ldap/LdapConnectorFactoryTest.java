package org.autosync.engine.embedded.connector.ldap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LdapConnectorFactoryTest {

  private final LdapConnectorFactory factory = new LdapConnectorFactory();

  @TempDir
  Path work;

  private static Map<String, String> options(String... pairs) {
    Map<String, String> options = new HashMap<>();
    options.put("host", "ldap.example.org");
    options.put("objectClasses", "inetOrgPerson");
    for (int i = 0; i < pairs.length; i += 2) {
      if (pairs[i + 1] == null) {
        options.remove(pairs[i]);
      } else {
        options.put(pairs[i], pairs[i + 1]);
      }
    }
    return options;
  }

  private List<String> problems(String... pairs) {
    return factory.validate(options(pairs));
  }

  @Test
  void is_type_ldap_and_lists_its_options() {
    assertEquals("ldap", factory.type());
    assertEquals(List.of("host", "port", "security", "trustStore", "trustStorePassword",
        "verifyHostname", "bindDn", "password", "objectClasses", "attributes", "pageSize", "delta",
        "accesslogBase", "connectTimeout", "responseTimeout"), factory.options());
  }

  @Test
  void the_smallest_valid_options_take_the_documented_defaults() {
    assertEquals(List.of(), problems());
    LdapSettings settings = LdapSettings.of(options());
    assertEquals(389, settings.port());
    assertEquals(LdapSettings.Security.NONE, settings.security());
    assertTrue(settings.verifyHostname());
    assertEquals(500, settings.pageSize());
    assertEquals(LdapSettings.DeltaMode.CHANGELOG, settings.delta());
    assertEquals("cn=accesslog", settings.accesslogBase());
    assertEquals(List.of(), settings.attributes());
    assertEquals(Duration.ofSeconds(10), settings.connectTimeout());
    assertEquals(636, LdapSettings.of(options("security", "ldaps")).port());
    assertEquals(Duration.ofMillis(1500),
        LdapSettings.of(options("responseTimeout", "1500ms")).responseTimeout());
    assertEquals(Duration.ofMinutes(2),
        LdapSettings.of(options("responseTimeout", "PT2M")).responseTimeout());
  }

  @Test
  void unknown_options_are_refused_with_the_known_ones_listed() {
    List<String> problems = problems("hostname", "x");
    assertEquals(1, problems.size());
    assertTrue(problems.getFirst().startsWith("hostname: unknown option; known options are host,"
        + " port, security"), problems.getFirst());
  }

  @Test
  void required_options_are_named_when_missing() {
    assertEquals(List.of("host: required; expected a host name or IP address",
        "objectClasses: required; expected a comma-separated list of the object classes in"
            + " scope, such as inetOrgPerson,groupOfNames"),
        problems("host", null, "objectClasses", null));
  }

  @Test
  void each_bad_value_is_reported_with_what_was_expected() {
    assertEquals(List.of("port: expected a whole number from 1 to 65535, got '70000'"),
        problems("port", "70000"));
    assertEquals(List.of("security: expected one of none | ldaps | starttls, got 'tls'"),
        problems("security", "tls"));
    assertEquals(List.of("verifyHostname: expected true or false, got 'yes'"),
        problems("verifyHostname", "yes"));
    assertEquals(List.of("pageSize: expected a whole number from 1 to 100000, got '0'"),
        problems("pageSize", "0"));
    assertEquals(List.of("delta: expected one of changelog | accesslog | none, got 'psearch'"),
        problems("delta", "psearch"));
    assertEquals(List.of("connectTimeout: expected a positive duration such as 500ms, 10s, 5m or"
        + " PT1M, got 'soon'"), problems("connectTimeout", "soon"));
    assertEquals(List.of("objectClasses: expected a comma-separated list of object class names,"
        + " got 'person,,group' ('' is not one)"), problems("objectClasses", "person,,group"));
    assertEquals(List.of("host: is empty; give a value or remove the option"),
        problems("host", " "));
    assertTrue(problems("bindDn", "not a dn", "password", "x").getFirst()
        .startsWith("bindDn: expected a distinguished name"));
  }

  @Test
  void several_problems_are_reported_together() {
    assertEquals(3, problems("port", "x", "pageSize", "y", "bogus", "z").size());
  }

  @Test
  void options_that_only_make_sense_together_are_checked_together() {
    assertEquals(List.of("password: required when bindDn is set (a secret reference such as"
        + " ${env:LDAP_PASSWORD}, or the password itself)"),
        problems("bindDn", "cn=admin,dc=example,dc=org"));
    assertEquals(List.of("password: set without bindDn; set bindDn to bind as a user, or remove"
        + " it to bind anonymously"), problems("password", "x"));
    assertEquals(List.of("trustStore: only used with security ldaps or starttls, but security"
        + " is 'none'; set security or remove trustStore"), problems("trustStore", "/x.p12"));
    assertEquals(List.of("trustStorePassword: set without trustStore; set trustStore or remove"
        + " it"), problems("security", "ldaps", "trustStorePassword", "x"));
    assertEquals(List.of("accesslogBase: only used with delta 'accesslog', but delta is"
        + " 'changelog'; remove it or set delta to accesslog"),
        problems("accesslogBase", "cn=accesslog"));
  }

  @Test
  void a_trust_store_must_be_a_readable_file() throws Exception {
    Path missing = work.resolve("missing.p12");
    assertEquals(List.of("trustStore: expected a readable JKS or PKCS12 file, but '" + missing
        + "' does not exist or cannot be read"),
        problems("security", "starttls", "trustStore", missing.toString()));
    Path present = Files.writeString(work.resolve("trust.p12"), "x");
    assertEquals(List.of(), problems("security", "starttls", "trustStore", present.toString()));
  }

  @Test
  void object_classes_and_attributes_are_lists_and_keep_their_spelling() {
    LdapSettings settings = LdapSettings.of(options("objectClasses", " inetOrgPerson , groupOfNames",
        "attributes", "cn,mail,*,+,userCertificate;binary"));
    assertEquals(List.of("inetOrgPerson", "groupOfNames"), settings.objectClasses());
    assertEquals(List.of("cn", "mail", "*", "+", "userCertificate;binary"),
        settings.attributes());
  }

  @Test
  void creating_from_invalid_options_fails_with_every_problem() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> factory.create(options("port", "x", "delta", "y"), Items.context(work)));
    assertTrue(e.getMessage().contains("port:") && e.getMessage().contains("delta:"),
        e.getMessage());
  }

  @Test
  void the_logged_description_masks_the_password() {
    String described = LdapSettings.of(options("bindDn", "cn=admin", "password", "hunter2"))
        .describe();
    assertTrue(described.contains("password=****") && !described.contains("hunter2"), described);
  }
}
