package org.autosync.host.trigger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RestartPolicyTest {

  @Test
  void the_defaults_double_from_one_second_up_to_five_minutes() {
    RestartPolicy policy = RestartPolicy.defaults();

    assertEquals(Duration.ofSeconds(1), policy.delay(1, 0.0));
    assertEquals(Duration.ofSeconds(2), policy.delay(2, 0.0));
    assertEquals(Duration.ofSeconds(256), policy.delay(9, 0.0));
    assertEquals(Duration.ofMinutes(5), policy.delay(10, 0.0));
    assertEquals(Duration.ofMinutes(5), policy.delay(10_000, 0.0), "no overflow");
  }

  @Test
  void jitter_only_lengthens_the_delay_and_never_past_the_maximum() {
    RestartPolicy policy = RestartPolicy.defaults();

    assertEquals(Duration.ofMillis(1100), policy.delay(1, 1.0));
    assertEquals(Duration.ofMillis(1050), policy.delay(1, 0.5));
    assertEquals(Duration.ofMinutes(5), policy.delay(20, 0.99));
  }

  @Test
  void without_jitter_delays_are_exact() {
    RestartPolicy policy =
        RestartPolicy.exponential(Duration.ofMillis(100), 3.0, Duration.ofSeconds(2));

    assertEquals(
        java.util.List.of(100L, 300L, 900L, 2000L),
        IntStream.rangeClosed(1, 4).mapToObj(n -> policy.delay(n, 0.7).toMillis()).toList());
  }

  @Test
  void settings_are_checked() {
    assertThrows(IllegalArgumentException.class,
        () -> new RestartPolicy(Duration.ZERO, 2.0, Duration.ofMinutes(1), 0.0));
    assertThrows(IllegalArgumentException.class,
        () -> new RestartPolicy(Duration.ofSeconds(1), 0.5, Duration.ofMinutes(1), 0.0));
    assertThrows(IllegalArgumentException.class,
        () -> new RestartPolicy(Duration.ofMinutes(2), 2.0, Duration.ofMinutes(1), 0.0));
    assertThrows(IllegalArgumentException.class,
        () -> new RestartPolicy(Duration.ofSeconds(1), 2.0, Duration.ofMinutes(1), 1.5));
    assertThrows(IllegalArgumentException.class, () -> RestartPolicy.defaults().delay(0, 0.0));
  }
}
