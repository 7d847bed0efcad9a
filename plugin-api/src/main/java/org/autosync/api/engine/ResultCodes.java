package org.autosync.api.engine;

import java.util.Locale;
import java.util.Set;

/**
 * Result codes of MIM's run history and the controller's classification of them.
 *
 * <p>Engines return MIM's strings; the embedded engine uses the same ones. Unknown codes are
 * {@link ResultClass#FATAL}: the controller does not guess.
 *
 * <p>Stateless and thread-safe.
 */
public final class ResultCodes {

  public static final String SUCCESS = "success";
  public static final String COMPLETED_NO_OBJECTS = "completed-no-objects";
  public static final String COMPLETED_WARNINGS = "completed-warnings";
  public static final String COMPLETED_TRANSIENT_OBJECTS = "completed-transient-objects";
  public static final String COMPLETED_SYNC_ERRORS = "completed-sync-errors";
  public static final String COMPLETED_EXPORT_ERRORS = "completed-export-errors";
  public static final String COMPLETED_DISCOVERY_ERRORS = "completed-discovery-errors";
  public static final String IN_PROGRESS = "in-progress";
  public static final String NO_START_MA_ALREADY_RUNNING = "no-start-ma-already-running";
  public static final String NO_START_MA_UPDATE_IN_PROGRESS = "no-start-ma-update-in-progress";
  /**
   * The engine refused a second concurrent synchronization (MIM error 0x8023063D, "other
   * synchronization run profile is already running"). MIM's WMI string for it is undocumented; the
   * embedded engine and adapters report it as this code.
   */
  public static final String NO_START_SYNC_ALREADY_RUNNING = "no-start-sync-already-running";
  public static final String STOPPED_DEADLOCKED = "stopped-deadlocked";
  public static final String NO_START_CONNECTION = "no-start-connection";
  public static final String STOPPED_CONNECTIVITY = "stopped-connectivity";
  public static final String STOPPED_SERVER_DOWN = "stopped-server-down";
  public static final String STOPPED_DATABASE_CONNECTION_LOST = "stopped-database-connection-lost";
  public static final String CONNECTION_FAILURE = "connection-failure";
  public static final String STOPPED_SERVICE_SHUTDOWN = "stopped-service-shutdown";
  public static final String NO_START_FILE_SHARING_VIOLATION = "no-start-file-sharing-violation";
  public static final String NO_START_FULL_IMPORT_REQUIRED = "no-start-full-import-required";
  public static final String STOPPED_CHANGE_LOG_OUT_OF_ORDER = "stopped-change-log-out-of-order";
  public static final String NO_START_CHANGE_LOG_NOT_ENABLED = "no-start-change-log-not-enabled";
  public static final String STOPPED_OBJECT_LIMIT = "stopped-object-limit";
  public static final String STOPPED_DELETION_LIMIT = "stopped-deletion-limit";
  public static final String STOPPED_ERROR_LIMIT = "stopped-error-limit";
  public static final String STOPPED_USER_TERMINATION = "stopped-user-termination-from-wmi-or-ui";
  public static final String STOPPED_USER_TERMINATION_FROM_EXTENSION =
      "stopped-user-termination-from-extension";
  public static final String ACCESS_DENIED = "access-denied";
  public static final String NO_START_UNKNOWN_PROFILE_NAME = "no-start-unknown-profile-name";
  public static final String NO_START_CREDENTIALS = "no-start-credentials";
  public static final String STOPPED_BAD_SERVER_CREDENTIALS = "stopped-bad-server-credentials";
  public static final String NO_START_BAD_MA_CONFIGURATION = "no-start-bad-ma-configuration";
  public static final String STOPPED_PARSING_ERRORS = "stopped-parsing-errors";

  private static final Set<String> SUCCESS_CODES =
      Set.of(SUCCESS, COMPLETED_NO_OBJECTS, COMPLETED_WARNINGS, COMPLETED_TRANSIENT_OBJECTS);
  private static final Set<String> ERROR_CODES =
      Set.of(COMPLETED_SYNC_ERRORS, COMPLETED_EXPORT_ERRORS);
  private static final Set<String> BUSY_CODES =
      Set.of(IN_PROGRESS, NO_START_MA_ALREADY_RUNNING, NO_START_MA_UPDATE_IN_PROGRESS,
          NO_START_SYNC_ALREADY_RUNNING, "no-start-concurrent-execution-not-support");
  private static final Set<String> TRANSIENT_CODES =
      Set.of(STOPPED_DEADLOCKED, NO_START_CONNECTION, STOPPED_CONNECTIVITY, STOPPED_SERVER_DOWN,
          STOPPED_DATABASE_CONNECTION_LOST, CONNECTION_FAILURE, STOPPED_SERVICE_SHUTDOWN,
          NO_START_FILE_SHARING_VIOLATION, "no-start-no-domain-controller");
  private static final Set<String> FULL_IMPORT_CODES =
      Set.of(NO_START_FULL_IMPORT_REQUIRED, STOPPED_CHANGE_LOG_OUT_OF_ORDER,
          NO_START_CHANGE_LOG_NOT_ENABLED);
  private static final Set<String> LIMIT_CODES =
      Set.of(STOPPED_OBJECT_LIMIT, STOPPED_DELETION_LIMIT, STOPPED_ERROR_LIMIT);
  private static final Set<String> USER_STOP_CODES =
      Set.of(STOPPED_USER_TERMINATION, STOPPED_USER_TERMINATION_FROM_EXTENSION);

  private ResultCodes() {}

  /**
   * Classifies a result code as in ENGINE.md §4. Codes are compared ignoring case and surrounding
   * blanks; {@code completing-*} post-processing counts as busy; anything unknown is fatal.
   */
  public static ResultClass classify(String code) {
    String c = code.strip().toLowerCase(Locale.ROOT);
    if (SUCCESS_CODES.contains(c)) {
      return ResultClass.SUCCESS;
    }
    if (ERROR_CODES.contains(c)) {
      return ResultClass.COMPLETED_WITH_ERRORS;
    }
    if (c.equals(COMPLETED_DISCOVERY_ERRORS)) {
      return ResultClass.DISCOVERY_ERRORS;
    }
    if (BUSY_CODES.contains(c) || c.startsWith("completing-")) {
      return ResultClass.BUSY;
    }
    if (TRANSIENT_CODES.contains(c)) {
      return ResultClass.TRANSIENT;
    }
    if (FULL_IMPORT_CODES.contains(c)) {
      return ResultClass.NEEDS_FULL_IMPORT;
    }
    if (LIMIT_CODES.contains(c)) {
      return ResultClass.LIMITS;
    }
    if (USER_STOP_CODES.contains(c)) {
      return ResultClass.STOPPED_BY_USER;
    }
    return ResultClass.FATAL;
  }
}
