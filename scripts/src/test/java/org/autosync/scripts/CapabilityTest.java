package org.autosync.scripts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.net.httpserver.HttpServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.autosync.api.ExecutionRequest;
import org.autosync.testkit.InMemoryStateStore;
import org.autosync.testkit.RunningTrigger;
import org.autosync.testkit.TriggerTestKit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Granted capabilities work, and only within their grant. Each script tries allowed and
 * forbidden things and fires one profile name per attempt: the result, or the error's name.
 */
@ExtendWith(SharedRuntime.class)
class CapabilityTest {

  @TempDir Path dir;
  private HttpServer http;
  private InMemoryDirectoryServer ldap;
  private InMemoryDirectoryServer otherLdap;

  @AfterEach
  void stopServers() {
    if (http != null) {
      http.stop(0);
    }
    if (ldap != null) {
      ldap.shutDown(true);
    }
    if (otherLdap != null) {
      otherLdap.shutDown(true);
    }
  }

  private static final String PROBE_JS = """
      function probe(results, f) {
        try { results.push(String(f())); }
        catch (e) { results.push(e.name + ': ' + e.message); }
      }
      """;

  private static List<String> fired(RunningTrigger t) {
    return t.context().fired().stream().map(ExecutionRequest::profileName).toList();
  }

  private String httpBase() throws Exception {
    http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    http.createContext("/", exchange -> {
      String path = exchange.getRequestURI().getPath();
      if (path.equals("/api/out")) {
        exchange.getResponseHeaders().add("Location", "/private/data");
        exchange.sendResponseHeaders(302, -1);
      } else if (path.equals("/api/in")) {
        exchange.getResponseHeaders().add("Location", "/api/hello");
        exchange.sendResponseHeaders(302, -1);
      } else {
        String body = exchange.getRequestMethod() + " " + path + " "
            + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        byte[] bytes = body.strip().getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
      }
      exchange.close();
    });
    http.start();
    return "http://127.0.0.1:" + http.getAddress().getPort();
  }

  @Test
  void http_reaches_granted_prefixes_only_redirects_included(ScriptRuntime runtime)
      throws Exception {
    String base = httpBase();
    ScriptFolder scripts = new ScriptFolder(dir, runtime);
    scripts.trigger("web", ScriptLanguage.JAVASCRIPT, PROBE_JS + """
        function poll(ctx) {
          const r = [];
          probe(r, () => ctx.http.get('BASE/api/hello').body);
          probe(r, () => ctx.http.post('BASE/api/items', {n: 1}).body);
          probe(r, () => ctx.http.get('BASE/api/in').body);
          probe(r, () => ctx.http.get('BASE/api/out').body);
          probe(r, () => ctx.http.get('BASE/private/data').body);
          probe(r, () => ctx.http.get('BASE/apix').body);
          probe(r, () => ctx.http.get('BASE/api/%2e%2e/private/data').body);
          probe(r, () => ctx.http.get('BASE/api/../private/data').body);
          return r;
        }
        """.replace("BASE", base), "[]", List.of("http"));
    try (RunningTrigger t = scripts.start("web", Map.of("allowUrls", base + "/api/"))) {
      String denied = "PermissionError: http: ";
      List<String> results = fired(t);
      assertEquals("GET /api/hello", results.get(0));
      assertEquals("POST /api/items {\"n\":1}", results.get(1));
      assertEquals("GET /api/hello", results.get(2));
      assertEquals(denied + "a redirect from " + base + "/api/out to '" + base
          + "/private/data' is not under the granted URL prefixes [" + base + "/api/]",
          results.get(3));
      for (int i = 4; i < 8; i++) {
        assertEquals(true, results.get(i).startsWith(denied), results.get(i));
      }
    }
  }

  @Test
  void a_capability_the_manifest_does_not_ask_for_is_denied(
      ScriptRuntime runtime) {
    ScriptFolder scripts = new ScriptFolder(dir, runtime);
    scripts.trigger("no-http", ScriptLanguage.JAVASCRIPT, PROBE_JS + """
        function poll(ctx) {
          const r = [];
          probe(r, () => ctx.http.get('http://127.0.0.1:9/'));
          return r;
        }
        """, "[]", List.of());
    try (RunningTrigger t = scripts.start("no-http", Map.of())) {
      assertEquals(List.of("PermissionError: ctx.http is not available: the script's manifest"
          + " does not ask for the 'http' capability"), fired(t));
    }
  }

