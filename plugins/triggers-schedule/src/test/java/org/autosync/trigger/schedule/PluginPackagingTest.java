package org.autosync.trigger.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.Properties;
import org.autosync.api.trigger.ParameterDescriptor;
import org.autosync.api.trigger.ParameterType;
import org.autosync.api.trigger.TriggerFactory;
import org.autosync.api.trigger.TriggerType;
import org.junit.jupiter.api.Test;

/** What the host sees of the plugin: its extension index, its metadata, its types as data. */
class PluginPackagingTest {

  @Test
  void the_extension_index_lists_the_three_factories() throws IOException {
    // The main index; the test classes get an (empty) one of their own.
    Path index = Path.of(IntervalTriggerFactory.class.getProtectionDomain().getCodeSource()
        .getLocation().getPath(), "META-INF", "extensions.idx");
    List<String> lines = Files.readAllLines(index, StandardCharsets.UTF_8).stream()
        .filter(l -> !l.startsWith("#") && !l.isBlank()).sorted().toList();
    assertEquals(List.of(CronTriggerFactory.class.getName(),
        IntervalTriggerFactory.class.getName(), StartIntervalTriggerFactory.class.getName()),
        lines);
  }

  @Test
  void plugin_properties_name_the_plugin_and_its_version() throws IOException {
    Properties properties = new Properties();
    try (InputStream in = getClass().getResourceAsStream("/plugin.properties")) {
      assertNotNull(in);
      properties.load(in);
    }
    assertEquals("autosync-triggers-schedule", properties.getProperty("plugin.id"));
    assertFalse(properties.getProperty("plugin.version").contains("${"));
  }

  @Test
  void each_type_describes_its_parameters_with_defaults() {
    TriggerType interval = new IntervalTriggerFactory().type();
    assertEquals("interval", interval.id());
    assertEquals(List.of("interval", "firstFire", "onlyIfNoImportFor", "profile", "profileType",
        "partition", "exclusive", "front"),
        interval.parameters().stream().map(ParameterDescriptor::name).toList());
    ParameterDescriptor every = interval.parameter("interval").orElseThrow();
    assertEquals(ParameterType.DURATION, every.type());
    assertEquals(true, every.required());
    assertEquals("afterInterval", interval.parameter("firstFire").orElseThrow().defaultValue());
    assertEquals("DeltaImport", interval.parameter("profileType").orElseThrow().defaultValue());
    assertEquals("false", interval.parameter("exclusive").orElseThrow().defaultValue());
    assertEquals("false", interval.parameter("front").orElseThrow().defaultValue());

    TriggerType cron = new CronTriggerFactory().type();
    assertEquals("cron", cron.id());
    assertEquals(true, cron.parameter("expression").orElseThrow().required());
    assertEquals(ZoneId.systemDefault().getId(),
        cron.parameter("timeZone").orElseThrow().defaultValue());
    assertEquals("true", cron.parameter("catchUp").orElseThrow().defaultValue());

    TriggerType startInterval = new StartIntervalTriggerFactory().type();
    assertEquals("start-interval", startInterval.id());
    assertEquals(true, startInterval.parameter("startTime").orElseThrow().required());
    assertEquals("1d", startInterval.parameter("interval").orElseThrow().defaultValue());
  }

  @Test
  void factories_are_usable_through_the_extension_point() {
    for (TriggerFactory factory : List.<TriggerFactory>of(new IntervalTriggerFactory(),
        new CronTriggerFactory(), new StartIntervalTriggerFactory())) {
      assertFalse(factory.type().description().isBlank());
    }
  }
}
