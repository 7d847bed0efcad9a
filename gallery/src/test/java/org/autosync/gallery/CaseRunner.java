package org.autosync.gallery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.autosync.api.ExecutionRequest;
import org.autosync.api.ProfileType;
import org.autosync.api.engine.ManagementAgent;
import org.autosync.api.trigger.ParameterValues;
import org.autosync.api.trigger.TriggerFactory;
import org.autosync.api.trigger.TriggerHealth;
import org.autosync.host.gallery.Gallery;
import org.autosync.scripts.ControllerDecision;
import org.autosync.scripts.ScriptCatalog;
import org.autosync.scripts.ScriptManifest;
import org.autosync.scripts.ScriptRuntime;
import org.autosync.testkit.FakeEngine;
import org.autosync.testkit.ManualClock;

/**
 * Runs one case of an entry's {@code tests.json}: installs the entry into a scripts folder,
 * starts the fixtures the case asks for, starts the script with the test kit on a manual clock,
 * then performs the steps in order, each an action and/or expectations.
 *
 * <p>A case: {@code name}, {@code start} (the clock's start, default 2026-01-05T08:00:00Z, a
 * Monday), {@code config} (the trigger's configuration or the controller script's settings;
 * numbers, booleans and lists are written as in YAML), {@code secrets} (reference to value),
 * fixtures {@code http}, {@code ldap}, {@code sql}, {@code files}, {@code startError} (starting
 * must fail with a message containing this), {@code steps}.
 *
 * <p>A step's actions, in this order: {@code http}/{@code ldap}/{@code sql}/{@code files}
 * (fixture changes), {@code restart}, {@code downtime} (stop, move the clock, start again),
 * {@code advance} (a duration), {@code advanceTo} (an instant), {@code
 * shouldExecute} (a profile), {@code run} ({@code {profile, staging, result}}). Its
 * expectations: {@code fired} (exactly what fired since the last {@code fired}), {@code requests}
 * (the HTTP requests since the last {@code requests}), {@code health}, {@code healthMessage},
 * {@code state}, {@code decision}, {@code reason}. {@code note} is for people.
 */
final class CaseRunner {

  static final ObjectMapper JSON = new ObjectMapper();

  static final Set<String> CASE_KEYS = Set.of("name", "note", "start", "config", "secrets",
      "http", "ldap", "sql", "files", "startError", "steps");
  static final Set<String> STEP_KEYS = Set.of("note", "advance", "advanceTo", "downtime", "http",
      "ldap", "sql", "files", "restart", "shouldExecute", "run", "fired", "requests", "health",
      "healthMessage", "state", "decision", "reason");

  private CaseRunner() {}

  /** The cases of an entry's {@code tests.json}. */
  static List<JsonNode> cases(Path entryFolder) throws IOException {
    Path file = entryFolder.resolve(Gallery.TESTS_FILE);
    JsonNode root = JSON.readTree(Files.readString(file));
    String where = entryFolder.getFileName() + "/" + Gallery.TESTS_FILE;
    if (root == null || !root.path("cases").isArray() || root.get("cases").isEmpty()) {
      throw new AssertionError(where + ": expected {\"cases\": [{\"name\": ..., \"steps\":"
          + " [...]}, ...]}");
    }
    unknownKeys(root, Set.of("cases", "note"), where);
    List<JsonNode> cases = new ArrayList<>();
    root.get("cases").forEach(cases::add);
    return cases;
  }

  /** Runs {@code spec}, an entry's case, with {@code work} as its scratch folder. */
  static void run(ScriptRuntime runtime, Path entryFolder, JsonNode spec, Path work)
      throws Exception {
    String id = entryFolder.getFileName().toString();
    String name = spec.path("name").asText("");
    String where = id + ", case '" + name + "'";
    assertTrue(!name.isBlank(), id + ": every case has a name");
    unknownKeys(spec, CASE_KEYS, where);
    Path scripts = install(entryFolder, work.resolve("scripts"));
    Path folder = scripts.resolve(id);
    ScriptManifest m = ScriptManifest.read(folder.resolve(ScriptManifest.FILE_NAME));
    ManualClock clock = new ManualClock(spec.has("start")
        ? Instant.parse(spec.get("start").asText()) : ManualClock.DEFAULT_START);
    try (Fixtures fixtures = new Fixtures(spec, work, clock)) {
      Map<String, String> values = config(spec.path("config"), fixtures.placeholders(), where);
      Map<String, String> secrets = new LinkedHashMap<>();
      spec.path("secrets").properties().forEach(s -> secrets.put(s.getKey(),
          s.getValue().asText()));
      try (ScriptDriver driver = driver(runtime, m, scripts, folder, clock, values, secrets)) {
        if (spec.has("startError")) {
          String expected = spec.get("startError").asText();
          Exception e = org.junit.jupiter.api.Assertions.assertThrows(Exception.class,
              driver::start, where + ": starting must fail");
          assertTrue(String.valueOf(e.getMessage()).contains(expected), where
              + ": expected the start error to contain '" + expected + "', got: "
              + e.getMessage());
          return;
        }
        driver.start();
        int n = 0;
        for (JsonNode step : spec.path("steps")) {
          n++;
          String at = where + ", step " + n + " " + step;
          try {
            step(driver, fixtures, step, at);
          } catch (AssertionError e) {
            throw e;
          } catch (Exception e) {
            throw new AssertionError(at + ": " + e, e);
          }
        }
      }
    }
  }

