package org.autosync.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * Free ports on the loopback address, for test servers that must listen on a fixed port (to stop
 * and listen again on the same one, or to be named in a configuration before they start).
 *
 * <pre>{@code
 * int port = LoopbackPorts.free();
 * config.setListenerConfigs(InMemoryListenerConfig.createLDAPConfig("ldap",
 *     InetAddress.getLoopbackAddress(), port, null));
 * }</pre>
 *
 * <p>The port is free when this returns; another process may take it before the caller binds, as
 * with any port picked this way. Stateless and thread-safe.
 */
public final class LoopbackPorts {

  private LoopbackPorts() {}

  /** A port the OS reports free on {@link InetAddress#getLoopbackAddress()}. */
  public static int free() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot find a free loopback port", e);
    }
  }
}
