package org.autosync.lab;

import static org.autosync.lab.LabDirectory.ANN;
import static org.autosync.lab.LabDirectory.PEOPLE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import java.time.Duration;
import java.util.Arrays;
import org.autosync.lab.LabDirectory.Watch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Measures write-to-notification latency: from just before the writer sends a modify to the
 * moment the watcher's listener thread receives the notification. One modify at a time, after a
 * warm-up. Logs the percentiles (see target/surefire-reports); asserts only that every change
 * arrived, in order.
 */
class NotificationLatencyTest {

  private static final Logger log = LoggerFactory.getLogger(NotificationLatencyTest.class);
  private static final int WARM_UP = 20;
  private static final int MEASURED = 100;

  private final LabDirectory lab = LabDirectory.start();

  @AfterEach
  void stop() {
    lab.close();
  }

  @Test
  void modifies_are_notified_in_order_and_the_latency_is_logged() throws Exception {
    Watch watch = lab.notify(PEOPLE, SearchScope.SUB, "description");
    long[] latencies = new long[MEASURED];

    for (int i = 0; i < WARM_UP + MEASURED; i++) {
      long sent = System.nanoTime();
      lab.modify(ANN, "description", "change " + i);
      SearchResultEntry entry = watch.next();
      long received = watch.arrivals.take();
      assertEquals("change " + i, entry.getAttributeValue("description"));
      if (i >= WARM_UP) {
        latencies[i - WARM_UP] = received - sent;
      }
    }

    Arrays.sort(latencies);
    log.info("Notification latency over {} modifies (after {} warm-up): p50 {}, p90 {}, p99 {},"
        + " max {}", MEASURED, WARM_UP, millis(latencies[MEASURED / 2]),
        millis(latencies[MEASURED * 9 / 10]), millis(latencies[MEASURED * 99 / 100]),
        millis(latencies[MEASURED - 1]));
    assertTrue(latencies[0] > 0);
  }

  private static String millis(long nanos) {
    return String.format("%.3f ms", Duration.ofNanos(nanos).toNanos() / 1e6);
  }
}
