package org.autosync.host.config;

import static org.autosync.host.config.TestTriggers.load;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.autosync.host.trigger.SecretResolver;
import org.junit.jupiter.api.Test;

class ConfigPrinterTest {

  static final String WITH_SECRETS = """
      engine:
        type: embedded
        settings:
          mas:
            - name: HR
              connector:
                type: ldap
                options:
                  host: hr.example
                  bindDn: cn=admin
                  password: "${env:HR_PW}"
                  trustStorePassword: hunter2
                  apiToken: 12345
            - name: CORP
              credentials: {user: ops-user, pin: "0000"}
      mas:
        HR:
          enabled: true
          triggers:
            - {id: w, type: watch, host: hr.example, bindPassword: s3cr3t-literal}
            - {id: v, type: watch, host: hr.example, bindPassword: "${file:/run/secrets/hr}"}
      """;

  @Test
  void secret_references_print_as_the_reference_and_literal_secrets_are_masked() {
    String printed = ConfigPrinter.print(load(WITH_SECRETS));

    assertTrue(printed.contains("password: ${env:HR_PW}"), printed);
    assertTrue(printed.contains("bindPassword: ${file:/run/secrets/hr}"), printed);
    assertTrue(printed.contains("trustStorePassword: '********'"), printed);
    assertTrue(printed.contains("apiToken: '********'"), printed);
    assertTrue(printed.contains("bindPassword: '********'"), "a SECRET parameter is masked");
    assertTrue(printed.contains("user: '********'"), "everything under credentials is masked");
    for (String secret : new String[] {"hunter2", "12345", "s3cr3t-literal", "0000", "ops-user"}) {
      assertFalse(printed.contains(secret), secret + " leaked:\n" + printed);
    }
    assertTrue(printed.contains("bindDn: cn=admin"), "other values print as they are");
  }

  @Test
  void the_configuration_to_string_shows_no_values() {
    AutoSyncConfig config = load(WITH_SECRETS);

    assertEquals("AutoSyncConfig[source=autosync.yaml, engineType=embedded, mas=[HR],"
        + " triggers=[w, v]]", config.toString());
  }

  @Test
  void a_resolved_secret_is_never_printed() {
    AutoSyncConfig config = load(WITH_SECRETS);
    String resolved = new SecretResolver(Map.of("HR_PW", "resolved-value")::get)
        .resolve("${env:HR_PW}");

    assertEquals("resolved-value", resolved);
    assertFalse(ConfigPrinter.print(config).contains(resolved),
        "the configuration holds references, so printing it cannot show a resolved value");
  }

  @Test
  void the_effective_configuration_has_every_default_filled_in() {
    String printed = ConfigPrinter.print(load("""
        engine: {type: embedded}
        mas:
          HR:
            enabled: true
            triggers: [{id: hr, type: every, interval: 1m}]
        """));

    assertEquals("""
        # Effective configuration of autosync.yaml (defaults filled in, secrets masked)
        engine:
          type: embedded
          settings: {}
        controller:
          runMode: supported
          retry:
            maxAttempts: 5
            initialDelay: 5s
            multiplier: 2
            maxDelay: 5m
            jitter: 0.2
          busyRetry:
            maxAttempts: 70
            initialDelay: 1s
            multiplier: 2
            maxDelay: 1m
            jitter: 0.2
          timeLimit: 4h
          stagger: 0s
          fimExportTakesSyncSlot: true
          engineCheckInterval: 15s
          reconcileInterval: 10m
          vetoRetryInterval: 1m
        mas:
          HR:
            enabled: true
            mappings: {}
            lockWith: []
            thresholds: []
            timeLimits: {}
            triggers:
              - id: hr
                type: every
                interval: 1m
                front: false
        """, printed);
  }

  @Test
  void the_printed_configuration_loads_back_to_the_same_configuration() {
    AutoSyncConfig original = load(ConfigLoaderTest.FULL);

    AutoSyncConfig reloaded = load(ConfigPrinter.print(original));

    assertEquals(original.controller(), reloaded.controller());
    assertEquals(original.engineSettings(), reloaded.engineSettings());
    assertEquals(original.triggers().stream().map(t -> t.config()).toList(),
        reloaded.triggers().stream().map(t -> t.config()).toList());
  }
}