  private static ScriptDriver driver(ScriptRuntime runtime, ScriptManifest m, Path scripts,
      Path folder, ManualClock clock, Map<String, String> values, Map<String, String> secrets) {
    if (m.kind() == ScriptManifest.Kind.CONTROLLER) {
      return new ControllerDriver(runtime, folder, clock, values, secrets);
    }
    ScriptCatalog catalog = runtime.scan(scripts);
    TriggerFactory factory = catalog.triggerTypes().get(m.triggerTypeId());
    if (factory == null) {
      throw new AssertionError("'" + m.id() + "' is not offered as a trigger type: "
          + catalog.problems());
    }
    return new TriggerDriver(factory, m.id(), clock, values, secrets, HR);
  }

  static final ManagementAgent HR = FakeEngine.builder()
      .ma("HR", ma -> ma.category("LDAP").standardProfiles())
      .build().managementAgents().getFirst();

  private static void step(ScriptDriver driver, Fixtures fixtures, JsonNode step, String where)
      throws Exception {
    unknownKeys(step, STEP_KEYS, where);
    fixtures.apply(step, where);
    if (step.path("restart").asBoolean(false)) {
      driver.restart();
    }
    if (step.has("downtime")) {
      driver.downtime(ParameterValues.parseDuration(step.get("downtime").asText()));
    }
    if (step.has("advance")) {
      driver.advance(ParameterValues.parseDuration(step.get("advance").asText()));
    }
    if (step.has("advanceTo")) {
      Instant to = Instant.parse(step.get("advanceTo").asText());
      Duration d = Duration.between(driver.now(), to);
      driver.advance(d);
    }
    ControllerDecision decision = null;
    if (step.has("shouldExecute")) {
      decision = driver.shouldExecute(step.get("shouldExecute").asText(), where);
    }
    if (step.has("run")) {
      decision = driver.runAndComplete(step.get("run"), where);
    }
    if (step.has("fired")) {
      checkFired(step.get("fired"), driver.takeFired(where), where);
    }
    if (step.has("requests")) {
      checkRequests(step.get("requests"), Fixtures.require(fixtures.http, "http", where)
          .takeRequests(), where);
    }
    if (step.has("health") || step.has("healthMessage")) {
      TriggerHealth h = driver.health(where);
      if (step.has("health")) {
        assertEquals(step.get("health").asText(), h == null ? "none" : h.state().name(),
            where + ": health (" + h + ")");
      }
      if (step.has("healthMessage")) {
        String msg = h == null ? "" : h.message() + " " + h.lastError();
        assertTrue(msg.contains(step.get("healthMessage").asText()), where
            + ": the health message should contain '" + step.get("healthMessage").asText()
            + "': " + h);
      }
    }
    if (step.has("state")) {
      for (Map.Entry<String, JsonNode> e : step.get("state").properties()) {
        String actual = driver.state(e.getKey(), where);
        JsonNode actualNode = actual == null ? null : JSON.readTree(actual);
        if (e.getValue().isNull()) {
          assertTrue(actualNode == null || actualNode.isNull(), where + ": state '" + e.getKey()
              + "' should be unset, is " + actual);
        } else {
          assertTrue(actualNode != null && e.getValue().equals(
                  (a, b) -> a.isNumber() && b.isNumber()
                      ? a.decimalValue().compareTo(b.decimalValue()) : a.equals(b) ? 0 : 1,
                  actualNode),
              where + ": state '" + e.getKey() + "' should be " + e.getValue() + ", is " + actual);
        }
      }
    }
    if (step.has("decision")) {
      assertTrue(decision != null, where + ": 'decision' goes with shouldExecute or run");
      assertEquals(step.get("decision").asText(), decision.action().name(), where + ": "
          + decision);
    }
    if (step.has("reason")) {
      assertTrue(decision != null, where + ": 'reason' goes with shouldExecute or run");
      assertTrue(decision.reason().contains(step.get("reason").asText()), where
          + ": the reason should contain '" + step.get("reason").asText() + "': "
          + decision.reason());
    }
  }

