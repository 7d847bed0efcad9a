package org.autosync.engine.embedded.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.autosync.api.engine.RunDetails;
import org.jspecify.annotations.Nullable;

/**
 * The engine's state in an embedded H2 database ({@code <folder>/engine.mv.db}): connector-space
 * and metaverse objects as JSON rows, watermarks and counters as key-value rows, run history as
 * JSON. Each {@link #commit} is one transaction. Values are plain character columns (at most
 * 1,000,000 characters each, which is why a step keeps at most {@code
 * StepRecorder.MAX_ERRORS} errors): H2's large-object store was seen to fail after a kill in the
 * middle of a commit, plain columns recover.
 *
 * <p>Used by one thread at a time.
 */
public final class H2Store implements EngineStore {

  private static final ObjectMapper JSON = new ObjectMapper()
      .registerModule(new JavaTimeModule())
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private final Path folder;
  private final Connection connection;

  /** Opens (creating if needed) the database in {@code folder}. */
  public H2Store(Path folder) {
    this.folder = folder;
    try {
      java.nio.file.Files.createDirectories(folder);
      // H2's driver directly, not DriverManager: in a pf4j plugin H2 is on the plugin's class
      // loader, which DriverManager's service lookup (system class loader) never sees.
      java.util.Properties login = new java.util.Properties();
      login.setProperty("user", "sa");
      login.setProperty("password", "");
      connection = org.h2.Driver.load().connect("jdbc:h2:file:"
          + folder.toAbsolutePath().resolve("engine") + ";DB_CLOSE_ON_EXIT=FALSE", login);
      connection.setAutoCommit(false);
      try (Statement s = connection.createStatement()) {
        s.execute("CREATE TABLE IF NOT EXISTS cs(id BIGINT PRIMARY KEY, data CHARACTER VARYING NOT NULL)");
        s.execute("CREATE TABLE IF NOT EXISTS mv(id BIGINT PRIMARY KEY, data CHARACTER VARYING NOT NULL)");
        s.execute("CREATE TABLE IF NOT EXISTS kv(k VARCHAR(2000) PRIMARY KEY, v CHARACTER VARYING NOT NULL)");
        s.execute("CREATE TABLE IF NOT EXISTS runs(ma VARCHAR(500), run_number BIGINT,"
            + " data CHARACTER VARYING NOT NULL, PRIMARY KEY(ma, run_number))");
      }
      connection.commit();
    } catch (SQLException | java.io.IOException e) {
      throw new StoreException("Cannot open the engine database in '" + folder + "': "
          + e.getMessage(), e);
    }
  }

  /** A connector-space object as stored. */
  record CsRow(long id, String ma, String partition, String dn, @Nullable String anchor,
      String objectType, @Nullable Long mvId, boolean imported, boolean provisioned,
      Map<String, List<String>> hologram, CsObject.@Nullable ImportOp pendingImport,
      Map<String, List<String>> pendingImage, CsObject.@Nullable ExportOp pendingExport,
      @Nullable String pendingNewDn, Map<String, List<String>> pendingExportValues,
      Map<String, List<String>> unconfirmed, Map<String, List<String>> notReimported,
      boolean importedSinceExport, @Nullable String exportError, int exportAttempts) {

    static CsRow of(CsObject o) {
      return new CsRow(o.id, o.ma, o.partition, o.dn, o.anchor, o.objectType, o.mvId,
          o.imported, o.provisioned, o.hologram, o.pendingImport, o.pendingImage,
          o.pendingExport, o.pendingNewDn, o.pendingExportValues, o.unconfirmed,
          o.notReimported, o.importedSinceExport, o.exportError, o.exportAttempts);
    }

    CsObject toObject() {
      CsObject o = new CsObject(id, ma, partition, dn, anchor, objectType);
      o.mvId = mvId;
      o.imported = imported;
      o.provisioned = provisioned;
      o.hologram = Images.of(hologram);
      o.pendingImport = pendingImport;
      o.pendingImage = Images.of(pendingImage);
      o.pendingExport = pendingExport;
      o.pendingNewDn = pendingNewDn;
      o.pendingExportValues = new LinkedHashMap<>(pendingExportValues);
      o.unconfirmed = new LinkedHashMap<>(unconfirmed);
      o.notReimported = notReimported == null ? new LinkedHashMap<>()
          : new LinkedHashMap<>(notReimported);
      o.importedSinceExport = importedSinceExport;
      o.exportError = exportError;
      o.exportAttempts = exportAttempts;
      return o;
    }
  }

