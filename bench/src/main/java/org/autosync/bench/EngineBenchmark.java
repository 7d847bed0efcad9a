package org.autosync.bench;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.SearchScope;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.autosync.api.engine.PartitionWork;
import org.autosync.api.engine.ResultCodes;
import org.autosync.api.engine.RunDetails;
import org.autosync.api.engine.RunResult;
import org.autosync.api.engine.StepDetails;
import org.autosync.engine.embedded.EmbeddedEngine;
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
 * Speed of the embedded engine between two real LDAP directories (UnboundID in-memory servers on
 * loopback, with {@code cn=changelog}), with its H2 store on disk.
 *
 * <p>An "HR" directory holds N people; the engine projects them into the metaverse and provisions
 * them to an empty "CORP" directory (the configuration of {@code LdapCsvEndToEndTest}, without
 * the CSV MA). Measured, each as one run of a one-step profile: HR full import, HR full sync
 * (which provisions N pending adds to CORP), CORP export of the N adds, CORP confirming delta
 * import and CORP delta sync; then rounds of one change (a title modified with an LDAP client):
 * HR delta import → HR delta sync → CORP export → CORP delta import (confirming) → CORP delta
 * sync; then the store's size on disk, the heap, and a restart of the engine from its store.
 *
 * <p>Every run must succeed and its counters must match the number of objects. Each step's time is
 * split into time inside the LDAP connector (client and in-memory server, which share the JVM),
 * time committing to the H2 store, and the rest (staging, synchronizing, run history, in memory):
 * the engine is opened like {@link EmbeddedEngine#open} does, but with timing wrappers around the
 * LDAP connector factory and the store.
 *
 * <p>The connectors read with an LDAP page size of 5,000 rather than their default of 500: the
 * in-memory server answers each page of a paged search by scanning all its entries, so a full
 * read costs (entries / page size) × entries there, 80–87 s for 100,000 entries with pages of
 * 500, which would measure that server rather than the engine (see bench/README.md). Usage:
 * {@code ./dev bench engine [objects [rounds [page size]]]}, default 100,000 objects, 20 rounds.
 */
public final class EngineBenchmark {

  static final String HR_BASE = "o=hr";
  static final String HR_PEOPLE = "ou=people,o=hr";
  static final String CORP_BASE = "dc=corp,dc=example";
  static final String CORP_USERS = "ou=users,dc=corp,dc=example";

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
                      objectClasses: inetOrgPerson, pageSize: "%d"}
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
                      objectClasses: inetOrgPerson, pageSize: "%d"}
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
      """;

  private static final String[] GIVEN = {"Ada", "Alan", "Grace", "Edsger", "Barbara", "Donald",
      "Frances", "John", "Margaret", "Ken", "Radia", "Dennis", "Sophie", "Tim", "Katherine"};
  private static final String[] SURNAMES = {"Lovelace", "Turing", "Hopper", "Dijkstra", "Liskov",
      "Knuth", "Allen", "Backus", "Hamilton", "Thompson", "Perlman", "Ritchie", "Wilson"};
  private static final String[] TITLES = {"Engineer", "Analyst", "Manager", "Director",
      "Architect", "Consultant", "Technician", "Accountant", "Designer", "Clerk"};

  private EngineBenchmark() {}

  public static void main(String[] args) throws Exception {
    int objects = args.length > 0 ? Integer.parseInt(args[0].replace("_", "")) : 100_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
    int pageSize = args.length > 2 ? Integer.parseInt(args[2]) : 5_000;
    if (objects < 1 || rounds < 1 || pageSize < 1) {
      throw new IllegalArgumentException(
          "usage: EngineBenchmark [objects ≥ 1 [rounds ≥ 1 [LDAP page size ≥ 1]]]");
    }
    if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    }
    System.out.printf(Locale.ROOT, "Embedded engine, HR → CORP over LDAP: %,d objects, %d"
            + " one-object rounds, LDAP page size %,d; JDK %s, %d cores, max heap %,d MB%n",
        objects, rounds, pageSize, Runtime.version(), Runtime.getRuntime().availableProcessors(),
        Runtime.getRuntime().maxMemory() >> 20);
    Path dir = Files.createTempDirectory("autosync-engine-bench-");
    try {
      new EngineBenchmark().measure(objects, rounds, pageSize, dir);
    } finally {
      deleteRecursively(dir);
    }
  }

  private final ConnectorTimer connectorTimer = new ConnectorTimer();
  private TimedStore store;
  private EmbeddedEngine engine;

  private void measure(int n, int rounds, int pageSize, Path dir) throws Exception {
    long started = System.nanoTime();
    try (Directory hr = new Directory(HR_BASE, "ou=people", n + rounds + 1_000);
        Directory corp = new Directory(CORP_BASE, "ou=users", n + rounds + 1_000)) {
      long t = System.nanoTime();
      for (int i = 0; i < n; i++) {
        hr.server.add(person(i));
      }
      System.out.printf(Locale.ROOT, "Set-up (not measured below): %,d HR entries added in"
          + " %.1f s; heap after GC %,d MB%n%n", n, secs(System.nanoTime() - t), heapAfterGc() >> 20);

      Map<String, ConnectorFactory> factories = new HashMap<>(BuiltInConnectors.all());
      factories.put("ldap", connectorTimer.wrap(factories.get("ldap")));
      EngineModel model = ConfigValidator.compile(
          EngineConfigs.fromYaml(CONFIG.formatted(hr.port(), pageSize, corp.port(), pageSize)),
          factories);
      Path storeFolder = dir.resolve(model.store());
      engine = open(model, factories, storeFolder, dir);

      // CORP is empty: its full import only sets the change-log watermark for its delta imports.
      Sample corpFi = run("CORP", "FI", ResultCodes.COMPLETED_NO_OBJECTS, s -> { });
      expectWork("CORP", 0, 0, 0);

      List<Row> full = new ArrayList<>();
      full.add(new Row("HR full import", n, run("HR", "FI", ResultCodes.SUCCESS, s ->
          expect("HR full import adds", n, s.staging().add()))));
      expectWork("HR", n, 0, 0);
      full.add(new Row("HR full sync (projects, provisions)", n, run("HR", "FS",
          ResultCodes.SUCCESS, s -> {
            expect("HR full sync projections", n, s.inbound().disconnectorProjectedFlow());
            expect("HR full sync provisioned adds to CORP", n,
                s.outbound().get("CORP").provisionedAddFlow());
          })));
      expectWork("HR", 0, 0, 0);
      expectWork("CORP", 0, n, 0);
      expect("metaverse objects", n, engine.metaverseSize());
      full.add(new Row("CORP export (adds)", n, run("CORP", "E", ResultCodes.SUCCESS, s ->
          expect("CORP exported adds", n, s.export().add()))));
      expectWork("CORP", 0, 0, n);
      expect("CORP directory entries", n, corp.count(CORP_USERS));
      full.add(new Row("CORP delta import (confirming)", n, run("CORP", "DI",
          ResultCodes.SUCCESS, s -> expect("CORP confirming import staged", n,
              s.staging().changes()))));
      expectWork("CORP", n, 0, 0);
      full.add(new Row("CORP delta sync", n, run("CORP", "DS", ResultCodes.SUCCESS, s ->
          expect("CORP delta sync connectors", n,
              s.inbound().connectorFlow() + s.inbound().connectorNoFlow()))));
      expectWork("CORP", 0, 0, 0);
      expectWork("HR", 0, 0, 0);
      // The same again with nothing changed: what a scheduled full cycle costs at rest.
      full.add(new Row("HR full import, nothing changed", n, run("HR", "FI",
          ResultCodes.SUCCESS, s -> expect("HR full import no-change", n,
              s.staging().noChange()))));
      expectWork("HR", 0, 0, 0);
      full.add(new Row("HR full sync, nothing changed", n, run("HR", "FS",
          ResultCodes.SUCCESS, s -> {
            expect("HR full sync connectors without flow", n, s.inbound().connectorNoFlow());
            expect("HR full sync CORP connectors without flow", n,
                s.outbound().get("CORP").connectorNoFlow());
          })));
      expectWork("HR", 0, 0, 0);
      expectWork("CORP", 0, 0, 0);
      printFull(full, corpFi);

      List<Round> measured = new ArrayList<>();
      SplittableRandom random = new SplittableRandom(42);
      try (LDAPConnection client = new LDAPConnection("127.0.0.1", hr.port(), "cn=admin",
          "secret")) {
        for (int r = 1; r <= rounds; r++) {
          measured.add(round(client, corp, random.nextInt(n), r));
        }
      }
      printRounds(measured);

      long liveBytes = folderSize(storeFolder);
      long heapAll = heapAfterGc();
      engine.close();
      engine = null;
      long heapWithoutEngine = heapAfterGc();
      long closedBytes = folderSize(storeFolder);
      long t0 = System.nanoTime();
      engine = open(model, factories, storeFolder, dir);
      long reopen = System.nanoTime() - t0;
      expect("metaverse objects after restart", n, engine.metaverseSize());
      expect("HR connector space after restart", n,
          engine.connectorSpaceSize("HR", HR_PEOPLE).orElseThrow());
      expect("CORP connector space after restart", n,
          engine.connectorSpaceSize("CORP", CORP_USERS).orElseThrow());
      engine.close();
      engine = null;
      long t1 = System.nanoTime();
      try (Connection db = DriverManager.getConnection("jdbc:h2:file:"
          + storeFolder.toAbsolutePath().resolve("engine"), "sa", "");
          Statement shutdown = db.createStatement()) {
        shutdown.execute("SHUTDOWN COMPACT");
      }
      long compact = System.nanoTime() - t1;
      System.out.printf(Locale.ROOT, "%nH2 store folder (%,d MV + %,d CS objects, %d runs):"
              + " %,.1f MB while open, %,.1f MB after close, %,.1f MB after SHUTDOWN COMPACT"
              + " (%.1f s)%n", n, 2L * n, 8 + 5L * rounds, mb(liveBytes), mb(closedBytes),
          mb(folderSize(storeFolder)), secs(compact));
      System.out.printf(Locale.ROOT, "Heap after GC: %,d MB with both directories and the"
              + " engine; %,d MB of it freed by closing the engine%n", heapAll >> 20,
          (heapAll - heapWithoutEngine) >> 20);
      System.out.printf(Locale.ROOT, "Engine restart (load %,d rows from H2): %,.0f ms, of"
          + " which store load %,.0f ms%n", 3L * n, ms(reopen), ms(store.loadNanos));
      System.out.printf(Locale.ROOT, "Whole benchmark: %.1f s%n", secs(System.nanoTime() - started));
    } finally {
      if (engine != null) {
        engine.close();
      }
    }
  }

  private EmbeddedEngine open(EngineModel model, Map<String, ConnectorFactory> factories,
      Path storeFolder, Path dir) {
    // What EmbeddedEngine.open does, with a timed store.
    store = new TimedStore(new H2Store(storeFolder));
    return new EmbeddedEngine(model, factories, store, InstantSource.system(), s -> s,
        dir.resolve("connectors"));
  }

  /** One change in HR, carried to CORP and confirmed. */
  private Round round(LDAPConnection client, Directory corp, int who, int number)
      throws LDAPException {
    String title = "Title of round " + number;
    String dn = "employeeNumber=" + employeeNumber(who) + "," + HR_PEOPLE;
    client.modify(dn, new Modification(ModificationType.REPLACE, "title", title));
    Sample di = run("HR", "DI", ResultCodes.SUCCESS, s ->
        expect("HR delta import updates", 1, s.staging().update()));
    expectWork("HR", 1, 0, 0);
    Sample ds = run("HR", "DS", ResultCodes.SUCCESS, s -> {
      expect("HR delta sync connector flows", 1, s.inbound().connectorFlow());
      expect("HR delta sync export flows to CORP", 1, s.outbound().get("CORP").connectorFlow());
    });
    expectWork("CORP", 0, 1, 0);
    Sample e = run("CORP", "E", ResultCodes.SUCCESS, s ->
        expect("CORP exported updates", 1, s.export().update()));
    String corpDn = "uid=" + uid(who) + "," + CORP_USERS;
    Entry written = corp.server.getEntry(corpDn);
    if (written == null || !title.equals(written.getAttributeValue("title"))) {
      throw new IllegalStateException("CORP does not have the new title: " + written);
    }
    Sample ci = run("CORP", "DI", ResultCodes.SUCCESS, s ->
        expect("CORP confirming import staged", 1, s.staging().changes()));
    expectWork("CORP", 1, 0, 0);
    Sample cs = run("CORP", "DS", ResultCodes.SUCCESS, s ->
        expect("CORP delta sync connectors", 1,
            s.inbound().connectorFlow() + s.inbound().connectorNoFlow()));
    expectWork("CORP", 0, 0, 0);
    expectWork("HR", 0, 0, 0);
    return new Round(List.of(di, ds, e, ci, cs));
  }

  // ------------------------------------------------------------------ running and checking

  /** Time in one run: wall, inside the connector, committing to the store. */
  record Sample(long wall, long connector, long store, long rows, long gc) {
    long engine() {
      return wall - connector - store;
    }
  }

  record Row(String step, long objects, Sample sample) {}

  record Round(List<Sample> steps) {
    long total() {
      return steps.stream().mapToLong(Sample::wall).sum();
    }
  }

  private Sample run(String ma, String profile, String expected, Consumer<StepDetails> check) {
    connectorTimer.nanos = 0;
    store.reset();
    long gc = gcNanos();
    long t = System.nanoTime();
    RunResult result = engine.run(ma, profile);
    long wall = System.nanoTime() - t;
    Sample sample = new Sample(wall, connectorTimer.nanos, store.commitNanos, store.rows,
        gcNanos() - gc);
    RunDetails details = engine.runDetails(ma, result.runNumber().orElseThrow(() ->
        new IllegalStateException(ma + " " + profile + " did not start: " + result.result()
            + "; refusals " + engine.refusals()))).orElseThrow();
    StepDetails step = details.steps().getLast();
    if (!expected.equals(result.result()) || !expected.equals(step.result())
        || !step.errors().isEmpty()) {
      throw new IllegalStateException(ma + " " + profile + " ended '" + result.result()
          + "' (expected '" + expected + "'): " + step);
    }
    check.accept(step);
    return sample;
  }

  private void expectWork(String ma, long staged, long pendingExports, long unconfirmed) {
    PartitionWork w = engine.pendingWork(ma).partitions().getFirst();
    if (w.stagedImports().orElse(-1) != staged || w.pendingExports().orElse(-1) != pendingExports
        || w.unconfirmedExports().orElse(-1) != unconfirmed) {
      throw new IllegalStateException(ma + ": expected " + staged + " staged, " + pendingExports
          + " pending exports, " + unconfirmed + " unconfirmed; found " + w);
    }
  }

  private static void expect(String what, long expected, long actual) {
    if (expected != actual) {
      throw new IllegalStateException(what + ": expected " + expected + ", got " + actual);
    }
  }

  // ------------------------------------------------------------------ reporting

  /** The first rows of the N-object table: from an empty CORP to a confirmed one. */
  private static final int PROVISIONING_STEPS = 5;

  private static void printFull(List<Row> rows, Sample corpFi) {
    System.out.printf(Locale.ROOT, "%-37s %9s %10s %11s %12s %9s %9s %10s %7s%n",
        "N-object step", "objects", "wall ms", "objects/s", "connector ms", "store ms",
        "engine ms", "rows", "GC ms");
    Sample total = new Sample(0, 0, 0, 0, 0);
    for (int i = 0; i < rows.size(); i++) {
      Row r = rows.get(i);
      Sample s = r.sample();
      System.out.printf(Locale.ROOT,
          "%-37s %,9d %,10.0f %,11.0f %,12.0f %,9.0f %,9.0f %,10d %,7.0f%n", r.step(),
          r.objects(), ms(s.wall()), r.objects() / secs(s.wall()), ms(s.connector()),
          ms(s.store()), ms(s.engine()), s.rows(), ms(s.gc()));
      if (i < PROVISIONING_STEPS) {
        total = new Sample(total.wall() + s.wall(), total.connector() + s.connector(),
            total.store() + s.store(), total.rows() + s.rows(), total.gc() + s.gc());
      }
      if (i == PROVISIONING_STEPS - 1) {
        System.out.printf(Locale.ROOT,
            "%-37s %9s %,10.0f %11s %,12.0f %,9.0f %,9.0f %,10d %,7.0f%n",
            "  HR to CORP, all five", "", ms(total.wall()), "", ms(total.connector()),
            ms(total.store()), ms(total.engine()), total.rows(), ms(total.gc()));
      }
    }
    System.out.printf(Locale.ROOT, "(before these: CORP full import of the empty directory,"
        + " %.0f ms)%n", ms(corpFi.wall()));
    System.out.println("connector = inside the LDAP connector (client and in-memory server);"
        + " store = H2 commits; engine = the rest (staging, sync, export bookkeeping, history);"
        + " GC = collector pauses during the step, whichever part they hit");
  }

  private static void printRounds(List<Round> rounds) {
    String[] names = {"HR delta import", "HR delta sync", "CORP export", "CORP delta import"
        + " (confirming)", "CORP delta sync"};
    System.out.printf(Locale.ROOT, "%nOne-object round, %d rounds (ms)%n", rounds.size());
    System.out.printf(Locale.ROOT, "%-32s %8s %8s %8s %8s | %9s %8s %9s%n", "step", "median",
        "p90", "max", "round 1", "connector", "store", "engine");
    for (int i = 0; i < names.length; i++) {
      int step = i;
      long[] wall = rounds.stream().mapToLong(r -> r.steps().get(step).wall()).toArray();
      long[] conn = rounds.stream().mapToLong(r -> r.steps().get(step).connector()).toArray();
      long[] st = rounds.stream().mapToLong(r -> r.steps().get(step).store()).toArray();
      long[] eng = rounds.stream().mapToLong(r -> r.steps().get(step).engine()).toArray();
      System.out.printf(Locale.ROOT, "%-32s %8.2f %8.2f %8.2f %8.2f | %9.2f %8.2f %9.2f%n",
          names[i], pct(wall, 50), pct(wall, 90), pct(wall, 100), ms(wall[0]), pct(conn, 50),
          pct(st, 50), pct(eng, 50));
    }
    long[] totals = rounds.stream().mapToLong(Round::total).toArray();
    System.out.printf(Locale.ROOT, "%-32s %8.2f %8.2f %8.2f %8.2f%n", "whole round", pct(totals,
        50), pct(totals, 90), pct(totals, 100), ms(totals[0]));
    System.out.println("(connector, store, engine: medians of each part)");
  }

  private static double pct(long[] values, int p) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, i)] / 1e6;
  }

  private static double ms(long nanos) {
    return nanos / 1e6;
  }

  private static double secs(long nanos) {
    return nanos / 1e9;
  }

  private static double mb(long bytes) {
    return bytes / (1024.0 * 1024.0);
  }

  /** Time the JVM's collectors have paused the application so far. */
  private static long gcNanos() {
    long millis = 0;
    for (var bean : ManagementFactory.getGarbageCollectorMXBeans()) {
      millis += Math.max(0, bean.getCollectionTime());
    }
    return millis * 1_000_000;
  }

  private static long heapAfterGc() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  private static long folderSize(Path folder) throws IOException {
    try (Stream<Path> files = Files.walk(folder)) {
      return files.filter(Files::isRegularFile).mapToLong(p -> {
        try {
          return Files.size(p);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }).sum();
    }
  }

  private static void deleteRecursively(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  // ------------------------------------------------------------------ test data

  private static String employeeNumber(int i) {
    return Integer.toString(100_000 + i);
  }

  private static String surname(int i) {
    return SURNAMES[i % SURNAMES.length] + i; // unique, so that every uid (and CORP DN) is
  }

  private static String uid(int i) {
    return (GIVEN[i % GIVEN.length] + "." + surname(i)).toLowerCase(Locale.ROOT);
  }

  private static Entry person(int i) {
    String given = GIVEN[i % GIVEN.length];
    String sn = surname(i);
    return new Entry("employeeNumber=" + employeeNumber(i) + "," + HR_PEOPLE,
        new Attribute("objectClass", "top", "person", "organizationalPerson", "inetOrgPerson"),
        new Attribute("employeeNumber", employeeNumber(i)),
        new Attribute("givenName", given),
        new Attribute("sn", sn),
        new Attribute("cn", given + " " + sn),
        new Attribute("title", TITLES[i % TITLES.length]),
        new Attribute("departmentNumber", "D" + (i % 100)));
  }

  // ------------------------------------------------------------------ the directories

  /** An in-memory LDAP directory on loopback with a change log. */
  static final class Directory implements AutoCloseable {
    final InMemoryDirectoryServer server;

    Directory(String base, String container, int maxChangeLogEntries) throws LDAPException {
      InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig(base);
      config.addAdditionalBindCredentials("cn=admin", "secret");
      config.setMaxChangeLogEntries(maxChangeLogEntries);
      config.setListenerConfigs(InMemoryListenerConfig.createLDAPConfig("ldap",
          InetAddress.getLoopbackAddress(), 0, null));
      server = new InMemoryDirectoryServer(config);
      server.startListening();
      String[] rdn = base.substring(0, base.indexOf(',') < 0 ? base.length()
          : base.indexOf(',')).split("=");
      server.add(new Entry(base,
          new Attribute("objectClass", "top", rdn[0].equals("o") ? "organization" : "domain"),
          new Attribute(rdn[0], rdn[1])));
      server.add(new Entry(container + "," + base,
          new Attribute("objectClass", "top", "organizationalUnit"),
          new Attribute("ou", container.substring(3))));
    }

    int port() {
      return server.getListenPort();
    }

    int count(String containerDn) throws LDAPException {
      return server.search(containerDn, SearchScope.ONE, "(objectClass=inetOrgPerson)")
          .getEntryCount();
    }

    @Override
    public void close() {
      server.shutDown(true);
    }
  }

  // ------------------------------------------------------------------ timing wrappers

  /** Adds up the time spent inside connectors (the engine calls them one at a time here). */
  static final class ConnectorTimer {
    volatile long nanos;

    ConnectorFactory wrap(ConnectorFactory factory) {
      ConnectorTimer timer = this;
      return new ConnectorFactory() {
        @Override
        public String type() {
          return factory.type();
        }

        @Override
        public List<String> options() {
          return factory.options();
        }

        @Override
        public List<String> validate(Map<String, String> options) {
          return factory.validate(options);
        }

        @Override
        public Connector create(Map<String, String> options, ConnectorContext context) {
          return new TimedConnector(factory.create(options, context), timer);
        }
      };
    }
  }

  /** A connector that adds the time of every call to a {@link ConnectorTimer}. */
  record TimedConnector(Connector delegate, ConnectorTimer timer) implements Connector {
    @Override
    public DeltaSupport deltaSupport() {
      return delegate.deltaSupport();
    }

    @Override
    public String currentWatermark(String partition) throws ConnectorException {
      long t = System.nanoTime();
      try {
        return delegate.currentWatermark(partition);
      } finally {
        timer.nanos += System.nanoTime() - t;
      }
    }

    @Override
    public void fullImport(String partition, Consumer<ImportItem> sink)
        throws ConnectorException {
      long t = System.nanoTime();
      try {
        delegate.fullImport(partition, sink);
      } finally {
        timer.nanos += System.nanoTime() - t;
      }
    }

    @Override
    public String deltaImport(String partition, String watermark, Consumer<ImportItem> sink)
        throws ConnectorException {
      long t = System.nanoTime();
      try {
        return delegate.deltaImport(partition, watermark, sink);
      } finally {
        timer.nanos += System.nanoTime() - t;
      }
    }

    @Override
    public List<ExportResult> export(String partition, List<ExportChange> changes)
        throws ConnectorException {
      long t = System.nanoTime();
      try {
        return delegate.export(partition, changes);
      } finally {
        timer.nanos += System.nanoTime() - t;
      }
    }

    @Override
    public void close() {
      delegate.close();
    }
  }

  /** A store that times its commits and counts the rows they write. */
  static final class TimedStore implements EngineStore {
    private final EngineStore delegate;
    long loadNanos;
    long commitNanos;
    long rows;

    TimedStore(EngineStore delegate) {
      this.delegate = delegate;
    }

    void reset() {
      commitNanos = 0;
      rows = 0;
    }

    @Override
    public void load(EngineData data) {
      long t = System.nanoTime();
      delegate.load(data);
      loadNanos = System.nanoTime() - t;
    }

    @Override
    public void commit(EngineData.Changes changes) {
      long t = System.nanoTime();
      rows += changes.cs.size() + changes.csDeleted.size() + changes.mv.size()
          + changes.mvDeleted.size() + changes.watermarks.size() + changes.runs.size()
          + changes.counters.size();
      try {
        delegate.commit(changes);
      } finally {
        commitNanos += System.nanoTime() - t;
      }
    }

    @Override
    public void close() {
      delegate.close();
    }
  }
}
