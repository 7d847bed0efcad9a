package org.autosync.engine.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import org.autosync.api.ExecutionRequest;
import org.autosync.api.ProfileType;
import org.autosync.api.engine.PartitionWork;
import org.autosync.engine.embedded.config.EngineConfigs;
import org.autosync.engine.embedded.connector.BuiltInConnectors;
import org.autosync.host.controller.ControllerSettings;
import org.autosync.host.controller.ExecutionController;
import org.autosync.host.controller.MaSettings;
import org.autosync.host.time.SystemScheduler;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HR directory → Corp directory and a CSV badge file, on real LDAP servers (in-memory, on
 * loopback) and a real file, driven by the execution controller: provisioning, attribute change,
 * rename, delete.
 */
class LdapCsvEndToEndTest {

  static final String CONFIG = """
      store: state
      metaverse:
        person:
          attributes: [employeeNumber, givenName, sn, title, departmentNumber, uid, cn,
                       displayName]
          deleteWhenDisconnectedFrom: [HR]
      mas:
        - name: HR
          category: LDAP
          connector:
            type: ldap
            options: {host: 127.0.0.1, port: "%d", bindDn: cn=admin, password: secret,
                      objectClasses: inetOrgPerson}
          partitions: ["ou=people,o=hr"]
          objectTypes:
            - name: inetOrgPerson
              anchor: employeeNumber
              attributes: [employeeNumber, givenName, sn, title, departmentNumber]
              metaverseType: person
              join: [{cs: employeeNumber, mv: employeeNumber}]
              project: true
              importFlows:
                employeeNumber: employeeNumber
                givenName: givenName
                sn: sn
                title: title
                departmentNumber: departmentNumber
                uid: "${lower(givenName)}.${lower(sn)}"
                cn: "${givenName} ${sn}"
                displayName: "${givenName} ${sn}"
          profiles:
            FI: [{kind: FullImport}]
            DI: [{kind: DeltaImport}]
            DS: [{kind: DeltaSync}]
            FS: [{kind: FullSync}]
        - name: CORP
          category: LDAP
          connector:
            type: ldap
            options: {host: 127.0.0.1, port: "%d", bindDn: cn=admin, password: secret,
                      objectClasses: inetOrgPerson}
          partitions: ["ou=users,dc=corp,dc=example"]
          objectTypes:
            - name: inetOrgPerson
              anchor: employeeNumber
              attributes: [objectClass, uid, cn, sn, employeeNumber, title, departmentNumber,
                           mail]
              metaverseType: person
              join: [{cs: employeeNumber, mv: employeeNumber}]
              exportFlows:
                objectClass: [top, person, organizationalPerson, inetOrgPerson]
                uid: uid
                cn: cn
                sn: sn
                employeeNumber: employeeNumber
                title: title
                departmentNumber: departmentNumber
                mail: "${uid}@corp.example"
              provision:
                dn: "uid=${uid},ou=users,dc=corp,dc=example"
                when: [employeeNumber, uid]
          profiles:
            FI: [{kind: FullImport}]
            DI: [{kind: DeltaImport}]
            DS: [{kind: DeltaSync}]
            E: [{kind: Export}]
        - name: BADGES
          category: CSV
          connector:
            type: csv
            options: {file: "%s", dnColumn: employeeNumber, objectType: badge,
                      columns: "employeeNumber,displayName,department"}
          objectTypes:
            - name: badge
              anchor: employeeNumber
              attributes: [employeeNumber, displayName, department]
              metaverseType: person
              join: [{cs: employeeNumber, mv: employeeNumber}]
              exportFlows:
                employeeNumber: employeeNumber
                displayName: displayName
                department: departmentNumber
              provision:
                dn: "${employeeNumber}"
                when: [employeeNumber]
          profiles:
            FI: [{kind: FullImport}]
            DI: [{kind: DeltaImport}]
            DS: [{kind: DeltaSync}]
            E: [{kind: Export}]
      """;

  @TempDir Path dir;
  Directory hr;
  Directory corp;
  DropsTitleOf dropsTitle;
  Path badges;
  EmbeddedEngine engine;
  SystemScheduler scheduler;
  ExecutionController controller;

