package org.autosync.gallery;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The servers and folders a test case asks for ({@code http}, {@code ldap}, {@code sql}, {@code
 * files}), started before the script and stopped after the case, and the placeholders that name
 * them in the case's configuration: {@code ${http}}, {@code ${ldap}}, {@code ${jdbc}}, {@code
 * ${folder}}.
 */
final class Fixtures implements AutoCloseable {

  @Nullable HttpFixture http;
  @Nullable LdapFixture ldap;
  @Nullable SqlFixture sql;
  @Nullable FilesFixture files;

  Fixtures(JsonNode spec, Path work, InstantSource clock) throws Exception {
    try {
      if (spec.has("http")) {
        http = new HttpFixture(spec.get("http"));
      }
      if (spec.has("ldap")) {
        ldap = new LdapFixture(spec.get("ldap"));
      }
      if (spec.has("sql")) {
        sql = new SqlFixture(spec.get("sql"));
      }
      if (spec.has("files")) {
        files = new FilesFixture(work.resolve("drop"), clock, spec.get("files"));
      }
    } catch (Exception e) {
      close();
      throw e;
    }
  }

  Map<String, String> placeholders() {
    Map<String, String> p = new LinkedHashMap<>();
    if (http != null) {
      p.put("${http}", http.base());
    }
    if (ldap != null) {
      p.put("${ldap}", ldap.url());
    }
    if (sql != null) {
      p.put("${jdbc}", sql.url());
    }
    if (files != null) {
      p.put("${folder}", files.folder().toString());
    }
    return p;
  }

  /** Applies a step's changes to the fixtures it names. */
  void apply(JsonNode step, String where) throws Exception {
    if (step.has("http")) {
      require(http, "http", where).setRoutes(step.get("http"));
    }
    if (step.has("ldap")) {
      require(ldap, "ldap", where).apply(step.get("ldap"));
    }
    if (step.has("sql")) {
      require(sql, "sql", where).execute(step.get("sql"));
    }
    if (step.has("files")) {
      require(files, "files", where).apply(step.get("files"));
    }
  }

  static <T> T require(@Nullable T fixture, String name, String where) {
    if (fixture == null) {
      throw new AssertionError(where + ": the step changes '" + name + "', but the case starts no"
          + " such fixture; add \"" + name + "\" to the case");
    }
    return fixture;
  }

  @Override
  public void close() throws java.sql.SQLException {
    if (http != null) {
      http.close();
    }
    if (ldap != null) {
      ldap.close();
    }
    if (sql != null) {
      sql.close();
    }
  }
}