  private static void checkFired(JsonNode expected, List<ExecutionRequest> actual,
      String where) {
    List<String> described = actual.stream().map(CaseRunner::describe).toList();
    String message = where + ": expected fired " + expected + ", got " + described;
    assertEquals(expected.size(), actual.size(), message);
    for (int i = 0; i < actual.size(); i++) {
      JsonNode e = expected.get(i);
      ExecutionRequest r = actual.get(i);
      if (e.isTextual()) {
        assertEquals(e.asText(), r.profileName(), message);
        continue;
      }
      unknownKeys(e, Set.of("profile", "profileType", "partition", "exclusive", "front",
          "reason"), where + ", fired[" + i + "]");
      if (e.has("profile")) {
        assertEquals(e.get("profile").asText(), r.profileName(), message);
      }
      if (e.has("profileType")) {
        assertEquals(ProfileType.parse(e.get("profileType").asText()), r.profileType(), message);
      }
      if (e.has("partition")) {
        assertEquals(e.get("partition").isNull() ? null : e.get("partition").asText(),
            r.partition(), message);
      }
      if (e.has("exclusive")) {
        assertEquals(e.get("exclusive").asBoolean(), r.exclusive(), message);
      }
      if (e.has("front")) {
        assertEquals(e.get("front").asBoolean(), r.front(), message);
      }
      if (e.has("reason")) {
        assertTrue(r.source().detail().contains(e.get("reason").asText()), message);
      }
    }
  }

  static String describe(ExecutionRequest r) {
    return (r.profileName() != null ? "'" + r.profileName() + "'" : r.profileType().label())
        + (r.partition() == null ? "" : " on " + r.partition())
        + (r.exclusive() ? " exclusive" : "") + (r.front() ? " front" : "")
        + " (" + r.source().detail() + ")";
  }

  private static void checkRequests(JsonNode expected, List<HttpFixture.Request> actual,
      String where) {
    List<String> lines = actual.stream().map(HttpFixture.Request::line).toList();
    String message = where + ": expected requests " + expected + ", got " + lines;
    assertEquals(expected.size(), actual.size(), message);
    for (int i = 0; i < actual.size(); i++) {
      JsonNode e = expected.get(i);
      String line = e.isTextual() ? e.asText() : e.path("line").asText();
      assertEquals(line, lines.get(i), message);
      for (Map.Entry<String, JsonNode> h : e.path("headers").properties()) {
        assertEquals(h.getValue().isNull() ? null : h.getValue().asText(),
            actual.get(i).headers().get(h.getKey()), message + ": header " + h.getKey());
      }
    }
  }

  /** The case's configuration as text values, placeholders replaced. */
  private static Map<String, String> config(JsonNode config, Map<String, String> placeholders,
      String where) {
    Map<String, String> values = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : config.properties()) {
      JsonNode v = e.getValue();
      String text;
      if (v.isArray()) {
        List<String> items = new ArrayList<>();
        v.forEach(i -> items.add(i.asText()));
        text = String.join(",", items);
      } else if (v.isValueNode()) {
        text = v.asText();
      } else {
        throw new AssertionError(where + ": config." + e.getKey()
            + ": expected a text, number, boolean or list");
      }
      for (Map.Entry<String, String> p : placeholders.entrySet()) {
        text = text.replace(p.getKey(), p.getValue());
      }
      values.put(e.getKey(), text);
    }
    return values;
  }

  /** Copies the entry's installed files (all but its test cases) into a scripts folder. */
  static Path install(Path entryFolder, Path scripts) throws IOException {
    Path target = Files.createDirectories(scripts.resolve(entryFolder.getFileName().toString()));
    try (Stream<Path> files = Files.list(entryFolder)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        if (!f.getFileName().toString().equals(Gallery.TESTS_FILE)) {
          Files.copy(f, target.resolve(f.getFileName().toString()));
        }
      }
    }
    return scripts;
  }

  static void unknownKeys(JsonNode node, Set<String> known, String where) {
    if (!node.isObject()) {
      throw new AssertionError(where + ": expected an object, got " + node);
    }
    node.fieldNames().forEachRemaining(k -> {
      if (!known.contains(k)) {
        throw new AssertionError(where + ": unknown key '" + k + "'; expected one of "
            + known.stream().sorted().toList());
      }
    });
  }
}
