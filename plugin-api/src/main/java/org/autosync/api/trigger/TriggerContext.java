package org.autosync.api.trigger;

import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;
import org.autosync.api.ExecutionRequest;
import org.autosync.api.engine.ManagementAgent;
import org.slf4j.Logger;

/**
 * What the host gives a trigger: a way to fire requests, and its logger, clock, scheduler, state,
 * the MA's description and secret resolution.
 *
 * <p><b>Threading:</b> thread-safe; every method may be called from any thread and returns
 * quickly ({@link #fire} only queues).
 */
public interface TriggerContext {

  /** The trigger's configuration. */
  TriggerConfig config();

  /**
   * Hands a request to the controller, which queues (or coalesces) it. The host records the
   * request as coming from this trigger (keeping the source's detail text, if any). A request for
   * another MA than {@link #managementAgent()} is refused: logged and reported, never thrown, so
   * that a listener thread is not killed by it. After {@link Trigger#stop}, fires are ignored.
   */
  void fire(ExecutionRequest request);

  /** The MA this trigger serves, as the engine describes it (partitions, category, hints). */
  ManagementAgent managementAgent();

  /** A logger whose messages carry this trigger's id and MA. */
  Logger log();

  /**
   * Reports the trigger's health; the host shows the latest report in status. A trigger that
   * connects in the background reports {@code STARTING} from {@code start} and {@code HEALTHY}
   * once connected; one that reports nothing is shown healthy once {@code start} returns. A
   * {@code FAILED} report makes the host stop the trigger and start a new instance with backoff.
   */
  void reportHealth(TriggerHealth health);

  /** The host's time source; use it instead of the system clock. */
  InstantSource clock();

  /** The host's scheduler, running on {@link #clock()}. Tasks are cancelled when the trigger stops. */
  Scheduler scheduler();

  /** Persisted state private to this trigger. */
  StateStore state();

  /**
   * Resolves a secret reference such as {@code ${env:LDAP_PASSWORD}} or {@code ${file:/run/secret}};
   * a value that is not a reference is returned as it is. Never log the result.
   *
   * @throws IllegalArgumentException naming the reference when it cannot be resolved
   */
  String resolveSecret(String reference);

  /**
   * When the MA last finished a run with an import step, as far as the host knows; empty when
   * unknown. A trigger that skips work because an import ran recently must treat "unknown" as
   * "long ago" and fire, so that no change is dropped for lack of knowledge.
   *
   * <p>The default knows nothing; hosts that keep run history override it.
   */
  default Optional<Instant> lastImport() {
    return Optional.empty();
  }
}