  @Test
  void ldap_searches_granted_servers_only(ScriptRuntime runtime) throws Exception {
    ldap = directory();
    ldap.add("dn: uid=ann,ou=people,o=hr", "objectClass: inetOrgPerson", "uid: ann",
        "cn: Ann", "sn: Lee", "title: Engineer");
    otherLdap = directory();
    String granted = "ldap://127.0.0.1:" + ldap.getListenPort();
    String other = "ldap://127.0.0.1:" + otherLdap.getListenPort();
    ScriptFolder scripts = new ScriptFolder(dir, runtime);
    scripts.trigger("dir", ScriptLanguage.JAVASCRIPT, PROBE_JS + """
        function poll(ctx) {
          const r = [];
          probe(r, () => {
            const found = ctx.ldap.search({base: 'ou=people,o=hr', filter: '(uid=ann)',
                attributes: ['title']});
            return found[0].dn + ' ' + found[0].attributes.title[0];
          });
          probe(r, () => ctx.ldap.search({server: 'OTHER', base: 'o=hr'}).length);
          return r;
        }
        """.replace("OTHER", other), "[]", List.of("ldap"));
    try (RunningTrigger t = TriggerTestKit.forFactory(scripts.factory("dir"))
        .withSecret("${env:HR_PW}", "secret")
        .start(Map.of("allowLdap", granted, "ldapBindDn", "cn=admin",
            "ldapPassword", "${env:HR_PW}"), ScriptFolder.HR)) {
      assertEquals(List.of("uid=ann,ou=people,o=hr Engineer",
          "PermissionError: ldap: server '" + other + "' is not granted; allowed: ["
              + granted + "]"), fired(t));
    }
  }

  private static InMemoryDirectoryServer directory() throws Exception {
    InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig("o=hr");
    config.addAdditionalBindCredentials("cn=admin", "secret");
    config.setListenerConfigs(InMemoryListenerConfig.createLDAPConfig("ldap",
        InetAddress.getLoopbackAddress(), 0, null));
    config.setMaxChangeLogEntries(100);
    InMemoryDirectoryServer server = new InMemoryDirectoryServer(config);
    server.startListening();
    server.add("dn: o=hr", "objectClass: organization", "o: hr");
    server.add("dn: ou=people,o=hr", "objectClass: organizationalUnit", "ou: people");
    return server;
  }

  @Test
  void sql_runs_parameterised_queries_and_refuses_anything_else(ScriptRuntime runtime)
      throws Exception {
    String url = "jdbc:h2:mem:capability-sql;DB_CLOSE_DELAY=-1";
    try (Connection c = DriverManager.getConnection(url, "sa", "")) {
      c.createStatement().execute("CREATE TABLE people(id INT, name VARCHAR(40))");
      c.createStatement().execute("INSERT INTO people VALUES (1, 'Ann'), (2, 'Bob')");
      ScriptFolder scripts = new ScriptFolder(dir, runtime);
      scripts.trigger("db", ScriptLanguage.JAVASCRIPT, PROBE_JS + """
          function poll(ctx) {
            const r = [];
            probe(r, () => ctx.sql.query('SELECT name FROM people WHERE id > ? ORDER BY id',
                [1])[0].NAME);
            probe(r, () => ctx.sql.query('DELETE FROM people'));
            probe(r, () => ctx.sql.query('SELECT 1; DROP TABLE people'));
            return r;
          }
          """, "[]", List.of("sql"));
      try (RunningTrigger t = scripts.start("db", Map.of("jdbcUrl", url, "jdbcUser", "sa"))) {
        List<String> results = fired(t);
        assertEquals("Bob", results.get(0));
        assertEquals("PermissionError: sql: only single queries (SELECT, WITH, VALUES, TABLE)"
            + " are allowed; got 'DELETE FROM people'", results.get(1));
        assertEquals(true, results.get(2).startsWith("PermissionError: sql: only single"),
            results.get(2));
      }
      assertEquals(2, count(c));
    }
  }

  private static int count(Connection c) throws Exception {
    var rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM people");
    rs.next();
    return rs.getInt(1);
  }

