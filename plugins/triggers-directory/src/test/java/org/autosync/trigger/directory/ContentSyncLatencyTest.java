package org.autosync.trigger.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.controls.ContentSyncState;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.autosync.testkit.ldap.Slapd;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How long a write takes to reach {@link ContentSyncSession.Listener#changed}: one modify at a
 * time on another connection, timed from just before the modify is sent to the callback. Prints
 * p50/p99/max (see the test's output file under target/surefire-reports); fails only when a
 * change does not arrive at all.
 */
@Tag("slapd")
class ContentSyncLatencyTest {

  static final int WARM_UP = 20;
  static final int MODIFIES = 200;

  @TempDir
  Path dir;

  @Test
  void measures_write_to_callback_latency_on_the_data_database_and_the_accesslog()
      throws Exception {
    Slapd.assumeInstalled();
    try (Slapd slapd = Slapd.start(dir); LDAPConnection admin = slapd.admin()) {
      String ann = "uid=ann," + Slapd.PEOPLE;
      admin.add(ann, new Attribute("objectClass", "inetOrgPerson"), new Attribute("uid", "ann"),
          new Attribute("cn", "ann"), new Attribute("sn", "ann"));
      report("data database", measure(slapd, admin, ann, Slapd.SUFFIX, "(objectClass=*)",
          List.of("1.1")));
      report("accesslog", measure(slapd, admin, ann, Slapd.ACCESSLOG,
          ContentSyncSessionTest.LOG_FILTER, ContentSyncSessionTest.LOG_ATTRIBUTES));
    }
  }

  private static Samples measure(Slapd slapd, LDAPConnection admin, String dn, String base,
      String filter, List<String> attributes) throws Exception {
    BlockingQueue<Long> arrivals = new LinkedBlockingQueue<>();
    RecordingSyncListener listener = new RecordingSyncListener() {
      @Override
      public void changed(SearchResultEntry entry, ContentSyncState state) {
        arrivals.add(System.nanoTime());
      }
    };
    List<Long> nanos = new ArrayList<>();
    List<Long> roundTrips = new ArrayList<>();
    try (LDAPConnection connection = slapd.admin()) {
      ContentSyncSession session = ContentSyncSession.start(connection, base, SearchScope.SUB,
          Filter.create(filter), null, attributes, listener);
      try {
        listener.awaitRefresh();
        for (int i = 0; i < WARM_UP + MODIFIES; i++) {
          long sent = System.nanoTime();
          modify(admin, dn, i);
          long answered = System.nanoTime();
          Long arrived = arrivals.poll(10, TimeUnit.SECONDS);
          assertNotNull(arrived, "modify #" + i + " did not arrive");
          if (i >= WARM_UP) {
            nanos.add(arrived - sent);
            roundTrips.add(answered - sent);
          }
        }
        assertEquals(0, arrivals.size(), "one change per modify");
      } finally {
        session.close();
      }
    }
    return new Samples(nanos, roundTrips);
  }

  /** Write to callback, and the modify's own round trip for comparison, in nanoseconds. */
  record Samples(List<Long> toCallback, List<Long> modifyRoundTrip) {}

  private static void modify(LDAPConnection admin, String dn, int i) throws LDAPException {
    admin.modify(dn, new Modification(ModificationType.REPLACE, "description", "v" + i));
  }

  private static void report(String what, Samples samples) {
    List<Long> sorted = samples.toCallback().stream().sorted().toList();
    List<Long> modify = samples.modifyRoundTrip().stream().sorted().toList();
    System.out.printf(Locale.ROOT, "content sync, %s: %d modifies, write -> changed(): p50 %.2f ms,"
        + " p99 %.2f ms, max %.2f ms (the modify's own round trip: p50 %.2f ms, p99 %.2f ms)%n",
        what, sorted.size(), millis(sorted, 0.50), millis(sorted, 0.99), sorted.getLast() / 1e6,
        millis(modify, 0.50), millis(modify, 0.99));
  }

  private static double millis(List<Long> sorted, double quantile) {
    int index = (int) Math.ceil(quantile * sorted.size()) - 1;
    return sorted.get(Math.max(0, index)) / 1e6;
  }
}
