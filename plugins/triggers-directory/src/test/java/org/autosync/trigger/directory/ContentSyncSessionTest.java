package org.autosync.trigger.directory;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionOptions;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.controls.ContentSyncState;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.autosync.testkit.ldap.Slapd;
import org.autosync.testkit.ldap.Slapd.SessionLog;
import org.autosync.trigger.directory.ContentSyncSession.Refresh;
import org.autosync.trigger.directory.RecordingSyncListener.Changed;
import org.autosync.trigger.directory.RecordingSyncListener.Cookie;
import org.autosync.trigger.directory.RecordingSyncListener.Ended;
import org.autosync.trigger.directory.RecordingSyncListener.Event;
import org.autosync.trigger.directory.RecordingSyncListener.RefreshDone;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** RFC 4533 content sync against a real OpenLDAP slapd: the data database and the accesslog. */
@Tag("slapd")
class ContentSyncSessionTest {

  static final String LOG_FILTER = "(&(objectClass=auditWriteObject)(reqResult=0))";
  static final List<String> NO_ATTRIBUTES = List.of("1.1");
  static final List<String> LOG_ATTRIBUTES = List.of("reqDN", "reqType");

  @TempDir
  Path dir;

  private Slapd slapd;
  private LDAPConnection admin;
  private final Deque<AutoCloseable> opened = new ArrayDeque<>();

  @BeforeEach
  void needsSlapd() {
    Slapd.assumeInstalled();
  }

  @AfterEach
  void closeAll() throws Exception {
    while (!opened.isEmpty()) {
      opened.pop().close();
    }
  }

  private void startSlapd(SessionLog sessionLog) throws Exception {
    slapd = Slapd.start(dir.resolve("slapd"), sessionLog);
    opened.push(slapd);
    admin = slapd.admin();
    opened.push(admin);
    person("ann");
  }

  private void reconnectAdmin() throws LDAPException {
    admin = slapd.admin();
    opened.push(admin);
  }

  private LDAPConnection connection(LDAPConnectionOptions options) throws LDAPException {
    LDAPConnection connection = new LDAPConnection(options, Slapd.HOST, slapd.port(),
        Slapd.ROOT_DN, Slapd.PASSWORD);
    opened.push(connection);
    return connection;
  }

  /** A session on the whole data database (suffix, people, ann, ...), asking for no attributes. */
  private ContentSyncSession data(RecordingSyncListener listener, byte @Nullable [] cookie)
      throws LDAPException {
    return session(Slapd.SUFFIX, "(objectClass=*)", cookie, NO_ATTRIBUTES, listener);
  }

  private ContentSyncSession log(RecordingSyncListener listener, byte @Nullable [] cookie)
      throws LDAPException {
    return session(Slapd.ACCESSLOG, LOG_FILTER, cookie, LOG_ATTRIBUTES, listener);
  }

  private ContentSyncSession session(String base, String filter, byte @Nullable [] cookie,
      List<String> attributes, RecordingSyncListener listener) throws LDAPException {
    ContentSyncSession session = ContentSyncSession.start(connection(new LDAPConnectionOptions()),
        base, SearchScope.SUB, Filter.create(filter), cookie, attributes, listener);
    opened.push(session);
    return session;
  }

  /** Runs a session until its refresh is done and returns its cookie. */
  private byte[] cookieOf(ContentSyncSession session, RecordingSyncListener listener) {
    listener.awaitRefresh();
    session.close();
    return listener.cookie();
  }

  private String person(String uid) throws LDAPException {
    String dn = "uid=" + uid + "," + Slapd.PEOPLE;
    admin.add(dn, new Attribute("objectClass", "inetOrgPerson"), new Attribute("uid", uid),
        new Attribute("cn", uid), new Attribute("sn", uid));
    return dn;
  }

  private void describe(String dn, String description) throws LDAPException {
    admin.modify(dn, new Modification(ModificationType.REPLACE, "description", description));
  }

