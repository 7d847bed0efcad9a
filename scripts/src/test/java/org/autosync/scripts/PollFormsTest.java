package org.autosync.scripts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.autosync.api.ExecutionRequest;
import org.autosync.api.ProfileType;
import org.autosync.api.trigger.TriggerHealth;
import org.autosync.testkit.RunningTrigger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(SharedRuntime.class)
class PollFormsTest {

  @TempDir Path dir;

  private List<ExecutionRequest> firstPoll(ScriptRuntime runtime, String body,
      Map<String, String> values) {
    ScriptFolder scripts = new ScriptFolder(dir, runtime);
    scripts.trigger("forms", ScriptLanguage.JAVASCRIPT, "function poll(ctx) {\n  " + body + "\n}\n");
    try (RunningTrigger t = scripts.start("forms", values)) {
      assertEquals(TriggerHealth.State.HEALTHY, t.context().lastHealth().orElseThrow().state(),
          t.context().healthReports().toString());
      return t.context().fired();
    }
  }

  @Test
  void returning_nothing_fires_nothing(ScriptRuntime runtime) {
    assertEquals(List.of(), firstPoll(runtime, "return undefined;", Map.of()));
  }

  @Test
  void returning_a_profile_name_fires_that_profile(ScriptRuntime runtime) {
    List<ExecutionRequest> fired = firstPoll(runtime, "return 'DI';", Map.of());
    assertEquals(1, fired.size());
    assertEquals("DI", fired.getFirst().profileName());
    assertEquals("forms", fired.getFirst().source().id());
  }

  @Test
  void returning_true_fires_the_configured_target(ScriptRuntime runtime) {
    List<ExecutionRequest> fired = firstPoll(runtime, "return true;",
        Map.of("profileType", "FullImport", "exclusive", "true"));
    assertEquals(ProfileType.FULL_IMPORT, fired.getFirst().profileType());
    assertTrue(fired.getFirst().exclusive());
  }

  @Test
  void returning_a_request_object_fires_it_with_its_reason(ScriptRuntime runtime) {
    List<ExecutionRequest> fired = firstPoll(runtime,
        "return {profileType: 'DeltaImport', partition: 'default', front: true,"
            + " reason: '3 rows changed'};", Map.of());
    ExecutionRequest r = fired.getFirst();
    assertEquals(ProfileType.DELTA_IMPORT, r.profileType());
    assertEquals("default", r.partition());
    assertTrue(r.front());
    assertEquals("3 rows changed", r.source().detail());
  }

  @Test
  void a_request_naming_a_type_only_runs_on_the_configured_partition(ScriptRuntime runtime) {
    List<ExecutionRequest> fired = firstPoll(runtime,
        "return [{profileType: 'FullImport'}, {profileType: 'FullImport', partition: 'other'}];",
        Map.of("partition", "default"));
    assertEquals(ProfileType.FULL_IMPORT, fired.get(0).profileType());
    assertEquals("default", fired.get(0).partition());
    assertEquals("other", fired.get(1).partition());
  }

  @Test
  void returning_a_list_fires_each_item(ScriptRuntime runtime) {
    List<ExecutionRequest> fired = firstPoll(runtime,
        "return ['DI', {profileType: 'FullSync'}];", Map.of());
    assertEquals(2, fired.size());
    assertEquals("DI", fired.get(0).profileName());
    assertEquals(ProfileType.FULL_SYNC, fired.get(1).profileType());
  }

  @Test
  void polls_again_after_each_interval(ScriptRuntime runtime) {
    ScriptFolder scripts = new ScriptFolder(dir, runtime);
    scripts.trigger("counter", ScriptLanguage.JAVASCRIPT, """
        let polls = 0;
        function poll(ctx) {
          polls++;
          return polls % 2 == 0 ? 'DI' : null;
        }
        """);
    try (RunningTrigger t = scripts.start("counter", Map.of("interval", "1m"))) {
      t.advance(Duration.ofMinutes(3));  // polls at 0, 1m, 2m, 3m
      assertEquals(2, t.context().fired().size());
    }
  }
}
