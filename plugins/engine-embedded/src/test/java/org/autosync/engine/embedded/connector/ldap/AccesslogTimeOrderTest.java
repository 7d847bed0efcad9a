package org.autosync.engine.embedded.connector.ldap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AccesslogTimeOrderTest {

  @Test
  void orders_reqStart_times_by_the_time_they_name_whatever_the_fraction_digits() {
    List<String> times = new ArrayList<>(List.of("20261126051742.35973Z",
        "20261126051742.359731Z", "20261126051743Z", "20261126051742.359729Z",
        "20261126051741.999999Z", "20261126051742Z", "20261126051742.3597300Z"));
    times.sort(AccesslogFeed.TIME_ORDER);
    assertEquals(List.of("20261126051741.999999Z", "20261126051742Z",
        "20261126051742.359729Z", "20261126051742.35973Z", "20261126051742.3597300Z",
        "20261126051742.359731Z", "20261126051743Z"), times);
    assertEquals(0, AccesslogFeed.TIME_ORDER.compare("20261126051742.35973Z",
        "20261126051742.359730Z"));
  }
}
