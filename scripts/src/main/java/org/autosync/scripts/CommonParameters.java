package org.autosync.scripts;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.autosync.api.trigger.ParameterDescriptor;
import org.autosync.api.trigger.ParameterType;
import org.autosync.api.trigger.RunTarget;

/**
 * The parameters every script trigger type has besides its manifest's: how often to poll, how
 * long a call may run, what to do after an error, the default run target, and the grants of the
 * capabilities the manifest asks for.
 *
 * <p>Stateless and thread-safe.
 */
final class CommonParameters {

  static final String INTERVAL = "interval";
  static final String TIMEOUT = "timeout";
  static final String ON_ERROR = "onError";

  static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(30);
  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
  static final Duration MIN_INTERVAL = Duration.ofSeconds(1);
  static final Duration MIN_TIMEOUT = Duration.ofMillis(10);

  /** What a trigger does after a call into its script failed or ran too long. */
  enum OnError {
    /** Stop calling the script (the reference product's {@code terminate}); an edit restarts it. */
    STOP,
    /** Log, then go on after the interval (an event script is started again). */
    RESET;

    String label() {
      return name().toLowerCase(Locale.ROOT);
    }

    static OnError parse(String text) {
      return valueOf(text.strip().toUpperCase(Locale.ROOT));
    }
  }

  private CommonParameters() {}

  /** The common parameters, then the grants of {@code capabilities}. */
  static List<ParameterDescriptor> forCapabilities(Set<Capability> capabilities,
      boolean grantsRequired) {
    List<ParameterDescriptor> result = new ArrayList<>(List.of(
        ParameterDescriptor.optional(INTERVAL, ParameterType.DURATION, "30s",
            "How long to wait after a poll before the next; with onError: reset, also how long"
                + " to wait before starting a failed event script again; at least 1s"),
        ParameterDescriptor.optional(TIMEOUT, ParameterType.DURATION, "30s",
            "How long one call into the script may run before it is stopped"),
        ParameterDescriptor.oneOf(ON_ERROR, OnError.STOP.label(),
            "After a failed or overlong call: stop calls the script no more (until its file"
                + " changes or the trigger restarts); reset logs it and goes on after the interval",
            Arrays.stream(OnError.values()).map(OnError::label).toList())));
    result.addAll(RunTarget.PARAMETERS);
    for (Capability c : Capability.values()) {
      if (capabilities.contains(c)) {
        result.addAll(c.grantParameters(grantsRequired));
      }
    }
    return result;
  }

  /** Names a manifest's own parameters must not use. */
  static Set<String> reservedNames() {
    return Stream.concat(
            forCapabilities(Set.of(Capability.values()), false).stream()
                .map(ParameterDescriptor::name),
            Stream.of("id", "type"))
        .collect(Collectors.toUnmodifiableSet());
  }
}