  @BeforeEach
  void start() throws Exception {
    hr = new Directory("o=hr", "ou=people");
    dropsTitle = new DropsTitleOf("uid=grace");
    corp = new Directory(dropsTitle, "dc=corp,dc=example", "ou=users");
    badges = dir.resolve("badges.csv");
    hr.addPerson("1001", "Ada", "Lovelace", "Engineer", "R&D");
    hr.addPerson("1002", "Alan", "Turing", "Mathematician", "R&D");
    hr.addPerson("1003", "Grace", "Hopper", "Admiral", "Navy");
    engine = EmbeddedEngine.open(EngineConfigs.fromYaml(
            CONFIG.formatted(hr.port(), corp.port(), badges.toString().replace("\\", "/"))),
        BuiltInConnectors.all(), Lab.context(dir));
    scheduler = new SystemScheduler(InstantSource.system());
    controller = new ExecutionController(engine, ControllerSettings.defaults()
        .withMa(MaSettings.enabled("HR")).withMa(MaSettings.enabled("CORP"))
        .withMa(MaSettings.enabled("BADGES")), InstantSource.system(), scheduler);
    controller.start();
    for (String ma : List.of("CORP", "BADGES", "HR")) {
      controller.submit(ExecutionRequest.ofType(ma, ProfileType.FULL_IMPORT));
    }
    awaitQuiet();
  }

