package org.autosync.engine.embedded.connector.ldap;

import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import java.util.Locale;
import org.autosync.api.engine.ResultCodes;
import org.autosync.engine.embedded.connector.ConnectorException;

/**
 * Turns LDAP result codes into step results. Decisions come from the UnboundID {@link ResultCode},
 * never from message text.
 *
 * <p>Stateless and thread-safe.
 */
final class LdapFailures {

  private LdapFailures() {}

  /**
   * Whether the connection can no longer be trusted after this result: the server went away, the
   * connection broke or timed out, or the server is too busy or unavailable to serve it. UnboundID's
   * own list ({@link ResultCode#isConnectionUsable}) decides.
   */
  static boolean connectionLost(ResultCode code) {
    return !ResultCode.isConnectionUsable(code);
  }

  /** The step result for a connection lost while a step was under way. */
  static String lostCode(ResultCode code) {
    return code == ResultCode.BUSY || code == ResultCode.UNAVAILABLE
        ? ResultCodes.STOPPED_SERVER_DOWN
        : ResultCodes.STOPPED_CONNECTIVITY;
  }

  /**
   * The failure of a read (import, watermark): a lost connection stops the step as transient;
   * anything else the server refused needs a person (a wrong base DN, missing rights, a limit).
   */
  static ConnectorException readFailure(LdapSettings settings, String what, LDAPException e) {
    ResultCode code = e.getResultCode();
    if (connectionLost(code)) {
      return new ConnectorException(lostCode(code), "Cannot " + what + " because the connection to "
          + server(settings) + " failed (" + describe(e) + "); the step is retried later", e);
    }
    return new ConnectorException(ResultCodes.NO_START_BAD_MA_CONFIGURATION, "Cannot " + what
        + " because " + server(settings) + " refused it (" + describe(e)
        + "); check the partition, the object classes and the rights of the bind DN", e);
  }

  /** An export error type: the result code's name in kebab case, such as entry-already-exists. */
  static String errorType(ResultCode code) {
    return code.getName().strip().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
  }

  /** "68 (entry already exists): what the server said". */
  static String describe(LDAPException e) {
    String said = e.getDiagnosticMessage();
    if (said == null || said.isBlank()) {
      said = e.getMessage();
    }
    return e.getResultCode().intValue() + " (" + e.getResultCode().getName() + "): " + said;
  }

  static String server(LdapSettings settings) {
    return "'" + settings.host() + ":" + settings.port() + "'";
  }
}
