package org.autosync.lab;

import com.unboundid.asn1.ASN1Element;
import com.unboundid.ldap.listener.LDAPListenerClientConnection;
import com.unboundid.ldap.protocol.LDAPMessage;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.extensions.NoticeOfDisconnectionExtendedResult;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the client of a parked search while its connection's reader thread is parked.
 *
 * <p>The in-memory server reads and processes a connection's requests on one thread, an {@link
 * LDAPListenerClientConnection}. While a notification search is parked that thread reads nothing,
 * so the server would not notice an abandon, an unbind or a closed socket. This class takes over
 * reading for the time being: it polls the connection's socket (short read timeouts, so that a
 * release is seen quickly), reads whole LDAP messages byte-exactly, and reports what ends the
 * search: end of stream or an I/O error ({@link End#CLIENT_GONE}), an abandon of this search
 * ({@link End#ABANDONED}; abandons of other message IDs are ignored), an unbind ({@link
 * End#UNBOUND}; the connection is closed) or any other request ({@link End#MISUSED}; that request
 * cannot be handed back to the server, so the connection is closed with a notice of disconnection).
 * The socket's read timeout is restored before the thread returns to the server.
 *
 * <p>When the search is not processed on an {@code LDAPListenerClientConnection} thread, the link
 * only waits; a gone client is then noticed when a notification fails to send.
 *
 * <p>Used only by the parked thread itself.
 */
final class ClientLink {

  private static final Logger log = LoggerFactory.getLogger(ClientLink.class);

  /** How long the rest of a message may take once its first byte arrived. */
  private static final int MESSAGE_TIMEOUT_MILLIS = 10_000;
  /** Abandon and unbind requests are tiny; anything this large is a misuse. */
  private static final int MAX_MESSAGE_BYTES = 1 << 20;

  private final @Nullable LDAPListenerClientConnection connection;

  private ClientLink(@Nullable LDAPListenerClientConnection connection) {
    this.connection = connection;
  }

  /** A link to the connection whose thread is running, if it is an LDAP listener connection. */
  static ClientLink ofCurrentThread() {
    return new ClientLink(Thread.currentThread() instanceof LDAPListenerClientConnection c
        ? c : null);
  }

  /**
   * Blocks until {@code ended} is counted down (returns {@code null}) or the client ends the search
   * (returns why).
   */
  @Nullable End watch(int messageId, CountDownLatch ended, Duration poll)
      throws InterruptedException {
    LDAPListenerClientConnection client = connection;
    if (client == null) {
      ended.await();
      return null;
    }
    Socket socket = client.getSocket();
    int originalTimeout;
    try {
      originalTimeout = socket.getSoTimeout();
    } catch (IOException e) {
      return End.CLIENT_GONE;
    }
    try {
      return readUntilEnded(socket, messageId, ended, (int) Math.max(1, poll.toMillis()));
    } finally {
      try {
        socket.setSoTimeout(originalTimeout);
      } catch (IOException e) {
        log.debug("Cannot restore the read timeout of a closed client socket", e);
      }
    }
  }

  private @Nullable End readUntilEnded(Socket socket, int messageId, CountDownLatch ended,
      int pollMillis) {
    try {
      InputStream in = socket.getInputStream();
      while (ended.getCount() > 0) {
        socket.setSoTimeout(pollMillis);
        int type;
        try {
          type = in.read();
        } catch (SocketTimeoutException nothingYet) {
          continue;
        }
        if (type < 0) {
          close();
          return End.CLIENT_GONE;
        }
        socket.setSoTimeout(MESSAGE_TIMEOUT_MILLIS);
        End end = handle(readMessage(type, new DataInputStream(in)), messageId);
        if (end != null) {
          return end;
        }
      }
      return null;
    } catch (IOException e) {
      log.debug("Client of a parked search is gone", e);
      close();
      return End.CLIENT_GONE;
    } catch (LDAPException e) {
      log.warn("A client sent a malformed message while its notification search was open: {}",
          e.getMessage());
      disconnect();
      return End.MISUSED;
    }
  }

  private @Nullable End handle(LDAPMessage message, int messageId) {
    switch (message.getProtocolOpType()) {
      case LDAPMessage.PROTOCOL_OP_TYPE_ABANDON_REQUEST -> {
        return message.getAbandonRequestProtocolOp().getIDToAbandon() == messageId
            ? End.ABANDONED : null;
      }
      case LDAPMessage.PROTOCOL_OP_TYPE_UNBIND_REQUEST -> {
        close();
        return End.UNBOUND;
      }
      default -> {
        log.warn("A client sent request {} on the connection of its open notification search"
            + " (message ID {}); closing the connection. Use a dedicated connection for"
            + " notification searches.", message.getMessageID(), messageId);
        disconnect();
        return End.MISUSED;
      }
    }
  }

  /** Reads the rest of one BER element (an LDAP message) whose type byte was read. */
  private static LDAPMessage readMessage(int type, DataInputStream in)
      throws IOException, LDAPException {
    int length = in.readUnsignedByte();
    if (length > 0x7F) {
      int lengthBytes = length & 0x7F;
      if (lengthBytes < 1 || lengthBytes > 4) {
        throw new LDAPException(ResultCode.DECODING_ERROR,
            "invalid BER length with " + lengthBytes + " length bytes");
      }
      length = 0;
      for (int i = 0; i < lengthBytes; i++) {
        length = (length << 8) | in.readUnsignedByte();
      }
    }
    if (length < 0 || length > MAX_MESSAGE_BYTES) {
      throw new LDAPException(ResultCode.DECODING_ERROR,
          "message of " + length + " bytes is larger than an abandon or unbind request");
    }
    byte[] value = new byte[length];
    in.readFully(value);
    return LDAPMessage.decode(new ASN1Element((byte) type, value));
  }

  private void disconnect() {
    LDAPListenerClientConnection client = connection;
    if (client == null) {
      return;
    }
    try {
      client.sendUnsolicitedNotification(new NoticeOfDisconnectionExtendedResult(
          ResultCode.UNWILLING_TO_PERFORM, End.MISUSED.message()));
    } catch (LDAPException e) {
      log.debug("Cannot send the notice of disconnection", e);
    }
    close();
  }

  private void close() {
    LDAPListenerClientConnection client = connection;
    if (client == null) {
      return;
    }
    try {
      client.close();
    } catch (IOException e) {
      log.debug("Closing the client connection failed", e);
    }
  }
}