  @AfterEach
  void stop() {
    for (AutoCloseable c : new AutoCloseable[] {controller, scheduler, engine, hr, corp}) {
      if (c != null) {
        try {
          c.close();
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }
    }
  }

  private void awaitQuiet() {
    Awaitility.await().atMost(Duration.ofSeconds(30)).until(controller::isQuiet);
    for (String ma : List.of("HR", "CORP", "BADGES")) {
      PartitionWork w = engine.pendingWork(ma).partitions().getFirst();
      assertEquals(0, w.stagedImports().getAsLong() + w.pendingExports().getAsLong()
          + w.unconfirmedExports().getAsLong(), ma + " has work left: " + w);
    }
    assertEquals(List.of(), engine.refusals());
  }

  private void deltaImportHr() {
    controller.submit(ExecutionRequest.ofType("HR", ProfileType.DELTA_IMPORT));
    awaitQuiet();
  }

  @Test
  void everyone_in_hr_is_provisioned_to_corp_and_the_badge_file() throws Exception {
    assertEquals(3, corp.count("ou=users,dc=corp,dc=example"));
    var ada = corp.get("uid=ada.lovelace,ou=users,dc=corp,dc=example");
    assertEquals("ada.lovelace@corp.example", ada.getAttributeValue("mail"));
    assertEquals("Ada Lovelace", ada.getAttributeValue("cn"));
    assertEquals("1001", ada.getAttributeValue("employeeNumber"));
    List<String> lines = Files.readAllLines(badges);
    assertEquals("employeeNumber,displayName,department", lines.getFirst());
    assertTrue(lines.contains("1003,Grace Hopper,Navy"), lines.toString());
    assertEquals(4, lines.size());
  }

  /** Corp silently ignores title changes of some entries, as a directory with a policy might. */
  static final class DropsTitleOf
      extends com.unboundid.ldap.listener.interceptor.InMemoryOperationInterceptor {
    private final String rdnPrefix;
    volatile boolean active;

    DropsTitleOf(String rdnPrefix) {
      this.rdnPrefix = rdnPrefix;
    }

    @Override
    public void processModifyRequest(
        com.unboundid.ldap.listener.interceptor.InMemoryInterceptedModifyRequest request) {
      var modify = request.getRequest();
      if (active && modify.getDN().startsWith(rdnPrefix)) {
        var kept = modify.getModifications().stream()
            .filter(m -> !m.getAttributeName().equalsIgnoreCase("title")).toList();
        if (kept.isEmpty()) {
          kept = List.of(new com.unboundid.ldap.sdk.Modification(
              com.unboundid.ldap.sdk.ModificationType.REPLACE, "description", "title by policy"));
        }
        request.setRequest(new com.unboundid.ldap.sdk.ModifyRequest(modify.getDN(), kept));
      }
    }
  }

  @Test
  void a_corp_account_made_by_hand_is_adopted_not_duplicated() throws Exception {
    corp.server.add(new com.unboundid.ldap.sdk.Entry(
        "uid=edsger.dijkstra,ou=users,dc=corp,dc=example",
        new com.unboundid.ldap.sdk.Attribute("objectClass", "top", "person",
            "organizationalPerson", "inetOrgPerson"),
        new com.unboundid.ldap.sdk.Attribute("uid", "edsger.dijkstra"),
        new com.unboundid.ldap.sdk.Attribute("cn", "E. W. Dijkstra"),
        new com.unboundid.ldap.sdk.Attribute("sn", "Dijkstra"),
        new com.unboundid.ldap.sdk.Attribute("employeeNumber", "1004")));
    controller.submit(ExecutionRequest.ofType("CORP", ProfileType.DELTA_IMPORT));
    awaitQuiet();
    hr.addPerson("1004", "Edsger", "Dijkstra", "Professor", "CS");
    deltaImportHr();
    assertEquals(4, corp.count("ou=users,dc=corp,dc=example"), "no duplicate");
    var adopted = corp.get("uid=edsger.dijkstra,ou=users,dc=corp,dc=example");
    assertEquals("Edsger Dijkstra", adopted.getAttributeValue("cn"), "now managed");
    assertEquals("Professor", adopted.getAttributeValue("title"));
  }

  @Test
  void a_value_the_directory_does_not_keep_is_reported_and_not_exported_in_a_loop()
      throws Exception {
    dropsTitle.active = true;
    hr.replace("employeeNumber=1003,ou=people,o=hr", "title", "Rear Admiral");
    deltaImportHr();
    assertEquals("Admiral", corp.get("uid=grace.hopper,ou=users,dc=corp,dc=example")
        .getAttributeValue("title"));
    var errors = engine.history("CORP").stream()
        .flatMap(r -> r.steps().stream())
        .flatMap(st -> st.errors().stream())
        .filter(e -> e.type().equals("exported-change-not-reimported"))
        .toList();
    assertEquals(1, errors.size(), errors.toString());
    assertTrue(errors.getFirst().object().startsWith("uid=grace.hopper"));
  }

  @Test
  void a_full_import_obsoletes_a_person_deleted_while_nobody_watched() throws Exception {
    hr.server.delete("employeeNumber=1002,ou=people,o=hr");
    controller.submit(ExecutionRequest.ofType("HR", ProfileType.FULL_IMPORT));
    awaitQuiet();
    assertNull(corp.get("uid=alan.turing,ou=users,dc=corp,dc=example"));
  }

  @Test
  void a_bad_row_in_the_badge_file_is_a_discovery_error_and_deletes_nothing() throws Exception {
    List<String> lines = new java.util.ArrayList<>(Files.readAllLines(badges));
    lines.removeIf(l -> l.startsWith("1001,"));       // gone from the file ...
    lines.add("9999,\"unterminated,x");               // ... and a row nobody can read
    Files.write(badges, lines);
    long before = engine.status("BADGES").lastRunNumber();
    controller.submit(ExecutionRequest.ofType("BADGES", ProfileType.FULL_IMPORT));
    Awaitility.await().atMost(Duration.ofSeconds(30)).until(controller::isQuiet);
    var run = engine.runDetails("BADGES", before + 1).orElseThrow();
    assertEquals(org.autosync.api.engine.ResultCodes.COMPLETED_DISCOVERY_ERRORS, run.result());
    assertEquals(0, run.steps().getFirst().staging().delete(), "no obsoletion");
    assertEquals(org.autosync.api.engine.RunError.Phase.DISCOVERY,
        run.steps().getFirst().errors().getFirst().phase());
  }

  @Test
  void a_title_change_made_with_an_ldap_client_reaches_corp() throws Exception {
    hr.replace("employeeNumber=1002,ou=people,o=hr", "title", "Professor");
    deltaImportHr();
    assertEquals("Professor", corp.get("uid=alan.turing,ou=users,dc=corp,dc=example")
        .getAttributeValue("title"));
  }

  @Test
  void a_new_person_is_provisioned_and_a_deleted_one_deprovisioned() throws Exception {
    hr.addPerson("1004", "Edsger", "Dijkstra", "Professor", "CS");
    hr.server.delete("employeeNumber=1001,ou=people,o=hr");
    deltaImportHr();
    assertNotNull(corp.get("uid=edsger.dijkstra,ou=users,dc=corp,dc=example"));
    assertNull(corp.get("uid=ada.lovelace,ou=users,dc=corp,dc=example"));
    List<String> lines = Files.readAllLines(badges);
    assertTrue(lines.contains("1004,Edsger Dijkstra,CS"), lines.toString());
    assertTrue(lines.stream().noneMatch(l -> l.startsWith("1001,")), lines.toString());
  }

  @Test
  void a_surname_change_renames_the_corp_entry_and_updates_the_badge() throws Exception {
    hr.replace("employeeNumber=1003,ou=people,o=hr", "sn", "Murray");
    deltaImportHr();
    assertNull(corp.get("uid=grace.hopper,ou=users,dc=corp,dc=example"));
    var renamed = corp.get("uid=grace.murray,ou=users,dc=corp,dc=example");
    assertNotNull(renamed);
    assertEquals("grace.murray@corp.example", renamed.getAttributeValue("mail"));
    assertTrue(Files.readAllLines(badges).contains("1003,Grace Murray,Navy"));
  }
}