  /** A metaverse object as stored. */
  record MvRow(long id, String type, Map<String, List<String>> attributes,
      Map<String, String> contributors) {}

  @Override
  public void load(EngineData data) {
    try (Statement s = connection.createStatement()) {
      try (ResultSet rs = s.executeQuery("SELECT data FROM mv")) {
        while (rs.next()) {
          MvRow row = JSON.readValue(rs.getString(1), MvRow.class);
          MvObject o = new MvObject(row.id(), row.type());
          o.attributes.putAll(row.attributes());
          o.contributors.putAll(row.contributors());
          data.restore(o);
        }
      }
      try (ResultSet rs = s.executeQuery("SELECT data FROM cs")) {
        while (rs.next()) {
          data.restore(JSON.readValue(rs.getString(1), CsRow.class).toObject());
        }
      }
      long nextCs = 1;
      long nextMv = 1;
      try (ResultSet rs = s.executeQuery("SELECT k, v FROM kv")) {
        while (rs.next()) {
          String k = rs.getString(1);
          if (k.startsWith("wm:")) {
            data.restoreWatermark(k.substring(3), rs.getString(2));
          } else if (k.equals("nextCsId")) {
            nextCs = Long.parseLong(rs.getString(2));
          } else if (k.equals("nextMvId")) {
            nextMv = Long.parseLong(rs.getString(2));
          }
        }
      }
      data.restoreCounters(nextCs, nextMv);
      try (ResultSet rs = s.executeQuery("SELECT data FROM runs")) {
        while (rs.next()) {
          data.restoreRun(JSON.readValue(rs.getString(1), RunDetails.class));
        }
      }
      data.committed();
    } catch (SQLException | JsonProcessingException e) {
      throw new StoreException("Cannot read the engine database in '" + folder + "': "
          + e.getMessage(), e);
    }
  }

  @Override
  public void commit(EngineData.Changes changes) {
    if (changes.isEmpty()) {
      return;
    }
    try {
      try (PreparedStatement put = connection.prepareStatement(
              "MERGE INTO cs KEY(id) VALUES(?, ?)");
          PreparedStatement del = connection.prepareStatement("DELETE FROM cs WHERE id = ?")) {
        for (CsObject o : changes.cs.values()) {
          put.setLong(1, o.id);
          put.setString(2, JSON.writeValueAsString(CsRow.of(o)));
          put.addBatch();
        }
        put.executeBatch();
        for (Long id : changes.csDeleted) {
          del.setLong(1, id);
          del.addBatch();
        }
        del.executeBatch();
      }
      try (PreparedStatement put = connection.prepareStatement(
              "MERGE INTO mv KEY(id) VALUES(?, ?)");
          PreparedStatement del = connection.prepareStatement("DELETE FROM mv WHERE id = ?")) {
        for (MvObject o : changes.mv.values()) {
          put.setLong(1, o.id);
          put.setString(2, JSON.writeValueAsString(
              new MvRow(o.id, o.type, o.attributes, o.contributors)));
          put.addBatch();
        }
        put.executeBatch();
        for (Long id : changes.mvDeleted) {
          del.setLong(1, id);
          del.addBatch();
        }
        del.executeBatch();
      }
      try (PreparedStatement put = connection.prepareStatement(
          "MERGE INTO kv KEY(k) VALUES(?, ?)")) {
        for (Map.Entry<String, String> e : changes.watermarks.entrySet()) {
          put.setString(1, "wm:" + e.getKey());
          put.setString(2, e.getValue());
          put.addBatch();
        }
        for (Map.Entry<String, Long> e : changes.counters.entrySet()) {
          put.setString(1, e.getKey());
          put.setString(2, Long.toString(e.getValue()));
          put.addBatch();
        }
        put.executeBatch();
      }
      try (PreparedStatement put = connection.prepareStatement(
          "MERGE INTO runs KEY(ma, run_number) VALUES(?, ?, ?)")) {
        for (RunDetails run : changes.runs) {
          put.setString(1, run.ma());
          put.setLong(2, run.runNumber());
          put.setString(3, JSON.writeValueAsString(run));
          put.addBatch();
        }
        put.executeBatch();
      }
      connection.commit();
    } catch (SQLException | JsonProcessingException e) {
      try {
        connection.rollback();
      } catch (SQLException ignored) {
        // the commit failed already; that error is reported
      }
      throw new StoreException("Cannot commit to the engine database in '" + folder + "': "
          + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    try {
      connection.close();
    } catch (SQLException e) {
      // closing a database that is going away; nothing to save
    }
  }
}
