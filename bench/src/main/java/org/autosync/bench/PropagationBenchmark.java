package org.autosync.bench;

import com.unboundid.ldap.sdk.AsyncRequestID;
import com.unboundid.ldap.sdk.AsyncSearchResultListener;
import com.unboundid.ldap.sdk.Control;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchResultReference;
import com.unboundid.ldap.sdk.SearchScope;
import java.io.Serial;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.autosync.host.ServiceLauncher;
import org.autosync.host.controller.ControllerEvent;
import org.autosync.host.demo.DemoDirectories;
import org.autosync.host.demo.DemoLab;
import org.autosync.lab.ChangeNotificationEmulator;

/**
 * End-to-end propagation in the demo lab: a title changed in HR over LDAP, until the Corp
 * directory holds it - through the HR trigger, HR's delta import and sync, Corp's export - with the
 * lab's own configuration (HR watched through its change log every 200 ms) or with HR polled by a
 * 1-minute interval trigger instead. Arrival in Corp is seen through an AD change-notification
 * search on Corp (no polling), so the times are write → export landed.
 *
 * <pre>
 * java ... PropagationBenchmark PLUGINS_FOLDER [change|interval] [changes] [spacingMillis]
 * </pre>
 *
 * <p>With {@code change} (default) each change waits for the previous one to land, then 100 ms;
 * with {@code interval} changes are spaced by {@code spacingMillis} (default 3000) give or take
 * half, at random, without waiting - a minute's trigger batches what came in meanwhile.
 */
public final class PropagationBenchmark {

  private PropagationBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path plugins = Path.of(args[0]);
    String mode = args.length > 1 ? args[1] : "change";
    int changes = args.length > 2 ? Integer.parseInt(args[2]) : 100;
    long spacing = args.length > 3 ? Long.parseLong(args[3]) : 3000;
    Path work = Files.createTempDirectory("autosync-propagation");
    try (DemoDirectories directories = DemoDirectories.start(0, 0)) {
      Path config = DemoLab.writeConfig(work, directories);
      if (mode.equals("interval")) {
        String text = Files.readString(config);
        int from = text.indexOf("      - id: hr-changelog");
        int to = text.indexOf("  CORP:");
        text = text.substring(0, from) + "      - {id: hr-every-minute, type: interval,"
            + " interval: 1m, firstFire: afterInterval}\n" + text.substring(to);
        Files.writeString(config, text);
      }
      try (ServiceLauncher lab = ServiceLauncher.start(config, plugins, work.resolve("data"));
          LDAPConnection hr = new LDAPConnection("127.0.0.1", directories.hrPort(),
              DemoDirectories.ADMIN, DemoDirectories.PASSWORD);
          LDAPConnection corpCount = new LDAPConnection("127.0.0.1", directories.corpPort());
          LDAPConnection corpWatch = new LDAPConnection("127.0.0.1", directories.corpPort())) {
        DemoLab.initialFullImports(lab.service());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (corpCount.search(DemoDirectories.CORP_USERS, SearchScope.ONE, "(objectClass=*)")
            .getEntryCount() < 50) {
          if (System.nanoTime() > deadline) {
            throw new IllegalStateException("Corp never got its 50 users");
          }
          Thread.sleep(100); // benchmark set-up only, not a measurement
        }
        Thread.sleep(3000); // let the first cycle's follow-ups settle (set-up)
        Map<String, Long> landed = new ConcurrentHashMap<>();
        SearchRequest watch = new SearchRequest(new Landing(landed), DemoDirectories.CORP_USERS,
            SearchScope.ONE, "(objectClass=*)", "title");
        watch.addControl(new Control(ChangeNotificationEmulator.NOTIFICATION_OID, true));
        watch.setResponseTimeoutMillis(0);
        AsyncRequestID watching = corpWatch.asyncSearch(watch);

        AtomicInteger runs = new AtomicInteger();
        AutoCloseable counting = lab.service().controller().events().subscribe(event -> {
          if (event.type() == ControllerEvent.Type.RUN_STARTED) {
            runs.incrementAndGet();
          }
        });
        SplittableRandom random = new SplittableRandom(42);
        long[] written = new long[changes];
        String[] values = new String[changes];
        long started = System.nanoTime();
        for (int i = 0; i < changes; i++) {
          String dn = "employeeNumber=" + (1000 + i % 50) + "," + DemoDirectories.HR_PEOPLE;
          values[i] = "Title " + i + " " + mode;
          written[i] = System.nanoTime();
          hr.modify(dn, new Modification(ModificationType.REPLACE, "title", values[i]));
          if (mode.equals("change")) {
            await(landed, values[i], Duration.ofSeconds(30));
            Thread.sleep(100);
          } else {
            Thread.sleep(spacing / 2 + random.nextLong(spacing));
          }
        }
        for (String value : values) {
          await(landed, value, Duration.ofMinutes(3));
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        counting.close();
        corpWatch.abandon(watching);
        long[] latency = new long[changes];
        for (int i = 0; i < changes; i++) {
          latency[i] = landed.get(values[i]) - written[i];
        }
        Arrays.sort(latency);
        System.out.printf(Locale.ROOT, "%-8s %3d changes in %6.1f s: HR -> Corp p50 %8.1f ms,"
                + " p90 %8.1f ms, p99 %8.1f ms, max %8.1f ms; %d runs (%.1f per change)%n",
            mode, changes, seconds, pct(latency, 50), pct(latency, 90), pct(latency, 99),
            latency[changes - 1] / 1e6, runs.get(), runs.get() / (double) changes);
      }
    }
  }

  private static void await(Map<String, Long> landed, String value, Duration limit)
      throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    synchronized (landed) {
      while (!landed.containsKey(value)) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new IllegalStateException("'" + value + "' never reached Corp");
        }
        landed.wait(Math.max(1, left / 1_000_000));
      }
    }
  }

  private static double pct(long[] sorted, int p) {
    int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, index)] / 1e6;
  }

  /** Records when each title value arrived in Corp. */
  private static final class Landing implements AsyncSearchResultListener {
    @Serial
    private static final long serialVersionUID = 1L;
    private final transient Map<String, Long> landed;

    Landing(Map<String, Long> landed) {
      this.landed = landed;
    }

    @Override
    public void searchEntryReturned(SearchResultEntry entry) {
      long now = System.nanoTime();
      String title = entry.getAttributeValue("title");
      if (title != null) {
        synchronized (landed) {
          landed.putIfAbsent(title, now);
          landed.notifyAll();
        }
      }
    }

    @Override
    public void searchReferenceReturned(SearchResultReference reference) {}

    @Override
    public void searchResultReceived(AsyncRequestID id, SearchResult result) {}
  }
}
