package org.autosync.lab;

import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;

/** Why a parked search ended, and the result its search done message carries. */
enum End {
  /** {@link ChangeNotificationEmulator#releaseAll()} or {@link ChangeNotificationEmulator#close()}. */
  RELEASED(ChangeNotificationEmulator.RELEASE_RESULT_CODE,
      "The lab directory ended this notification search because its change-notification emulator"
          + " released all watchers (the server is stopping or simulating an outage); search"
          + " again once it accepts connections."),
  /** The client closed its socket, or a notification could not be sent to it. */
  CLIENT_GONE(ResultCode.SERVER_DOWN, "The client connection is gone."),
  /** The client abandoned the search; LDAP clients ignore this result. */
  ABANDONED(ResultCode.CANCELED, "The client abandoned the notification search."),
  /** The client sent an unbind request; the connection is closed. */
  UNBOUND(ResultCode.OTHER, "The client unbound."),
  /** The client sent another request on the connection of a parked search; it is closed. */
  MISUSED(ResultCode.UNWILLING_TO_PERFORM,
      "The lab directory can read only abandon and unbind requests on a connection with an open"
          + " notification search; it closed the connection. Use a dedicated connection.");

  private final ResultCode resultCode;
  private final String message;

  End(ResultCode resultCode, String message) {
    this.resultCode = resultCode;
    this.message = message;
  }

  String message() {
    return message;
  }

  LDAPException toException() {
    return new LDAPException(resultCode, message);
  }
}
