package org.autosync.scripts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.autosync.testkit.InMemoryStateStore;
import org.autosync.testkit.RunningTrigger;
import org.autosync.testkit.TriggerTestKit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reference product's "SQL rowversion watermark" trigger, written once in JavaScript and once
 * in Python, fires the same requests for the same database changes and keeps the same watermark.
 */
@ExtendWith(SharedRuntime.class)
class SameTriggerBothLanguagesTest {

  @TempDir Path dir;

  static final String PARAMETERS = """
      [{"name": "table", "type": "string", "required": true, "description": "The table"},
       {"name": "minChanges", "type": "integer", "default": 1, "description": "Fire from"}]
      """;

  static final String JS = """
      function poll(ctx) {
        const last = ctx.state.get('rowversion') || 0;
        const rows = ctx.sql.query(
            'SELECT COUNT(*) AS N, MAX(rv) AS RV FROM ' + ctx.params.table + ' WHERE rv > ?',
            [last]);
        if (rows[0].N < ctx.params.minChanges) {
          return null;
        }
        ctx.state.put('rowversion', rows[0].RV);
        ctx.log.info(rows[0].N + ' rows changed in ' + ctx.params.table);
        return {profileType: 'DeltaImport', reason: rows[0].N + ' rows changed on ' + ctx.ma.name};
      }
      """;

  static final String PYTHON = """
      def poll(ctx):
          last = ctx.state.get('rowversion') or 0
          rows = ctx.sql.query(
              'SELECT COUNT(*) AS N, MAX(rv) AS RV FROM ' + ctx.params['table'] + ' WHERE rv > ?',
              [last])
          if rows[0]['N'] < ctx.params['minChanges']:
              return None
          ctx.state.put('rowversion', rows[0]['RV'])
          ctx.log.info('%d rows changed in %s' % (rows[0]['N'], ctx.params['table']))
          return {'profileType': 'DeltaImport',
                  'reason': '%d rows changed on %s' % (rows[0]['N'], ctx.ma['name'])}
      """;

  @Test
  void the_sql_watermark_trigger_behaves_alike_in_javascript_and_python(ScriptRuntime runtime)
      throws Exception {
    Result js = run(runtime, ScriptLanguage.JAVASCRIPT, JS, "alike_js");
    Result python = run(runtime, ScriptLanguage.PYTHON, PYTHON, "alike_py");
    assertEquals(List.of("2 rows changed on HR", "3 rows changed on HR"), js.fired());
    assertEquals(js, python);
  }

  record Result(List<String> fired, Map<String, String> state) {}

  private Result run(ScriptRuntime runtime, ScriptLanguage language, String code, String db)
      throws Exception {
    String url = "jdbc:h2:mem:" + db + ";DB_CLOSE_DELAY=-1";
    try (Connection c = DriverManager.getConnection(url, "sa", "");
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE people(id INT, rv BIGINT)");
      ScriptFolder scripts = new ScriptFolder(dir.resolve(db), runtime);
      scripts.trigger("watermark", language, code, PARAMETERS, List.of("sql"));
      InMemoryStateStore state = new InMemoryStateStore();
      List<String> fired = new ArrayList<>();
      try (RunningTrigger t = TriggerTestKit.forFactory(scripts.factory("watermark"))
          .stateStore(state)
          .start(Map.of("table", "people", "minChanges", "2", "interval", "1m",
              "jdbcUrl", url, "jdbcUser", "sa"), ScriptFolder.HR)) {
        s.execute("INSERT INTO people VALUES (1, 10), (2, 11)");
        t.advance(Duration.ofMinutes(1));
        s.execute("INSERT INTO people VALUES (3, 12)");   // one change: below minChanges
        t.advance(Duration.ofMinutes(1));
        s.execute("INSERT INTO people VALUES (4, 13), (5, 14)");
        t.advance(Duration.ofMinutes(1));
        t.advance(Duration.ofMinutes(1));                  // nothing new
        t.context().fired().forEach(r -> fired.add(r.source().detail()));
      }
      return new Result(fired, state.snapshot());
    }
  }
}
