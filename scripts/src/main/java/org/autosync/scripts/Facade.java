package org.autosync.scripts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import org.autosync.api.trigger.StateStore;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;

/**
 * The host half of what scripts see as {@code ctx} / {@code autosync}: performs each operation the
 * prelude asks for, checking capabilities against their grants, and answers with a JSON envelope.
 * It never throws into the script: a denial becomes a {@code PermissionError}, a bad argument a
 * {@code ValueError}, any other failure an {@code AutoSyncError}.
 *
 * <p><b>Threading:</b> called on the thread running the script; the events and grants it calls
 * are thread-safe.
 */
final class Facade implements ScriptBridge.Handler {

  /** What a trigger script can make happen besides the capabilities. */
  interface Events {
    void fire(JsonNode target);

    void setTimer(int id, Duration delay, boolean repeat);

    void clearTimer(int id);

    void watchLdapChanges(int id, JsonNode request);
  }

  private final String script;
  private final Logger log;
  private final JsonNode info;
  private final @Nullable StateStore state;
  private final @Nullable Events events;
  private final Grants grants;
  private final CallBudget budget;
  private final InstantSource clock;

  Facade(String script, Logger log, JsonNode info, @Nullable StateStore state,
      @Nullable Events events, Grants grants, CallBudget budget, InstantSource clock) {
    this.script = Objects.requireNonNull(script);
    this.log = Objects.requireNonNull(log);
    this.info = Objects.requireNonNull(info);
    this.state = state;
    this.events = events;
    this.grants = Objects.requireNonNull(grants);
    this.budget = Objects.requireNonNull(budget);
    this.clock = Objects.requireNonNull(clock);
  }

  @Override
  public String call(String op, String argsJson) {
    try {
      JsonNode args = Json.parse(argsJson);
      return Json.ok(perform(op, args));
    } catch (CapabilityDenied e) {
      log.warn("Script '{}' was denied: {}", script, e.getMessage());
      return Json.error("denied", e.getMessage());
    } catch (IllegalArgumentException e) {
      return Json.error("invalid", e.getMessage());
    } catch (VirtualMachineError e) {
      throw e;
    } catch (Throwable e) {
      log.debug("Script '{}': {} failed", script, op, e);
      return Json.error("failed", op + " failed: " + (e.getMessage() == null ? e.toString()
          : e.getMessage()));
    }
  }

  private @Nullable JsonNode perform(String op, JsonNode a) throws Exception {
    return switch (op) {
      case "info" -> info;
      case "now" -> Json.NODES.numberNode(clock.millis());
      case "time.local" -> localTime(a.path("zone"));
      case "log" -> {
        log(a.path("level").asText("info"), a.path("message").asText(""));
        yield null;
      }
      case "state.get" -> {
        String v = state().get(key(a)).orElse(null);
        yield v == null ? null : Json.parse(v);
      }
      case "state.put" -> {
        state().put(key(a), Json.write(a.path("value")));
        yield null;
      }
      case "state.remove" -> {
        state().remove(key(a));
        yield null;
      }
      case "fire" -> {
        events("ctx.fire").fire(a);
        yield null;
      }
      case "timer.set" -> {
        long ms = a.path("delayMs").asLong(0);
        if (ms < 0) {
          throw new IllegalArgumentException("a timer's delay cannot be negative, got " + ms);
        }
        events("ctx.timers").setTimer(a.path("id").asInt(), Duration.ofMillis(ms),
            a.path("repeat").asBoolean(false));
        yield null;
      }
      case "timer.clear" -> {
        events("ctx.timers").clearTimer(a.path("id").asInt());
        yield null;
      }
      case "http" -> grants.http().request(a, budget);
      case "ldap.search" -> grants.ldap().search(a, budget);
      case "ldap.changes" -> {
        grants.ldap().checkChangeStream(a);
        events("ctx.ldap.changes").watchLdapChanges(a.path("id").asInt(), a);
        yield null;
      }
      case "sql.query" -> grants.sql().query(a, budget);
      case "files.read" -> grants.files().read(a);
      case "files.list" -> grants.files().list(a);
      default -> throw new IllegalArgumentException("unknown operation '" + op + "'");
    };
  }

  /**
   * Now on AutoSync's clock as wall-clock fields in a time zone (default: AutoSync's), so that a
   * script can work with local times without a time-zone database of its own (GraalPy has none).
   */
  private JsonNode localTime(JsonNode zoneArg) {
    ZoneId zone;
    if (zoneArg.isNull() || zoneArg.isMissingNode() || zoneArg.asText().isBlank()) {
      zone = ZoneId.systemDefault();
    } else {
      try {
        zone = ZoneId.of(zoneArg.asText().strip());
      } catch (DateTimeException e) {
        throw new IllegalArgumentException("unknown time zone '" + zoneArg.asText()
            + "'; expected a zone such as Europe/Berlin, UTC or +02:00");
      }
    }
    Instant now = clock.instant();
    ZonedDateTime t = now.atZone(zone);
    ObjectNode r = Json.object();
    r.put("epochMs", now.toEpochMilli());
    r.put("zone", zone.getId());
    r.put("offsetMinutes", t.getOffset().getTotalSeconds() / 60);
    r.put("date", t.toLocalDate().toString());
    r.put("time", t.format(DateTimeFormatter.ofPattern("HH:mm")));
    r.put("year", t.getYear());
    r.put("month", t.getMonthValue());
    r.put("day", t.getDayOfMonth());
    r.put("hour", t.getHour());
    r.put("minute", t.getMinute());
    r.put("second", t.getSecond());
    r.put("weekday", t.getDayOfWeek().getValue());
    r.put("iso", t.toOffsetDateTime().toString());
    return r;
  }

  private void log(String level, String message) {
    switch (level) {
      case "debug" -> log.debug("{}", message);
      case "warn" -> log.warn("{}", message);
      case "error" -> log.error("{}", message);
      default -> log.info("{}", message);
    }
  }

  private static String key(JsonNode a) {
    String key = a.path("key").asText("");
    if (key.isBlank() || key.length() > 200) {
      throw new IllegalArgumentException("a state key is 1 to 200 characters, got '" + key + "'");
    }
    return key;
  }

  private StateStore state() {
    if (state == null) {
      throw new CapabilityDenied("ctx.state is not available to this kind of script");
    }
    return state;
  }

  private Events events(String what) {
    if (events == null) {
      throw new CapabilityDenied(what + " is not available to this kind of script");
    }
    return events;
  }
}
