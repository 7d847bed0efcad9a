package org.autosync.engine.embedded.connector.ldap;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import org.autosync.engine.embedded.connector.ConnectorException;

/**
 * A directory's record of writes, read in the order they happened, with a watermark that says how
 * far it was read.
 *
 * <p>Implementations are immutable and thread-safe; the connection passed in is used by one
 * thread at a time.
 */
sealed interface ChangeFeed permits ChangelogFeed, AccesslogFeed {

  /** The watermark of the newest write logged so far (the log's start when it is empty). */
  String currentWatermark(LDAPConnection connection) throws LDAPException, ConnectorException;

  /**
   * Hands every write logged after {@code watermark}, oldest first, to {@code sink}.
   *
   * @return the watermark of the last write read, or {@code watermark} when there was none
   * @throws ConnectorException {@code no-start-full-import-required} when the log no longer holds
   *     the writes right after {@code watermark}, or {@code no-start-change-log-not-enabled} when
   *     the directory has no such log
   */
  String read(LDAPConnection connection, String watermark, Sink sink)
      throws LDAPException, ConnectorException;

  /** Receives the records of a feed. */
  interface Sink {
    /** A write, in log order. */
    void change(ChangeRecord change);

    /** A record that could not be understood. */
    void unreadable(String position, String reason);
  }
}
