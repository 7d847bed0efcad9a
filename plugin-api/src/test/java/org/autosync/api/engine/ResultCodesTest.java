package org.autosync.api.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResultCodesTest {

  @ParameterizedTest(name = "{0} is {1}")
  @CsvSource({
    "success, SUCCESS",
    "completed-no-objects, SUCCESS",
    "completed-warnings, SUCCESS",
    "completed-transient-objects, SUCCESS",
    "completed-sync-errors, COMPLETED_WITH_ERRORS",
    "completed-export-errors, COMPLETED_WITH_ERRORS",
    "completed-discovery-errors, DISCOVERY_ERRORS",
    "no-start-ma-already-running, BUSY",
    "no-start-sync-already-running, BUSY",
    "in-progress, BUSY",
    "completing-obsoletion, BUSY",
    "completing-referential-updates, BUSY",
    "stopped-deadlocked, TRANSIENT",
    "no-start-connection, TRANSIENT",
    "stopped-connectivity, TRANSIENT",
    "stopped-server-down, TRANSIENT",
    "stopped-database-connection-lost, TRANSIENT",
    "connection-failure, TRANSIENT",
    "stopped-service-shutdown, TRANSIENT",
    "no-start-file-sharing-violation, TRANSIENT",
    "no-start-full-import-required, NEEDS_FULL_IMPORT",
    "stopped-change-log-out-of-order, NEEDS_FULL_IMPORT",
    "no-start-change-log-not-enabled, NEEDS_FULL_IMPORT",
    "stopped-object-limit, LIMITS",
    "stopped-deletion-limit, LIMITS",
    "stopped-error-limit, LIMITS",
    "stopped-user-termination-from-wmi-or-ui, STOPPED_BY_USER",
    "stopped-user-termination-from-extension, STOPPED_BY_USER",
    "access-denied, FATAL",
    "no-start-unknown-profile-name, FATAL",
    "no-start-credentials, FATAL",
    "stopped-extension-dll-exception, FATAL",
    "stopped-parsing-errors, FATAL",
    "something-nobody-has-seen, FATAL",
  })
  void classifies_result_codes_as_the_engine_document_says(String code, ResultClass expected) {
    assertEquals(expected, ResultCodes.classify(code));
  }

  @ParameterizedTest
  @CsvSource({"SUCCESS", "' success '", "Stopped-Deadlocked"})
  void ignores_case_and_surrounding_blanks(String code) {
    assertFalse(ResultCodes.classify(code) == ResultClass.FATAL);
  }

  @ParameterizedTest
  @CsvSource({"SUCCESS, true", "COMPLETED_WITH_ERRORS, true", "DISCOVERY_ERRORS, true",
      "TRANSIENT, false", "BUSY, false", "FATAL, false"})
  void only_completed_runs_plan_follow_ups(ResultClass cls, boolean plans) {
    assertEquals(plans, cls.plansFollowUps());
  }

  @org.junit.jupiter.api.Test
  void derived_predicates_follow_lithnet_definitions() {
    assertFalse(new StagingCounters(5, 0, 0, 0, 0, 0, 3).hasChanges(), "no-change and failure");
    assertTrue(new StagingCounters(0, 0, 0, 0, 0, 1, 0).hasChanges(), "delete-add");
    assertFalse(new OutboundFlowCounters(0, 0, 0, 0, 0, 0, 0, 0, 7).hasChanges(),
        "connector-no-flow");
    assertTrue(new OutboundFlowCounters(0, 0, 0, 0, 1, 0, 0, 0, 0).hasChanges(), "disconnect");
    assertTrue(new ExportCounters(0, 0, 0, 0, 0, 1).hasChanges(), "failures count");
    assertFalse(ExportCounters.NONE.hasChanges());
  }
}
