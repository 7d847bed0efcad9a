package org.autosync.testkit;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;
import org.autosync.api.ExecutionRequest;
import org.autosync.api.RequestSource;
import org.autosync.api.engine.ManagementAgent;
import org.autosync.api.trigger.Scheduler;
import org.autosync.api.trigger.StateStore;
import org.autosync.api.trigger.TriggerConfig;
import org.autosync.api.trigger.TriggerContext;
import org.autosync.api.trigger.TriggerHealth;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link TriggerContext} for trigger tests that records what the trigger fires and reports, on a
 * {@link ManualClock} and {@link ManualScheduler}. {@link TriggerTestKit} creates one for you; build
 * one yourself to call {@link org.autosync.api.trigger.Trigger#start} by hand.
 *
 * <pre>{@code
 * var context = new RecordingTriggerContext(config, ma)
 *     .withSecret("${env:LDAP_PASSWORD}", "s3cret");
 * trigger.start(context);
 * context.manualScheduler().advance(Duration.ofMinutes(1));
 * List<ExecutionRequest> fired = context.awaitFired(1, Duration.ofSeconds(5));
 * }</pre>
 *
 * <p>Like the host, {@link #fire} fills in the request's source with {@code
 * RequestSource.trigger(<config id>, "")} when the trigger left the default source, and refuses
 * (with {@link IllegalArgumentException}) requests for another MA. Secret references ({@code
 * ${env:NAME}}, {@code ${file:path}}) resolve only to values given with {@link #withSecret}; other
 * text is returned as it is. {@link #lastImport()} is unknown (empty) until the test sets it with
 * {@link #setLastImport}.
 *
 * <p><b>Threading:</b> thread-safe, as the host's context is; the trigger may fire and report from
 * any thread while the test reads or waits.
 */
public final class RecordingTriggerContext implements TriggerContext {

  private static final Pattern REFERENCE = Pattern.compile("\\$\\{(env|file):[^}]+}");
  private static final Pattern REFERENCE_LIKE = Pattern.compile("\\$\\{[^}]*}");
  private static final RequestSource DEFAULT_SOURCE =
      ExecutionRequest.ofProfile("x", "x").source();

  private final TriggerConfig config;
  private final ManagementAgent ma;
  private final ManualScheduler manualScheduler;
  private final TrackingScheduler scheduler;
  private final StateStore state;
  private final Logger log;
  private final Map<String, String> secrets = new ConcurrentHashMap<>();
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final List<ExecutionRequest> fired = new ArrayList<>();
  private final List<TriggerHealth> health = new ArrayList<>();
  private volatile @Nullable Instant lastImport;

  /** A context on a new {@link ManualClock} at {@link ManualClock#DEFAULT_START}, with empty state. */
  public RecordingTriggerContext(TriggerConfig config, ManagementAgent ma) {
    this(config, ma, new ManualScheduler(new ManualClock(ManualClock.DEFAULT_START)),
        new InMemoryStateStore());
  }

  /** A context on a given scheduler (and its clock) and state store. */
  public RecordingTriggerContext(TriggerConfig config, ManagementAgent ma,
      ManualScheduler scheduler, StateStore state) {
    this.config = Objects.requireNonNull(config, "config");
    this.ma = Objects.requireNonNull(ma, "ma");
    this.manualScheduler = Objects.requireNonNull(scheduler, "scheduler");
    this.state = Objects.requireNonNull(state, "state");
    this.scheduler = new TrackingScheduler(scheduler, config.id());
    this.log = LoggerFactory.getLogger("org.autosync.trigger." + config.id());
    if (!config.ma().equals(ma.name())) {
      throw new IllegalArgumentException("Trigger '" + config.id() + "' is configured for MA '"
          + config.ma() + "' but the context serves '" + ma.name() + "'");
    }
  }

  /**
   * Makes {@code reference}, such as {@code ${env:LDAP_PASSWORD}} or {@code ${file:/run/pw}},
   * resolve to {@code value}.
   */
  public RecordingTriggerContext withSecret(String reference, String value) {
    Objects.requireNonNull(value, "value");
    if (!REFERENCE.matcher(Objects.requireNonNull(reference, "reference")).matches()) {
      throw new IllegalArgumentException("'" + reference
          + "' is not a secret reference; expected ${env:NAME} or ${file:path}");
    }
    secrets.put(reference, value);
    return this;
  }

  // ---- TriggerContext ----

  @Override
  public TriggerConfig config() {
    return config;
  }

  @Override
  public void fire(ExecutionRequest request) {
    Objects.requireNonNull(request, "request");
    if (!request.ma().equals(ma.name())) {
      throw new IllegalArgumentException("Trigger '" + config.id() + "' fired " + request
          + " for MA '" + request.ma() + "', but it serves '" + ma.name() + "'");
    }
    ExecutionRequest filled = request.source().equals(DEFAULT_SOURCE)
        ? request.withSource(RequestSource.trigger(config.id(), ""))
        : request;
    lock.lock();
    try {
      fired.add(filled);
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public ManagementAgent managementAgent() {
    return ma;
  }

  @Override
  public Logger log() {
    return log;
  }

  @Override
  public void reportHealth(TriggerHealth report) {
    Objects.requireNonNull(report, "health");
    lock.lock();
    try {
      health.add(report);
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public ManualClock clock() {
    return manualScheduler.clock();
  }

  /**
   * The trigger's view of {@link #manualScheduler()}: the tasks scheduled through it are cancelled
   * by {@link #cancelTasks()}.
   */
  @Override
  public Scheduler scheduler() {
    return scheduler;
  }

  @Override
  public StateStore state() {
    return state;
  }

  @Override
  public String resolveSecret(String reference) {
    Objects.requireNonNull(reference, "reference");
    String value = secrets.get(reference);
    if (value != null) {
      return value;
    }
    if (REFERENCE_LIKE.matcher(reference).matches()) {
      throw new IllegalArgumentException("Cannot resolve secret reference '" + reference
          + "': no value was given for it (RecordingTriggerContext.withSecret)");
    }
    return reference;
  }

  /** What {@link #setLastImport} last set; empty (unknown) until then. */
  @Override
  public Optional<Instant> lastImport() {
    return Optional.ofNullable(lastImport);
  }

  // ---- what the test sets ----

  /**
   * Sets what {@link #lastImport()} answers: when the MA last finished a run with an import step;
   * null for unknown.
   */
  public RecordingTriggerContext setLastImport(@Nullable Instant value) {
    this.lastImport = value;
    return this;
  }

  // ---- what the test reads ----

  /** The scheduler the test moves time with. */
  public ManualScheduler manualScheduler() {
    return manualScheduler;
  }

  /** Every request fired so far, oldest first, with its source filled in. */
  public List<ExecutionRequest> fired() {
    lock.lock();
    try {
      return List.copyOf(fired);
    } finally {
      lock.unlock();
    }
  }

  /** Forgets the requests fired so far. */
  public void clearFired() {
    lock.lock();
    try {
      fired.clear();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Blocks until at least {@code count} requests have been fired.
   *
   * @return the requests fired
   * @throws AssertionError listing what was fired when the time is up
   */
  public List<ExecutionRequest> awaitFired(int count, Duration timeout) {
    lock.lock();
    try {
      if (!Awaits.await(changed, () -> fired.size() >= count, timeout, count + " requests")) {
        throw new AssertionError("Expected trigger '" + config.id() + "' to fire " + count
            + " requests within " + timeout + ", but it fired " + fired.size() + ": " + fired);
      }
      return List.copyOf(fired);
    } finally {
      lock.unlock();
    }
  }

  /** Every health report so far, oldest first. */
  public List<TriggerHealth> healthReports() {
    lock.lock();
    try {
      return List.copyOf(health);
    } finally {
      lock.unlock();
    }
  }

  /** The latest health report; empty when the trigger reported none. */
  public Optional<TriggerHealth> lastHealth() {
    lock.lock();
    try {
      return health.isEmpty() ? Optional.empty() : Optional.of(health.getLast());
    } finally {
      lock.unlock();
    }
  }

  /**
   * Blocks until the trigger reports a health in {@code state}.
   *
   * @return that report
   * @throws AssertionError listing the reports when the time is up
   */
  public TriggerHealth awaitHealth(TriggerHealth.State state, Duration timeout) {
    lock.lock();
    try {
      if (!Awaits.await(changed, () -> health.stream().anyMatch(h -> h.state() == state),
          timeout, "health " + state)) {
        throw new AssertionError("Expected trigger '" + config.id() + "' to report " + state
            + " within " + timeout + "; it reported " + health);
      }
      return health.stream().filter(h -> h.state() == state).findFirst().orElseThrow();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Cancels every task scheduled through {@link #scheduler()}; tasks scheduled afterwards are
   * ignored with a warning, as the host does for a stopped trigger.
   */
  public void cancelTasks() {
    scheduler.cancelAll();
  }

  /** How many tasks scheduled through {@link #scheduler()} are still waiting. */
  public int scheduledTaskCount() {
    return scheduler.liveCount();
  }

  @Override
  public String toString() {
    return "RecordingTriggerContext['" + config.id() + "' on '" + ma.name() + "']";
  }
}
