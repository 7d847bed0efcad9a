package org.autosync.scripts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.autosync.api.ExecutionRequest;
import org.autosync.api.trigger.TriggerHealth;
import org.autosync.testkit.RunningTrigger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scripts cannot reach files, the network, host classes, processes or the environment, in either
 * language. Each script tries everything and reports, per probe, "denied" or "ALLOWED" as the
 * profile names it fires.
 */
@ExtendWith(SharedRuntime.class)
class SandboxTest {

  @TempDir Path dir;
  private HttpServer server;
  private Path secret;

  @BeforeEach
  void listen() throws Exception {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      exchange.sendResponseHeaders(200, -1);
      exchange.close();
    });
    server.start();
    secret = Files.writeString(dir.resolve("secret.txt"), "top secret");
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private List<String> probe(ScriptRuntime runtime, ScriptLanguage language, String code) {
    ScriptFolder scripts = new ScriptFolder(dir.resolve("scripts"), runtime);
    scripts.trigger("sandbox", language, code
        .replace("SECRET", secret.toString())
        .replace("PORT", Integer.toString(server.getAddress().getPort())));
    try (RunningTrigger t = scripts.start("sandbox", Map.of())) {
      return t.context().fired().stream().map(ExecutionRequest::profileName).toList();
    }
  }

  @Test
  void javascript_cannot_reach_files_network_host_classes_processes_or_the_environment(
      ScriptRuntime runtime) {
    List<String> results = probe(runtime, ScriptLanguage.JAVASCRIPT, """
        function poll(ctx) {
          const results = [];
          function probe(name, f) {
            try { f(); results.push(name + ': ALLOWED'); }
            catch (e) { results.push(name + ': denied'); }
          }
          probe('file', () => load('SECRET'));
          probe('file module', () => require('fs').readFileSync('SECRET'));
          probe('network', () => fetch('http://127.0.0.1:PORT/'));
          probe('network xhr', () => new XMLHttpRequest());
          probe('host class', () => Java.type('java.io.File'));
          probe('host package', () => java.io.File);
          probe('polyglot', () => Polyglot.eval('python', '1'));
          probe('process', () => require('child_process').execSync('id'));
          probe('environment', () => process.env.PATH.length);
          probe('bridge', () => { if (typeof __autosync_install === 'undefined') throw 1; });
          probe('ctx is read-only', () => { 'use strict'; autosync.fire = null; });
          probe('http without capability', () => ctx.http.get('http://127.0.0.1:PORT/'));
          return results;
        }
        """);
    assertEquals(List.of("file: denied", "file module: denied", "network: denied",
        "network xhr: denied", "host class: denied", "host package: denied", "polyglot: denied",
        "process: denied", "environment: denied", "bridge: denied", "ctx is read-only: denied",
        "http without capability: denied"), results);
  }

  @Test
  void python_cannot_reach_files_network_host_classes_processes_or_the_environment(
      ScriptRuntime runtime) {
    // One probe per poll: GraalPy refuses sockets and processes with errors Python code cannot
    // catch, which fail the poll (onError: reset goes on with the next probe).
    ScriptFolder scripts = new ScriptFolder(dir.resolve("scripts"), runtime);
    scripts.trigger("sandbox", ScriptLanguage.PYTHON, """
        import os

        def env():
            if not os.environ.get('PATH') and not os.getenv('HOME'):
                raise PermissionError('no environment')

        def bridge():
            if '__autosync_install' not in globals():
                raise NameError('gone')

        def readonly():
            autosync.fire = None

        def connect():
            import socket
            socket.create_connection(('127.0.0.1', PORT), 1)

        probes = [
            ('file', lambda: open('SECRET').read()),
            ('file listing', lambda: os.listdir('/')),
            ('host class', lambda: __import__('java').type('java.io.File')),
            ('environment', env),
            ('bridge', bridge),
            ('ctx is read-only', readonly),
            ('http without capability', lambda: autosync.http.get('http://127.0.0.1:PORT/')),
            ('network', connect),
            ('process', lambda: __import__('subprocess').run(['id'])),
            ('process system', lambda: os.system('id')),
        ]
        done = [0]

        def poll(ctx):
            name, probe = probes[done[0]]
            done[0] += 1
            try:
                probe()
                return name + ': ALLOWED'
            except Exception:
                return name + ': denied'
        """.replace("SECRET", secret.toString())
        .replace("PORT", Integer.toString(server.getAddress().getPort())));
    try (RunningTrigger t = scripts.start("sandbox", Map.of("onError", "reset",
        "interval", "1m"))) {
      t.advance(Duration.ofMinutes(9));
      assertEquals(List.of("file: denied", "file listing: denied", "host class: denied",
          "environment: denied", "bridge: denied", "ctx is read-only: denied",
          "http without capability: denied", "process: denied"),
          t.context().fired().stream().map(ExecutionRequest::profileName).toList());
      List<String> failures = t.context().healthReports().stream()
          .filter(h -> h.state() == TriggerHealth.State.DEGRADED)
          .map(TriggerHealth::message).toList();
      assertEquals(2, failures.size(), failures.toString());
      assertTrue(failures.get(0).contains("getaddrinfo was excluded"), failures.get(0));
      assertTrue(failures.get(1).contains("Process creation is not allowed"), failures.get(1));
    }
  }
}