  private static byte[] withCsnYear(byte[] cookie, String year) {
    String text = new String(cookie, StandardCharsets.UTF_8);
    String changed = text.replaceFirst("csn=\\d{4}", "csn=" + year);
    assertFalse(text.equals(changed), text);
    return changed.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void a_first_session_counts_the_whole_content_then_reports_each_write_with_its_state()
      throws Exception {
    startSlapd(SessionLog.NONE);
    RecordingSyncListener heard = new RecordingSyncListener();
    ContentSyncSession session = data(heard, null);

    assertEquals(new Refresh(3, 0, 0, false), heard.awaitRefresh(), "suffix, people, ann");
    assertFalse(session.refreshing());
    List<Event> refresh = heard.events();
    assertEquals(2, refresh.size(), refresh.toString());
    assertInstanceOf(Cookie.class, refresh.get(1), "the refresh's cookie after its summary");

    String bob = person("bob");
    describe(bob, "first");
    admin.modifyDN(bob, "uid=bobby", true);
    String bobby = "uid=bobby," + Slapd.PEOPLE;
    admin.delete(bobby);

    heard.awaitChange(4);
    assertEquals(List.of(ContentSyncState.ADD, ContentSyncState.MODIFY, ContentSyncState.MODIFY,
        ContentSyncState.DELETE), heard.changes().stream().map(Changed::state).toList());
    assertEquals(List.of(bob, bob, bobby, bobby),
        heard.changes().stream().map(Changed::dn).toList(), "a rename arrives under the new DN");
    heard.changes().forEach(change -> assertEquals(0, change.entry().getAttributes().size(),
        "1.1 asks for no attributes: " + change.entry()));
    await().atMost(RecordingSyncListener.TIMEOUT).until(() -> heard.events().size() == 2 + 8);
    List<Event> persist = heard.events().subList(2, 10);
    for (int i = 0; i < persist.size(); i += 2) {
      assertInstanceOf(Changed.class, persist.get(i), persist.toString());
      assertInstanceOf(Cookie.class, persist.get(i + 1), "each change, then its cookie");
    }
    assertEquals(4, persist.stream().filter(Cookie.class::isInstance).distinct().count(),
        "four distinct cookies");
  }

  @Test
  void with_the_cookie_and_nothing_changed_the_refresh_is_empty_and_sends_no_cookie()
      throws Exception {
    startSlapd(SessionLog.NONE);
    RecordingSyncListener first = new RecordingSyncListener();
    byte[] cookie = cookieOf(data(first, null), first);

    RecordingSyncListener again = new RecordingSyncListener();
    data(again, cookie);

    Refresh refresh = again.awaitRefresh();
    assertEquals(new Refresh(0, 0, 0, false), refresh);
    assertFalse(refresh.changed());
    describe("uid=ann," + Slapd.PEOPLE, "now");
    assertEquals(ContentSyncState.MODIFY, again.awaitChange(1).state());
    assertEquals(List.of(RefreshDone.class, Changed.class, Cookie.class),
        again.events().stream().map(Object::getClass).toList(), "no cookie with the refresh");
  }

  @Test
  void with_the_cookie_the_refresh_counts_what_changed_while_no_session_ran() throws Exception {
    startSlapd(SessionLog.NONE);
    RecordingSyncListener first = new RecordingSyncListener();
    byte[] cookie = cookieOf(data(first, null), first);
    person("cid");
    describe("uid=ann," + Slapd.PEOPLE, "changed");

    RecordingSyncListener again = new RecordingSyncListener();
    data(again, cookie);

    Refresh refresh = again.awaitRefresh();
    assertEquals(2, refresh.entries(), refresh.toString());
    assertEquals(0, refresh.deletes());
    assertEquals(4, refresh.presents(), "slapd's present phase: the 4 entries still there");
    assertTrue(refresh.implicitDeletes(), "a present phase does not name deletes");
    assertTrue(refresh.changed());
    assertNotNull(again.cookie());
  }

  @Test
  void without_a_session_log_a_delete_while_no_session_ran_is_implicit() throws Exception {
    startSlapd(SessionLog.NONE);
    RecordingSyncListener first = new RecordingSyncListener();
    byte[] cookie = cookieOf(data(first, null), first);
    admin.delete("uid=ann," + Slapd.PEOPLE);

    RecordingSyncListener again = new RecordingSyncListener();
    data(again, cookie);

    Refresh refresh = again.awaitRefresh();
    assertEquals(new Refresh(0, 0, 2, true), refresh, "only suffix and people are present");
    assertTrue(refresh.changed());
  }

  @Test
  void with_the_accesslog_as_session_log_deletes_are_named_even_after_a_restart()
      throws Exception {
    startSlapd(SessionLog.ACCESSLOG);
    RecordingSyncListener first = new RecordingSyncListener();
    byte[] cookie = cookieOf(data(first, null), first);
    admin.delete("uid=ann," + Slapd.PEOPLE);
    person("dan");

    RecordingSyncListener second = new RecordingSyncListener();
    ContentSyncSession session = data(second, cookie);
    assertEquals(new Refresh(1, 1, 0, false), second.awaitRefresh(), "dan sent, ann's UUID named");
    session.close();

    admin.delete("uid=dan," + Slapd.PEOPLE);
    slapd.restart();
    RecordingSyncListener third = new RecordingSyncListener();
    data(third, second.cookie());
    assertEquals(new Refresh(0, 1, 0, false), third.awaitRefresh());
  }

  @Test
  void the_accesslog_streams_each_write_as_a_new_log_entry_with_the_requested_attributes()
      throws Exception {
    startSlapd(SessionLog.NONE);
    RecordingSyncListener heard = new RecordingSyncListener();
    log(heard, null);

    assertEquals(new Refresh(3, 0, 0, false), heard.awaitRefresh(), "3 adds so far");
    assertEquals(2, heard.events().size(), "the log entries' cookies wait for the refresh's end");

    String ann = "uid=ann," + Slapd.PEOPLE;
    describe(ann, "logged");
    Changed change = heard.awaitChange(1);
    assertEquals(ContentSyncState.ADD, change.state(), "a new log entry");
    SearchResultEntry logged = change.entry();
    assertEquals(ann, logged.getAttributeValue("reqDN"));
    assertEquals("modify", logged.getAttributeValue("reqType"));
    assertFalse(logged.hasAttribute("reqMod"), "only the requested attributes: " + logged);
    await().atMost(RecordingSyncListener.TIMEOUT)
        .until(() -> heard.events().getLast() instanceof Cookie);

    RecordingSyncListener resumed = new RecordingSyncListener();
    byte[] cookie = heard.cookie();
    admin.delete(ann);
    log(resumed, cookie);
    assertEquals(new Refresh(1, 0, 0, false), resumed.awaitRefresh(), "the delete's log entry");
  }

  @Test
  void a_stopped_server_ends_the_session_and_its_cookie_resumes_after_a_restart()
      throws Exception {
    startSlapd(SessionLog.NONE);
    RecordingSyncListener heard = new RecordingSyncListener();
    log(heard, null);
    heard.awaitRefresh();

    slapd.stop();
    LDAPException reason = heard.awaitEnd().reason();
    assertNotNull(reason);
    assertEquals(ResultCode.SERVER_DOWN, reason.getResultCode());
    assertFalse(ContentSyncSession.refreshRequired(reason));

    slapd.restart();
    reconnectAdmin();
    describe("uid=ann," + Slapd.PEOPLE, "after the restart");
    RecordingSyncListener resumed = new RecordingSyncListener();
    log(resumed, heard.cookie());
    assertEquals(new Refresh(1, 0, 0, false), resumed.awaitRefresh());
    person("eve");
    assertEquals("uid=eve," + Slapd.PEOPLE,
        resumed.awaitChange(1).entry().getAttributeValue("reqDN"));
  }

  @Test
  void a_stale_cookie_on_the_accesslog_ends_the_session_with_refresh_required() throws Exception {
    startSlapd(SessionLog.NONE);
    RecordingSyncListener first = new RecordingSyncListener();
    byte[] stale = withCsnYear(cookieOf(log(first, null), first), "2000");

    RecordingSyncListener heard = new RecordingSyncListener();
    log(heard, stale);

    LDAPException reason = heard.awaitEnd().reason();
    assertTrue(ContentSyncSession.refreshRequired(reason), String.valueOf(reason));
    assertEquals(List.of(Ended.class), heard.events().stream().map(Object::getClass).toList());
    RecordingSyncListener over = new RecordingSyncListener();
    log(over, null);
    assertEquals(new Refresh(3, 0, 0, false), over.awaitRefresh(), "the whole log again");
  }

  @Test
  void a_stale_cookie_on_the_data_database_gets_the_whole_content_in_a_present_phase()
      throws Exception {
    startSlapd(SessionLog.NONE);
    RecordingSyncListener first = new RecordingSyncListener();
    byte[] stale = withCsnYear(cookieOf(data(first, null), first), "2000");

    RecordingSyncListener heard = new RecordingSyncListener();
    data(heard, stale);

    Refresh refresh = heard.awaitRefresh();
    assertEquals(new Refresh(3, 0, 0, true), refresh, "every entry, deletes implicit");
    assertArrayEquals(first.cookie(), heard.cookie(), "the server's current state");
  }

  @Test
  void a_cookie_newer_than_the_server_is_refused_with_unwilling_to_perform() throws Exception {
    startSlapd(SessionLog.NONE);
    RecordingSyncListener first = new RecordingSyncListener();
    byte[] future = withCsnYear(cookieOf(data(first, null), first), "2999");

    RecordingSyncListener heard = new RecordingSyncListener();
    data(heard, future);

    LDAPException reason = heard.awaitEnd().reason();
    assertNotNull(reason);
    assertEquals(ResultCode.UNWILLING_TO_PERFORM, reason.getResultCode());
    assertFalse(ContentSyncSession.refreshRequired(reason));
  }

  @Test
  void an_unparseable_cookie_gets_the_whole_content_and_no_empty_cookie() throws Exception {
    startSlapd(SessionLog.NONE);
    RecordingSyncListener heard = new RecordingSyncListener();
    data(heard, "garbage".getBytes(StandardCharsets.UTF_8));

    assertEquals(new Refresh(3, 0, 0, false), heard.awaitRefresh());
    assertNull(heard.cookie(), "slapd answers with an empty cookie, which is not reported");
  }

  @Test
  void close_abandons_the_search_says_ended_once_and_leaves_the_connection_usable()
      throws Exception {
    startSlapd(SessionLog.NONE);
    LDAPConnection connection = connection(new LDAPConnectionOptions());
    RecordingSyncListener heard = new RecordingSyncListener();
    ContentSyncSession session = ContentSyncSession.start(connection, Slapd.SUFFIX,
        SearchScope.SUB, Filter.create("(objectClass=*)"), null, NO_ATTRIBUTES, heard);
    heard.awaitRefresh();
    RecordingSyncListener witness = new RecordingSyncListener();
    data(witness, null);
    witness.awaitRefresh();

    session.close();
    session.close();
    describe("uid=ann," + Slapd.PEOPLE, "unheard");

    witness.awaitChange(1);
    assertEquals(List.of(new Ended(null)), heard.events(Ended.class));
    assertEquals(List.of(), heard.changes());
    assertTrue(heard.events().getLast() instanceof Ended, "nothing after the end");
    assertNotNull(connection.getEntry(Slapd.PEOPLE), "the connection still works");
  }

  @Test
  void closing_the_connection_ends_the_session_with_a_reason() throws Exception {
    startSlapd(SessionLog.NONE);
    LDAPConnection connection = connection(new LDAPConnectionOptions());
    RecordingSyncListener heard = new RecordingSyncListener();
    ContentSyncSession.start(connection, Slapd.SUFFIX, SearchScope.SUB,
        Filter.create("(objectClass=*)"), null, NO_ATTRIBUTES, heard);
    heard.awaitRefresh();

    connection.close();

    LDAPException reason = heard.awaitEnd().reason();
    assertNotNull(reason);
    assertTrue(reason.getResultCode() == ResultCode.LOCAL_ERROR
        || reason.getResultCode() == ResultCode.SERVER_DOWN, "UnboundID says either: " + reason);
  }

  @Test
  void the_connections_response_timeout_does_not_end_the_session() throws Exception {
    startSlapd(SessionLog.NONE);
    LDAPConnectionOptions options = new LDAPConnectionOptions();
    options.setResponseTimeoutMillis(100);
    RecordingSyncListener heard = new RecordingSyncListener();
    ContentSyncSession.start(connection(options), Slapd.SUFFIX, SearchScope.SUB,
        Filter.create("(objectClass=*)"), null, NO_ATTRIBUTES, heard);
    heard.awaitRefresh();

    await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2))
        .until(() -> heard.events(Ended.class).isEmpty());
    describe("uid=ann," + Slapd.PEOPLE, "still listening");
    assertEquals(ContentSyncState.MODIFY, heard.awaitChange(1).state());
  }

  @Test
  void a_failing_listener_ends_the_session_with_a_local_error_and_the_cause() throws Exception {
    startSlapd(SessionLog.NONE);
    IllegalStateException boom = new IllegalStateException("boom");
    RecordingSyncListener heard = new RecordingSyncListener() {
      @Override
      public void changed(SearchResultEntry entry, ContentSyncState state) {
        super.changed(entry, state);
        throw boom;
      }
    };
    data(heard, null);
    heard.awaitRefresh();
    byte[] before = heard.cookie();

    describe("uid=ann," + Slapd.PEOPLE, "fails");

    LDAPException reason = heard.awaitEnd().reason();
    assertNotNull(reason);
    assertEquals(ResultCode.LOCAL_ERROR, reason.getResultCode());
    assertEquals(boom, reason.getCause());
    assertArrayEquals(before, heard.cookie(), "no cookie past the failed change");
  }

  @Test
  void a_connection_in_synchronous_mode_is_refused() throws Exception {
    startSlapd(SessionLog.NONE);
    LDAPConnectionOptions options = new LDAPConnectionOptions();
    options.setUseSynchronousMode(true);
    LDAPConnection connection = connection(options);
    IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
        () -> ContentSyncSession.start(connection, Slapd.SUFFIX, SearchScope.SUB,
            Filter.create("(objectClass=*)"), null, NO_ATTRIBUTES, new RecordingSyncListener()));
    assertTrue(refused.getMessage().contains("synchronous mode"), refused.getMessage());
  }
}
