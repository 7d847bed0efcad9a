package org.autosync.engine.embedded;

import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.autosync.engine.embedded.config.ConfigValidator;
import org.autosync.engine.embedded.config.EngineConfigs;
import org.autosync.engine.embedded.config.EngineModel;
import org.autosync.engine.embedded.connector.BuiltInConnectors;
import org.autosync.engine.embedded.connector.Connector;
import org.autosync.engine.embedded.connector.ConnectorContext;
import org.autosync.engine.embedded.connector.ConnectorException;
import org.autosync.engine.embedded.connector.ConnectorFactory;
import org.autosync.engine.embedded.connector.ExportChange;
import org.autosync.engine.embedded.connector.ExportResult;
import org.autosync.engine.embedded.connector.ImportItem;
import org.autosync.engine.embedded.model.EngineData;
import org.autosync.engine.embedded.model.EngineStore;
import org.autosync.engine.embedded.model.H2Store;

/**
 * A separate JVM for the crash tests: runs the HR → Corp cycle on CSV files and, at the point
 * named on its command line, prints {@code READY} and waits to be killed with SIGKILL.
 *
 * <p>Arguments: data folder, HR file, Corp file, crash point. Points: {@code import:N} (after N
 * items of HR's full import were read), {@code commit:P:N:before|after} (around the Nth commit of
 * profile P), {@code export:before|after} (around the connector's write of Corp's export).
 */
public final class CrashChild {

  static final String CONFIG = """
      store: state
      metaverse:
        person:
          attributes: [employeeNumber, givenName, sn, title]
          deleteWhenDisconnectedFrom: [HR]
      mas:
        - name: HR
          category: CSV
          connector: {type: csv, options: {file: "%s", dnColumn: employeeNumber}}
          objectTypes:
            - name: person
              anchor: employeeNumber
              attributes: [employeeNumber, givenName, sn, title]
              metaverseType: person
              join: [{cs: employeeNumber, mv: employeeNumber}]
              project: true
              importFlows: {employeeNumber: employeeNumber, givenName: givenName, sn: sn,
                            title: title}
          profiles:
            FI: [{kind: FullImport}]
            DS: [{kind: DeltaSync}]
        - name: CORP
          category: CSV
          connector: {type: csv, options: {file: "%s", dnColumn: employeeNumber,
                      objectType: account, columns: "employeeNumber,name,title"}}
          objectTypes:
            - name: account
              anchor: employeeNumber
              attributes: [employeeNumber, name, title]
              metaverseType: person
              join: [{cs: employeeNumber, mv: employeeNumber}]
              exportFlows: {employeeNumber: employeeNumber, name: "${givenName} ${sn}",
                            title: title}
              provision: {dn: "${employeeNumber}", when: [employeeNumber]}
          profiles:
            FI: [{kind: FullImport}]
            DS: [{kind: DeltaSync}]
            E: [{kind: Export}]
      """;

  /** The cycle, in order: HR in, through the metaverse, out to Corp, confirmed. */
  static final List<String[]> CYCLE = List.of(new String[] {"HR", "FI"},
      new String[] {"HR", "DS"}, new String[] {"CORP", "E"}, new String[] {"CORP", "FI"},
      new String[] {"CORP", "DS"});

  private static volatile String currentProfile = "";

  private CrashChild() {}

  public static void main(String[] args) throws Exception {
    Path data = Path.of(args[0]);
    String point = args[3];
    EngineModel model = ConfigValidator.compile(
        EngineConfigs.fromYaml(CONFIG.formatted(args[1], args[2])), BuiltInConnectors.all());
    EngineStore store = new CrashingStore(new H2Store(data.resolve("state")), point);
    Map<String, ConnectorFactory> connectors = Map.of("csv",
        new CrashingCsv(BuiltInConnectors.all().get("csv"), point));
    try (EmbeddedEngine engine = new EmbeddedEngine(model, connectors, store,
        InstantSource.system(), s -> s, data.resolve("connectors"))) {
      for (String[] run : CYCLE) {
        currentProfile = run[0] + "/" + run[1];
        engine.run(run[0], run[1]);
      }
    }
    System.out.println("DONE");
  }

  static void crashHere() {
    System.out.println("READY");
    System.out.flush();
    try {
      new CountDownLatch(1).await(); // the parent kills this process now
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Stops around a chosen commit. */
  private static final class CrashingStore implements EngineStore {
    private final EngineStore delegate;
    private final String point;
    private final AtomicInteger commits = new AtomicInteger();
    private String counting = "";

    CrashingStore(EngineStore delegate, String point) {
      this.delegate = delegate;
      this.point = point;
    }

    @Override
    public void load(EngineData data) {
      delegate.load(data);
    }

    @Override
    public void commit(EngineData.Changes changes) {
      if (!counting.equals(currentProfile)) {
        counting = currentProfile;
        commits.set(0);
      }
      int n = commits.incrementAndGet();
      String[] p = point.split(":");
      boolean here = p[0].equals("commit") && p[1].equals(currentProfile)
          && Integer.parseInt(p[2]) == n;
      if (here && p[3].equals("before")) {
        crashHere();
      }
      delegate.commit(changes);
      if (here && p[3].equals("after")) {
        crashHere();
      }
    }

    @Override
    public void close() {
      delegate.close();
    }
  }

  /** Stops in the middle of an import or around an export write. */
  private record CrashingCsv(ConnectorFactory delegate, String point) implements ConnectorFactory {
    @Override
    public String type() {
      return delegate.type();
    }

    @Override
    public List<String> options() {
      return delegate.options();
    }

    @Override
    public List<String> validate(Map<String, String> options) {
      return delegate.validate(options);
    }

    @Override
    public Connector create(Map<String, String> options, ConnectorContext context) {
      Connector c = delegate.create(options, context);
      return new Connector() {
        @Override
        public DeltaSupport deltaSupport() {
          return c.deltaSupport();
        }

        @Override
        public String currentWatermark(String partition) throws ConnectorException {
          return c.currentWatermark(partition);
        }

        @Override
        public void fullImport(String partition, Consumer<ImportItem> sink)
            throws ConnectorException {
          AtomicInteger read = new AtomicInteger();
          c.fullImport(partition, item -> {
            sink.accept(item);
            if (point.equals("import:" + read.incrementAndGet())
                && currentProfile.equals("HR/FI")) {
              crashHere();
            }
          });
        }

        @Override
        public String deltaImport(String partition, String watermark, Consumer<ImportItem> sink)
            throws ConnectorException {
          return c.deltaImport(partition, watermark, sink);
        }

        @Override
        public List<ExportResult> export(String partition, List<ExportChange> changes)
            throws ConnectorException {
          if (point.equals("export:before")) {
            crashHere();
          }
          List<ExportResult> results = c.export(partition, changes);
          if (point.equals("export:after")) {
            crashHere();
          }
          return results;
        }

        @Override
        public void close() {
          c.close();
        }
      };
    }
  }
}
