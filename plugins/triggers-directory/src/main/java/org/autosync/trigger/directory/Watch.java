package org.autosync.trigger.directory;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.LDAPException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.autosync.api.engine.ManagementAgent;
import org.autosync.api.engine.Partition;
import org.autosync.api.trigger.ConfigProblem;
import org.autosync.api.trigger.ParameterDescriptor;
import org.autosync.api.trigger.ParameterType;
import org.autosync.api.trigger.ParameterValues;
import org.autosync.api.trigger.RunTarget;
import org.autosync.api.trigger.TriggerConfig;
import org.jspecify.annotations.Nullable;

/**
 * The parameters every watching directory trigger shares besides the connection ({@link
 * Endpoint}): the base DN, batching, reconnect backoff and what to run - and how they are read,
 * with the MA's connection hints filling in a missing base DN and the partition found from it.
 *
 * <p>Immutable and thread-safe.
 *
 * @param baseDn only changes at or under it count
 * @param quietPeriod zero, or the window that batches bursts (see {@link ChangeBatcher})
 * @param fireFirst whether the first change of a quiet window fires at once
 * @param maxBackoff the longest wait between reconnect attempts
 * @param target what to run, with the partition of {@code baseDn} filled in
 */
record Watch(DN baseDn, Duration quietPeriod, boolean fireFirst, Duration maxBackoff,
    RunTarget target) {

  static final String BASE_DN = "baseDn";
  static final String QUIET_PERIOD = "quietPeriod";
  static final String FIRE_FIRST_CHANGE = "fireFirstChange";
  static final String MAX_RECONNECT_DELAY = "maxReconnectDelay";

  /** The parameters of every watching trigger type: endpoint, watch, run target. */
  static List<ParameterDescriptor> parameters(List<ParameterDescriptor> typeSpecific) {
    List<ParameterDescriptor> all = new ArrayList<>(Endpoint.PARAMETERS);
    all.add(ParameterDescriptor.optional(BASE_DN, ParameterType.STRING, null,
        "Only changes to entries at or under this DN fire; default the MA's baseDn hint"));
    all.addAll(typeSpecific);
    all.add(ParameterDescriptor.optional(QUIET_PERIOD, ParameterType.DURATION, "0s",
        "Batch bursts: changes within this period after a fire fire once at its end; 0s = off"));
    all.add(ParameterDescriptor.optional(FIRE_FIRST_CHANGE, ParameterType.BOOLEAN, "true",
        "With a quiet period: whether the first change fires at once or waits for the period"));
    all.add(ParameterDescriptor.optional(MAX_RECONNECT_DELAY, ParameterType.DURATION, "1m",
        "The longest wait between reconnect attempts (they start at 1s and double)"));
    all.addAll(RunTarget.PARAMETERS);
    return List.copyOf(all);
  }

  /** Adds the problems across the shared parameters (as written) to {@code problems}. */
  static void check(Map<String, String> values, List<ConfigProblem> problems) {
    Endpoint.check(values, problems);
    String baseDn = values.get(BASE_DN);
    if (baseDn != null && (baseDn.isBlank() || !DN.isValidDN(baseDn))) {
      problems.add(new ConfigProblem(BASE_DN,
          "must be a valid, non-empty DN such as ou=people,o=corp; got '" + baseDn + "'"));
    }
    String bindDn = values.get(Endpoint.BIND_DN);
    if (bindDn != null && !bindDn.contains("@") && !DN.isValidDN(bindDn)) {
      problems.add(new ConfigProblem(Endpoint.BIND_DN,
          "must be a valid DN (or user@domain for AD); got '" + bindDn + "'"));
    }
    String quiet = values.get(QUIET_PERIOD);
    if (quiet != null && problems.stream().noneMatch(p -> p.field().equals(QUIET_PERIOD))
        && ParameterValues.parseDuration(quiet).isNegative()) {
      problems.add(new ConfigProblem(QUIET_PERIOD, "must not be negative"));
    }
    String max = values.get(MAX_RECONNECT_DELAY);
    if (max != null && problems.stream().noneMatch(p -> p.field().equals(MAX_RECONNECT_DELAY))
        && ParameterValues.parseDuration(max).compareTo(WatchingTrigger.INITIAL_BACKOFF) < 0) {
      problems.add(new ConfigProblem(MAX_RECONNECT_DELAY, "must be at least 1s, got '" + max
          + "'"));
    }
    RunTarget.check(values, problems);
  }

  /** Adds a problem when the LDAP filter in {@code field} (if set) does not parse. */
  static void checkFilter(Map<String, String> values, String field,
      List<ConfigProblem> problems) {
    String filter = values.get(field);
    if (filter != null) {
      try {
        com.unboundid.ldap.sdk.Filter.create(filter);
      } catch (LDAPException e) {
        problems.add(new ConfigProblem(field, "is not a valid LDAP filter (" + e.getMessage()
            + "); expected for example (objectClass=inetOrgPerson)"));
      }
    }
  }

  /**
   * The watch a validated configuration names for {@code ma}.
   *
   * @throws IllegalArgumentException when neither the configuration nor the MA's hints give a
   *     base DN
   */
  static Watch from(TriggerConfig config, ManagementAgent ma) {
    String text = config.value(BASE_DN).orElse(ma.connectionHints().get(BASE_DN));
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("Trigger '" + config.id() + "' has no " + BASE_DN
          + ": set it; the MA '" + ma.name() + "' gives no baseDn hint");
    }
    DN baseDn;
    try {
      baseDn = new DN(text.strip());
    } catch (LDAPException e) {
      throw new IllegalArgumentException("Trigger '" + config.id() + "': " + BASE_DN
          + " is not a valid DN: '" + text + "'", e);
    }
    return new Watch(baseDn,
        config.value(QUIET_PERIOD).map(ParameterValues::parseDuration).orElse(Duration.ZERO),
        config.value(FIRE_FIRST_CHANGE).map(ParameterValues::parseBoolean).orElse(true),
        config.value(MAX_RECONNECT_DELAY).map(ParameterValues::parseDuration)
            .orElse(Duration.ofMinutes(1)),
        partitionOf(RunTarget.from(config), ma, baseDn));
  }

  /**
   * A profile type without a partition runs on the partition that holds {@code baseDn} (the one
   * with the longest DN at or above it) when the MA has several; otherwise as configured.
   */
  static RunTarget partitionOf(RunTarget target, ManagementAgent ma, DN baseDn) {
    if (target.type() == null || target.partition() != null || ma.partitions().size() < 2) {
      return target;
    }
    Partition best = null;
    int bestDepth = -1;
    for (Partition p : ma.partitions()) {
      DN dn = dnOrNull(p.name());
      if (dn == null) {
        dn = dnOrNull(p.id());
      }
      if (dn != null && !dn.isNullDN() && baseDn.isDescendantOf(dn, true)
          && dn.getRDNs().length > bestDepth) {
        best = p;
        bestDepth = dn.getRDNs().length;
      }
    }
    return best == null ? target
        : new RunTarget(null, target.type(), best.name(), target.exclusive(), target.front());
  }

  private static @Nullable DN dnOrNull(String text) {
    try {
      return new DN(text);
    } catch (LDAPException e) {
      return null;
    }
  }
}