  @Test
  void files_are_read_under_the_granted_folder_only_links_and_dots_resolved(
      ScriptRuntime runtime) throws Exception {
    Path granted = Files.createDirectories(dir.resolve("exports"));
    Files.writeString(granted.resolve("badges.csv"), "1001,Ann");
    Path outside = Files.writeString(dir.resolve("secret.txt"), "top secret");
    Files.createSymbolicLink(granted.resolve("link.txt"), outside);
    ScriptFolder scripts = new ScriptFolder(dir.resolve("scripts"), runtime);
    scripts.trigger("files", ScriptLanguage.JAVASCRIPT, PROBE_JS + """
        function poll(ctx) {
          const r = [];
          probe(r, () => ctx.files.read('badges.csv'));
          probe(r, () => ctx.files.list().map(f => f.name).join(' '));
          probe(r, () => ctx.files.read('../secret.txt'));
          probe(r, () => ctx.files.read('link.txt'));
          probe(r, () => ctx.files.read('SECRET'));
          return r;
        }
        """.replace("SECRET", outside.toString()), "[]", List.of("files"));
    try (RunningTrigger t = scripts.start("files", Map.of("allowFolder", granted.toString()))) {
      List<String> results = fired(t);
      assertEquals("1001,Ann", results.get(0));
      assertEquals("badges.csv link.txt", results.get(1));
      assertEquals("PermissionError: files: '../secret.txt' is outside the granted folder '"
          + granted + "'", results.get(2));
      assertEquals("PermissionError: files: 'link.txt' leads outside the granted folder '"
          + granted + "' (through a link)", results.get(3));
      assertEquals(true, results.get(4).startsWith("PermissionError: files: "), results.get(4));
    }
  }

  @Test
  void state_persists_across_restarts_of_the_trigger(ScriptRuntime runtime) {
    ScriptFolder scripts = new ScriptFolder(dir, runtime);
    scripts.trigger("counter", ScriptLanguage.JAVASCRIPT, """
        function poll(ctx) {
          const seen = (ctx.state.get('seen') || {count: 0}).count + 1;
          ctx.state.put('seen', {count: seen});
          return 'poll ' + seen;
        }
        """);
    InMemoryStateStore state = new InMemoryStateStore();
    try (RunningTrigger t = TriggerTestKit.forFactory(scripts.factory("counter"))
        .stateStore(state).start(Map.of("interval", "1m"), ScriptFolder.HR)) {
      t.advance(Duration.ofMinutes(1));
    }
    try (RunningTrigger t = TriggerTestKit.forFactory(scripts.factory("counter"))
        .stateStore(state).start(Map.of(), ScriptFolder.HR)) {
      assertEquals(List.of("poll 3"), fired(t));
    }
    assertEquals(Optional.of("{\"count\":3}"), state.get("seen"));
  }

  @Test
  void the_ldap_change_stream_calls_back_with_changes_under_its_base(ScriptRuntime runtime)
      throws Exception {
    ldap = directory();
    ldap.add("dn: uid=ann,ou=people,o=hr", "objectClass: inetOrgPerson", "uid: ann",
        "cn: Ann", "sn: Lee");
    ScriptFolder scripts = new ScriptFolder(dir, runtime);
    scripts.trigger("changes", ScriptLanguage.JAVASCRIPT, """
        function start(ctx) {
          ctx.ldap.changes({base: 'ou=people,o=hr', intervalMs: 60000}, (changes) => {
            ctx.fire({profileType: 'DeltaImport',
                reason: changes.map(c => c.changeType + ' ' + c.targetDN).join(', ')});
          });
        }
        """, "[]", List.of("ldap"));
    try (RunningTrigger t = scripts.start("changes",
        Map.of("allowLdap", "ldap://127.0.0.1:" + ldap.getListenPort()))) {
      t.advance(Duration.ofMinutes(1));
      assertEquals(List.of(), t.context().fired(), "changes before the start are not replayed");
      ldap.modify("dn: uid=ann,ou=people,o=hr", "changetype: modify", "replace: sn", "sn: Li");
      ldap.add("dn: ou=groups,o=hr", "objectClass: organizationalUnit", "ou: groups");
      t.advance(Duration.ofMinutes(1));
      assertEquals(List.of("modify uid=ann,ou=people,o=hr"),
          t.context().fired().stream().map(r -> r.source().detail()).toList());
    }
  }
}
