package org.autosync.trigger.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.autosync.api.trigger.ParameterDescriptor;
import org.autosync.api.trigger.ParameterType;
import org.autosync.api.trigger.TriggerType;
import org.junit.jupiter.api.Test;

/** What the host sees of the plugin: its extension index, its metadata, its type as data. */
class PluginPackagingTest {

  @Test
  void the_extension_index_lists_the_factory() throws IOException {
    Path index = Path.of(LdapChangelogTriggerFactory.class.getProtectionDomain().getCodeSource()
        .getLocation().getPath(), "META-INF", "extensions.idx");
    List<String> lines = Files.readAllLines(index, StandardCharsets.UTF_8).stream()
        .filter(l -> !l.startsWith("#") && !l.isBlank()).toList();
    assertEquals(java.util.Set.of(LdapChangelogTriggerFactory.class.getName(),
        AdNotifyTriggerFactory.class.getName(), PersistentSearchTriggerFactory.class.getName(),
        ContentSyncTriggerFactory.class.getName()),
        java.util.Set.copyOf(lines));
  }

  @Test
  void plugin_properties_name_the_plugin_and_its_version() throws IOException {
    Properties properties = new Properties();
    try (InputStream in = getClass().getResourceAsStream("/plugin.properties")) {
      assertNotNull(in);
      properties.load(in);
    }
    assertEquals("autosync-triggers-directory", properties.getProperty("plugin.id"));
    assertFalse(properties.getProperty("plugin.version").contains("${"));
  }

  @Test
  void the_type_describes_its_parameters_with_defaults() {
    TriggerType type = new LdapChangelogTriggerFactory().type();
    assertEquals("ldap-changelog", type.id());
    assertEquals(List.of("hosts", "port", "domain", "dnsServer", "security", "trustStore",
        "trustStorePassword", "verifyHostname", "bindDn", "password", "timeout", "baseDn",
        "interval", "quietPeriod", "fireFirstChange", "maxReconnectDelay", "profile",
        "profileType", "partition", "exclusive", "front"),
        type.parameters().stream().map(ParameterDescriptor::name).toList());
    // hosts and baseDn may come from the MA's connection hints
    assertEquals(false, type.parameter("hosts").orElseThrow().required());
    assertEquals(false, type.parameter("baseDn").orElseThrow().required());
    assertEquals("10s", type.parameter("timeout").orElseThrow().defaultValue());
    assertEquals("2s", type.parameter("interval").orElseThrow().defaultValue());
    assertEquals(ParameterType.SECRET, type.parameter("password").orElseThrow().type());
    assertEquals("DeltaImport", type.parameter("profileType").orElseThrow().defaultValue());
  }
}
