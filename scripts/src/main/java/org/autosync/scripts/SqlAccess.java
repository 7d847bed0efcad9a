package org.autosync.scripts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Duration;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The {@code sql} capability: read-only queries against one configured JDBC data source, with
 * parameters bound (never spliced into the text). Each query opens a read-only connection, has a
 * query timeout within the script call's time, returns at most {@value #MAX_ROWS} rows as plain
 * objects, and closes the connection. Statements other than queries are refused.
 *
 * <p>The JDBC driver must be on AutoSync's class path ({@code lib/}).
 *
 * <p><b>Threading:</b> thread-safe.
 */
final class SqlAccess {

  static final int MAX_ROWS = 10_000;
  static final Duration MAX_QUERY_TIME = Duration.ofMinutes(5);

  private static final Pattern QUERY = Pattern.compile(
      "^\\s*(select|with|values|table)\\b.*", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

  private final String url;
  private final @Nullable String user;
  private final @Nullable String password;

  SqlAccess(String url, @Nullable String user, @Nullable String password) {
    this.url = url;
    this.user = user;
    this.password = password;
  }

  JsonNode query(JsonNode a, CallBudget budget) throws SQLException {
    String sql = a.path("sql").asText("");
    if (!QUERY.matcher(sql).matches() || sql.strip().replaceAll(";\\s*$", "").contains(";")) {
      throw new CapabilityDenied("sql: only single queries (SELECT, WITH, VALUES, TABLE) are"
          + " allowed; got '" + abbreviate(sql) + "'");
    }
    Duration time = budget.remaining(MAX_QUERY_TIME);
    try (Connection c = DriverManager.getConnection(url, user, password)) {
      c.setReadOnly(true);
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        ps.setQueryTimeout((int) Math.max(1, (time.toMillis() + 999) / 1000));
        ps.setMaxRows(MAX_ROWS);
        JsonNode params = a.path("params");
        for (int i = 0; i < params.size(); i++) {
          ps.setObject(i + 1, value(params.get(i)));
        }
        try (ResultSet rs = ps.executeQuery()) {
          return rows(rs);
        }
      }
    }
  }

  private static ArrayNode rows(ResultSet rs) throws SQLException {
    ResultSetMetaData meta = rs.getMetaData();
    ArrayNode rows = Json.NODES.arrayNode();
    while (rs.next()) {
      ObjectNode row = rows.addObject();
      for (int c = 1; c <= meta.getColumnCount(); c++) {
        String label = meta.getColumnLabel(c);
        Object v = rs.getObject(c);
        if (v == null) {
          row.putNull(label);
        } else if (v instanceof Boolean b) {
          row.put(label, b);
        } else if (v instanceof Integer || v instanceof Long || v instanceof Short
            || v instanceof Byte) {
          row.put(label, ((Number) v).longValue());
        } else if (v instanceof BigDecimal d) {
          row.put(label, d);
        } else if (v instanceof Number n) {
          row.put(label, n.doubleValue());
        } else if (v instanceof java.sql.Timestamp t) {
          row.put(label, t.toInstant().toString());
        } else if (v instanceof byte[] bytes) {
          row.put(label, java.util.Base64.getEncoder().encodeToString(bytes));
        } else {
          row.put(label, v.toString());
        }
      }
    }
    return rows;
  }

  private static @Nullable Object value(JsonNode v) {
    if (v == null || v.isNull()) {
      return null;
    }
    if (v.isBoolean()) {
      return v.booleanValue();
    }
    if (v.isIntegralNumber()) {
      return v.longValue();
    }
    if (v.isNumber()) {
      return v.decimalValue();
    }
    if (v.isTextual()) {
      return v.textValue();
    }
    throw new IllegalArgumentException("sql: parameters are texts, numbers, booleans or null;"
        + " got " + v);
  }

  private static String abbreviate(String sql) {
    String s = sql.strip().replaceAll("\\s+", " ");
    return s.length() > 60 ? s.substring(0, 60) + "…" : s;
  }
}
