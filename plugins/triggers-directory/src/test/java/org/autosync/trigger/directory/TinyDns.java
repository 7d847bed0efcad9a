package org.autosync.trigger.directory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A DNS server on a loopback UDP port that answers SRV questions from a fixed table (RFC 1035
 * message format, RFC 2782 SRV data) and everything else with NXDOMAIN - enough for the JDK's
 * DNS provider, which UnboundID's SRV server set uses. Stops with {@link #close()}.
 */
final class TinyDns implements AutoCloseable {

  /** One SRV answer. */
  record Srv(int priority, int weight, int port, String target) {}

  private final DatagramSocket socket;
  private final Map<String, List<Srv>> records;
  private final Thread thread;
  final List<String> questions = new CopyOnWriteArrayList<>();

  TinyDns(Map<String, List<Srv>> records) {
    try {
      socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
    } catch (SocketException e) {
      throw new UncheckedIOException(e);
    }
    this.records = records;
    thread = Thread.ofPlatform().daemon().name("tiny-dns").start(this::serve);
  }

  String url() {
    return "dns://127.0.0.1:" + socket.getLocalPort();
  }

  private void serve() {
    byte[] buffer = new byte[512];
    while (!socket.isClosed()) {
      DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
      try {
        socket.receive(packet);
        byte[] answer = answer(ByteBuffer.wrap(packet.getData(), 0, packet.getLength()));
        socket.send(new DatagramPacket(answer, answer.length, packet.getSocketAddress()));
      } catch (IOException e) {
        if (!socket.isClosed()) {
          throw new UncheckedIOException(e);
        }
      }
    }
  }

  private byte[] answer(ByteBuffer query) {
    short id = query.getShort(0);
    int position = 12;
    StringBuilder name = new StringBuilder();
    byte[] raw = query.array();
    int offset = query.arrayOffset();
    while (raw[offset + position] != 0) {
      int length = raw[offset + position];
      name.append(name.isEmpty() ? "" : ".")
          .append(new String(raw, offset + position + 1, length, StandardCharsets.US_ASCII));
      position += length + 1;
    }
    int questionEnd = position + 1 + 4; // the zero label, QTYPE, QCLASS
    int type = ((raw[offset + position + 1] & 0xff) << 8) | (raw[offset + position + 2] & 0xff);
    String qname = name.toString().toLowerCase(Locale.ROOT);
    questions.add(qname);
    List<Srv> srv = type == 33 ? records.get(qname) : null;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteBuffer header = ByteBuffer.allocate(12);
    header.putShort(id);
    header.putShort((short) (srv == null ? 0x8183 : 0x8180)); // response, RD+RA, NXDOMAIN or OK
    header.putShort((short) 1).putShort((short) (srv == null ? 0 : srv.size()))
        .putShort((short) 0).putShort((short) 0);
    out.writeBytes(header.array());
    out.write(raw, offset + 12, questionEnd - 12);
    if (srv != null) {
      for (Srv r : srv) {
        ByteArrayOutputStream target = new ByteArrayOutputStream();
        for (String label : r.target().split("\\.")) {
          target.write(label.length());
          target.writeBytes(label.getBytes(StandardCharsets.US_ASCII));
        }
        target.write(0);
        ByteBuffer rr = ByteBuffer.allocate(2 + 2 + 2 + 4 + 2 + 6 + target.size());
        rr.putShort((short) 0xC00C).putShort((short) 33).putShort((short) 1).putInt(60)
            .putShort((short) (6 + target.size())).putShort((short) r.priority())
            .putShort((short) r.weight()).putShort((short) r.port()).put(target.toByteArray());
        out.writeBytes(rr.array());
      }
    }
    return out.toByteArray();
  }

  @Override
  public void close() {
    socket.close();
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
