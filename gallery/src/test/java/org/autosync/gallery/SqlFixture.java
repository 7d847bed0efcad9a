package org.autosync.gallery;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/** An H2 in-memory database, open while the case runs, dropped when it ends. */
final class SqlFixture implements AutoCloseable {

  private static final AtomicInteger COUNT = new AtomicInteger();

  private final String url = "jdbc:h2:mem:gallery-" + COUNT.incrementAndGet()
      + ";DB_CLOSE_DELAY=-1";
  private final Connection connection;

  SqlFixture(JsonNode statements) throws SQLException {
    connection = DriverManager.getConnection(url, "sa", "");
    execute(statements);
  }

  /** The JDBC URL, for {@code ${jdbc}}. */
  String url() {
    return url;
  }

  void execute(JsonNode statements) throws SQLException {
    try (Statement s = connection.createStatement()) {
      for (JsonNode sql : statements) {
        s.execute(sql.asText());
      }
    }
  }

  @Override
  public void close() throws SQLException {
    try (Statement s = connection.createStatement()) {
      s.execute("SHUTDOWN");
    } finally {
      connection.close();
    }
  }
}
