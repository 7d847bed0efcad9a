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
  Path badges;
  EmbeddedEngine engine;
  SystemScheduler scheduler;
  ExecutionController controller;

  @BeforeEach
  void start() throws Exception {
    hr = new Directory("o=hr", "ou=people");
    corp = new Directory("dc=corp,dc=example", "ou=users");
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
