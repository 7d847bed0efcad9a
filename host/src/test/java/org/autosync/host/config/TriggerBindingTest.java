package org.autosync.host.config;

import static org.autosync.host.config.ConfigErrorsTest.assertError;
import static org.autosync.host.config.ConfigErrorsTest.errors;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.autosync.api.trigger.ConfigProblem;
import org.autosync.api.trigger.Trigger;
import org.autosync.api.trigger.TriggerConfig;
import org.autosync.api.trigger.TriggerFactory;
import org.autosync.api.trigger.TriggerType;
import org.junit.jupiter.api.Test;

/** Triggers: ids, types, and parameter problems located at the parameter's line. */
class TriggerBindingTest {

  @Test
  void a_parameter_the_type_refuses_is_reported_at_that_parameter() {
    assertError("autosync.yaml:7:19: mas.HR.triggers[0].interval: expected a duration such as 30s,"
        + " 5m, 2h, 1d or PT5M, got 'often'", """
        engine: {type: embedded}
        mas:
          HR:
            triggers:
              - id: hr
                type: every
                interval: often
                front: true
        """);
  }

  @Test
  void a_problem_with_one_list_item_is_reported_at_that_item() {
    assertError("autosync.yaml:8:28: mas.HR.triggers[0].bases[1]: expected a DN such as"
        + " ou=people,o=hr; got 'people'", """
        engine: {type: embedded}
        mas:
          HR:
            triggers:
              - id: hr
                type: watch
                host: hr.example
                bases: [ou=groups, people]
        """);
  }

  @Test
  void a_missing_required_parameter_is_reported_at_the_trigger() {
    assertError("autosync.yaml:5:9: mas.HR.triggers[0].interval: is required (How often to fire)",
        """
        engine: {type: embedded}
        mas:
          HR:
            triggers:
              - id: hr
                type: every
        """);
  }

  @Test
  void an_unknown_parameter_lists_the_type_parameters() {
    assertEquals(List.of(
        "autosync.yaml:5:9: mas.HR.triggers[0].interval: is required (How often to fire)",
        "autosync.yaml:7:9: mas.HR.triggers[0].intervall: unknown key; did you mean 'interval'?"
            + " trigger type 'every' expects id, type, interval, front"), errors("""
        engine: {type: embedded}
        mas:
          HR:
            triggers:
              - id: hr
                type: every
                intervall: 1m
        """));
  }

  @Test
  void an_unknown_type_lists_the_loaded_types() {
    assertError("autosync.yaml:4:31: mas.HR.triggers[0].type: unknown trigger type; expected one"
        + " of every, watch; got 'interval'", """
        engine: {type: embedded}
        mas:
          HR:
            triggers: [{id: hr, type: interval, interval: 1m}]
        """);
  }

  @Test
  void ids_are_required_well_formed_and_unique_across_the_file_ignoring_case() {
    assertEquals(List.of(
        "autosync.yaml:5:9: mas.HR.triggers[0].id: is required; expected a unique id such as"
            + " hr-every-minute",
        "autosync.yaml:6:14: mas.HR.triggers[1].id: expected 1 to 128 letters, digits, '.', '_' or"
            + " '-', starting with a letter or digit; got 'hr every minute'",
        "autosync.yaml:7:14: mas.HR.triggers[2].id: expected 1 to 128 letters, digits, '.', '_' or"
            + " '-', starting with a letter or digit; got '../state'",
        "autosync.yaml:8:14: mas.HR.triggers[3].id: expected a unique id such as hr-every-minute;"
            + " got a list",
        "autosync.yaml:12:14: mas.CORP.triggers[0].id: trigger id 'HR.poll' is already used at"
            + " line 9 (ids must be unique in the file, ignoring case)"), errors("""
        engine: {type: embedded}
        mas:
          HR:
            triggers:
              - {type: every, interval: 1m}
              - {id: hr every minute, type: every, interval: 1m}
              - {id: ../state, type: every, interval: 1m}
              - {id: [a], type: every, interval: 1m}
              - {id: hr.poll, type: every, interval: 1m}
          CORP:
            triggers:
              - {id: HR.poll, type: every, interval: 1m}
        """));
  }

  @Test
  void parameter_values_must_be_text_numbers_booleans_or_lists_of_them() {
    assertEquals(List.of(
        "autosync.yaml:5:50: mas.HR.triggers[0].front: expected a text, number, boolean or list;"
            + " got nothing (leave the key out to use the default)",
        "autosync.yaml:6:36: mas.HR.triggers[1].host: expected a text, number, boolean or list;"
            + " got a mapping",
        "autosync.yaml:7:47: mas.HR.triggers[2].bases[0]: list items cannot contain ','; got"
            + " 'ou=a,o=b'"), errors("""
        engine: {type: embedded}
        mas:
          HR:
            triggers:
              - {id: a, type: every, interval: 1m, front: }
              - {id: b, type: watch, host: {name: x}}
              - {id: c, type: watch, host: h, bases: ["ou=a,o=b"]}
        """));
  }

  @Test
  void a_factory_that_throws_while_validating_is_an_error_not_a_crash() {
    TriggerFactory broken = new TriggerFactory() {
      @Override
      public TriggerType type() {
        return new TriggerType("broken", "Broken", "Throws", List.of());
      }

      @Override
      public List<ConfigProblem> validate(Map<String, String> values) {
        throw new IllegalStateException("oops");
      }

      @Override
      public Trigger create(TriggerConfig config) {
        throw new UnsupportedOperationException();
      }
    };

    ConfigException e = org.junit.jupiter.api.Assertions.assertThrows(ConfigException.class,
        () -> ConfigLoader.load("""
            engine: {type: embedded}
            mas:
              HR:
                triggers: [{id: a, type: broken}]
            """, "x.yaml", Map.of("broken", broken), TestTriggers.ENGINES));

    assertEquals("x.yaml:4:16: mas.HR.triggers[0]: trigger type 'broken' failed to check this"
        + " block (a bug in its plugin): java.lang.IllegalStateException: oops",
        e.errors().getFirst().toString());
  }
}
