package org.autosync.engine.embedded;

import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import org.autosync.api.engine.EngineContext;
import org.autosync.api.engine.RunDetails;
import org.autosync.api.engine.RunResult;
import org.autosync.api.engine.StepDetails;
import org.autosync.engine.embedded.config.EngineConfigs;
import org.autosync.engine.embedded.connector.ConnectorEntry;
import org.autosync.engine.embedded.connector.ConnectorFactory;

/** An HR source and a Corp directory in memory, with the embedded engine between them. */
final class Lab implements AutoCloseable {

  static final String YAML = """
      store: %s
      metaverse:
        person:
          attributes: [employeeNumber, givenName, sn, title, departmentNumber, uid, cn]
          deleteWhenDisconnectedFrom: [HR]
      mas:
        - name: HR
          category: LDAP
          connector: {type: memory, options: {system: %s}}
          objectTypes:
            - name: person
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
          profiles:
            FI: [{kind: FullImport}]
            DI: [{kind: DeltaImport}]
            FS: [{kind: FullSync}]
            DS: [{kind: DeltaSync}]
            DIDS: [{kind: DeltaImport}, {kind: DeltaSync}]
        - name: CORP
          category: LDAP
          connector: {type: memory, options: {system: %s}}
          objectTypes:
            - name: inetOrgPerson
              anchor: employeeNumber
              attributes: [uid, cn, employeeNumber, title, mail, objectClass]
              metaverseType: person
              join: [{cs: employeeNumber, mv: employeeNumber}]
              exportFlows:
                uid: uid
                cn: cn
                employeeNumber: employeeNumber
                title: title
                mail: "${uid}@corp.example"
                objectClass: [top, person, organizationalPerson, inetOrgPerson]
              provision:
                dn: "uid=${uid},ou=users,dc=corp"
                when: [employeeNumber, uid]
          profiles:
            FI: [{kind: FullImport}]
            DI: [{kind: DeltaImport}]
            DS: [{kind: DeltaSync}]
            FS: [{kind: FullSync}]
            E: [{kind: Export}]
      """;

  final MemorySystem hr;
  final MemorySystem corp;
  final Path dir;
  final String hrName;
  final String corpName;
  EmbeddedEngine engine;

  Lab(Path dir, boolean durable) {
    this(dir, durable, yaml -> yaml);
  }

  /** A lab whose configuration text is edited first. */
  Lab(Path dir, boolean durable, java.util.function.UnaryOperator<String> edit) {
    this.edit = edit;
    this.dir = dir;
    this.hrName = "hr-" + System.nanoTime();
    this.corpName = "corp-" + System.nanoTime();
    this.hr = MemorySystem.register(hrName);
    this.corp = MemorySystem.register(corpName);
    this.durable = durable;
    this.engine = open();
  }

  private final boolean durable;
  private final java.util.function.UnaryOperator<String> edit;

  EmbeddedEngine open() {
    String yaml = edit.apply(YAML.formatted(durable ? "state" : "null", hrName, corpName));
    return EmbeddedEngine.open(EngineConfigs.fromYaml(yaml), connectors(), context(dir));
  }

  static Map<String, ConnectorFactory> connectors() {
    return Map.of("memory", new MemorySystem.Factory());
  }

  static EngineContext context(Path dir) {
    return new EngineContext() {
      @Override
      public Path dataDirectory() {
        return dir;
      }

      @Override
      public InstantSource clock() {
        return InstantSource.system();
      }

      @Override
      public String resolveSecret(String reference) {
        return reference;
      }
    };
  }

  void restart() {
    engine.close();
    engine = open();
  }

  static ConnectorEntry person(String number, String given, String sn, String title) {
    return new ConnectorEntry("employeeNumber=" + number + ",ou=people,o=hr", "person",
        Map.of("employeeNumber", List.of(number), "givenName", List.of(given),
            "sn", List.of(sn), "title", List.of(title)));
  }

  RunDetails run(String ma, String profile) {
    RunResult r = engine.run(ma, profile);
    return engine.runDetails(ma, r.runNumber().orElseThrow()).orElseThrow();
  }

  static StepDetails step(RunDetails run) {
    return run.steps().getLast();
  }

  @Override
  public void close() {
    engine.close();
    MemorySystem.SYSTEMS.remove(hrName);
    MemorySystem.SYSTEMS.remove(corpName);
  }
}
