package org.autosync.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedSearchRequest;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.ExtendedResult;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.IntermediateResponse;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ReadOnlySearchRequest;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchResultReference;
import com.unboundid.ldap.sdk.SearchScope;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.autosync.lab.WatchMode.AdNotification;
import org.junit.jupiter.api.Test;

/** A watcher on its own, with a hand-written fake of the intercepted search request. */
class WatcherTest {

  private final List<Watcher> ended = new CopyOnWriteArrayList<>();

  @Test
  void a_failed_send_ends_the_watcher_with_client_gone_and_drops_what_is_queued()
      throws Exception {
    FakeSearchRequest request = new FakeSearchRequest();
    Watcher watcher = watcher(request);
    request.failAfter = 1;

    watcher.enqueue(entry("cn=one"));
    watcher.enqueue(entry("cn=two"));
    watcher.enqueue(entry("cn=three"));
    watcher.drain();

    assertEquals(List.of("cn=one"), request.sent);
    assertTrue(watcher.isEnded());
    assertEquals(List.of(watcher), ended);
    assertEquals(End.CLIENT_GONE, watcher.park(Duration.ofMillis(10)));
  }

  @Test
  void off_a_listener_connection_thread_park_waits_until_the_watcher_is_ended()
      throws Exception {
    Watcher watcher = watcher(new FakeSearchRequest());
    CompletableFuture<End> parked = CompletableFuture.supplyAsync(
        () -> watcher.park(Duration.ofMillis(10)));

    watcher.end(End.RELEASED);

    assertEquals(End.RELEASED, parked.get(5, TimeUnit.SECONDS));
    assertEquals(List.of(watcher), ended);
  }

  private Watcher watcher(FakeSearchRequest request) throws LDAPException {
    return new Watcher(request, new AdNotification(false), new DN("dc=example,dc=com"),
        SearchScope.SUB, Filter.createPresenceFilter("objectClass"),
        new AttributeSelection(List.of(), null), null, ClientLink.ofCurrentThread(), ended::add);
  }

  private static SearchResultEntry entry(String dn) {
    return new SearchResultEntry(new Entry(dn));
  }

  /** Records sent entries; fails every send after the first {@code failAfter}. */
  private static final class FakeSearchRequest implements InMemoryInterceptedSearchRequest {
    final List<String> sent = new CopyOnWriteArrayList<>();
    volatile int failAfter = Integer.MAX_VALUE;

    @Override
    public void sendSearchEntry(Entry entry) throws LDAPException {
      if (sent.size() >= failAfter) {
        throw new LDAPException(ResultCode.LOCAL_ERROR, "broken pipe");
      }
      sent.add(entry.getDN());
    }

    @Override
    public ReadOnlySearchRequest getRequest() {
      try {
        return new SearchRequest("dc=example,dc=com", SearchScope.SUB, "(objectClass=*)");
      } catch (LDAPException e) {
        throw new AssertionError(e);
      }
    }

    @Override
    public void setRequest(SearchRequest request) {}

    @Override
    public void sendSearchReference(SearchResultReference reference) {}

    @Override
    public long getConnectionID() {
      return 7;
    }

    @Override
    public String getConnectedAddress() {
      return "127.0.0.1";
    }

    @Override
    public int getConnectedPort() {
      return 389;
    }

    @Override
    public int getMessageID() {
      return 2;
    }

    @Override
    public void sendIntermediateResponse(IntermediateResponse response) {}

    @Override
    public void sendUnsolicitedNotification(ExtendedResult result) {}

    @Override
    public Object getProperty(String name) {
      return null;
    }

    @Override
    public Object setProperty(String name, Object value) {
      return null;
    }
  }
}
