package org.autosync.trigger.directory;

import static org.awaitility.Awaitility.await;

import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.controls.ContentSyncState;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.autosync.trigger.directory.ContentSyncSession.Refresh;
import org.jspecify.annotations.Nullable;

/** A {@link ContentSyncSession.Listener} that records what it hears, in order, and waits for it. */
class RecordingSyncListener implements ContentSyncSession.Listener {

  static final Duration TIMEOUT = Duration.ofSeconds(10);

  sealed interface Event {}

  record RefreshDone(Refresh refresh) implements Event {}

  record Changed(String dn, ContentSyncState state, SearchResultEntry entry) implements Event {}

  record Deleted(List<UUID> entryUUIDs) implements Event {}

  record Cookie(byte[] value) implements Event {
    @Override
    public boolean equals(Object other) {
      return other instanceof Cookie cookie && Arrays.equals(value, cookie.value);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(value);
    }

    @Override
    public String toString() {
      return "Cookie[" + new String(value, java.nio.charset.StandardCharsets.UTF_8) + "]";
    }
  }

  record Ended(@Nullable LDAPException reason) implements Event {}

  private final List<Event> events = new CopyOnWriteArrayList<>();

  @Override
  public void refreshDone(Refresh refresh) {
    events.add(new RefreshDone(refresh));
  }

  @Override
  public void changed(SearchResultEntry entry, ContentSyncState state) {
    events.add(new Changed(entry.getDN(), state, entry));
  }

  @Override
  public void deleted(List<UUID> entryUUIDs) {
    events.add(new Deleted(entryUUIDs));
  }

  @Override
  public void cookie(byte[] cookie) {
    events.add(new Cookie(cookie));
  }

  @Override
  public void ended(@Nullable LDAPException reason) {
    events.add(new Ended(reason));
  }

  List<Event> events() {
    return List.copyOf(events);
  }

  <T extends Event> List<T> events(Class<T> type) {
    return events.stream().filter(type::isInstance).map(type::cast).toList();
  }

  List<Changed> changes() {
    return events(Changed.class);
  }

  /** The last cookie heard, or null. */
  byte @Nullable [] cookie() {
    List<Cookie> cookies = events(Cookie.class);
    return cookies.isEmpty() ? null : cookies.getLast().value();
  }

  Refresh awaitRefresh() {
    await("the end of the refresh").atMost(TIMEOUT)
        .until(() -> !events(RefreshDone.class).isEmpty() || !events(Ended.class).isEmpty());
    List<RefreshDone> done = events(RefreshDone.class);
    if (done.isEmpty()) {
      throw new AssertionError("The search ended during the refresh: " + events);
    }
    return done.getFirst().refresh();
  }

  Changed awaitChange(int count) {
    await("change #" + count).atMost(TIMEOUT).until(() -> changes().size() >= count);
    return changes().get(count - 1);
  }

  Ended awaitEnd() {
    await("the end of the search").atMost(TIMEOUT).until(() -> !events(Ended.class).isEmpty());
    return events(Ended.class).getFirst();
  }
}
