package org.autosync.scripts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.unboundid.ldap.sdk.LDAPException;
import java.time.Duration;
import java.util.function.Consumer;
import org.autosync.api.trigger.StateStore;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;

/**
 * {@code ctx.ldap.changes({server, base, intervalMs}, fn)}: reads the granted server's {@code
 * cn=changelog} every interval and calls {@code fn(changes)} with the changes under {@code base}
 * since the last call ({@code [{changeNumber, changeType, targetDN}]}, oldest first). The last
 * change number read is kept in the trigger's state, so a restart continues where it stopped; the
 * first start begins at the newest change. A read that fails is logged and tried again next time.
 *
 * <p><b>Threading:</b> runs on the trigger's lane.
 */
final class ChangeStream {

  private final LdapAccess ldap;
  private final JsonNode request;
  private final StateStore state;
  private final Duration timeout;
  private final Consumer<JsonNode> callback;
  private final Logger log;
  private final String key;
  private boolean failing;

  ChangeStream(LdapAccess ldap, JsonNode request, StateStore state, Duration timeout,
      Consumer<JsonNode> callback, Logger log) {
    this.ldap = ldap;
    this.request = request;
    this.state = state;
    this.timeout = timeout;
    this.callback = callback;
    this.log = log;
    this.key = "ldap.changes " + ldap.serverKey(request) + " " + request.path("base").asText();
  }

  /** Records the newest change number when the stream has none yet. */
  void prime() {
    if (watermark() == null) {
      read();
    }
  }

  void poll() {
    read();
  }

  private void read() {
    Long after = watermark();
    LdapAccess.Changes changes;
    try {
      changes = ldap.changesSince(request, after, timeout);
    } catch (LDAPException | RuntimeException e) {
      if (!failing) {
        log.warn("Cannot read the change log for '{}': {}; trying again next interval", key,
            e.getMessage());
      }
      failing = true;
      return;
    }
    if (failing) {
      log.info("Reading the change log for '{}' works again", key);
      failing = false;
    }
    state.put(key, Long.toString(changes.last()));
    if (!changes.changes().isEmpty()) {
      ArrayNode list = Json.NODES.arrayNode();
      changes.changes().forEach(list::add);
      callback.accept(list);
    }
  }

  private @Nullable Long watermark() {
    return state.get(key).map(Long::parseLong).orElse(null);
  }
}
