/**
 * AutoSync's test kit: fakes and helpers for plugin authors, script authors and AutoSync's own
 * tests.
 *
 * <ul>
 *   <li>{@link org.autosync.testkit.ManualClock} and {@link org.autosync.testkit.ManualScheduler}:
 *       time that moves only when a test moves it;
 *   <li>{@link org.autosync.testkit.FakeEngine}: a sync engine with a small, realistic model of
 *       staged imports, pending and unconfirmed exports, the engine's concurrency rules, run
 *       history, and scripting of individual runs;
 *   <li>{@link org.autosync.testkit.TriggerTestKit} and {@link
 *       org.autosync.testkit.RecordingTriggerContext}: start, drive and stop a trigger plugin in a
 *       unit test;
 *   <li>{@link org.autosync.testkit.ldap.Slapd}: a throwaway OpenLDAP slapd with content sync and
 *       the accesslog, for tests against a real directory server.
 * </ul>
 *
 * <pre>{@code
 * try (RunningTrigger running = TriggerTestKit.start(new IntervalFactory(), Map.of("every", "5m"), ma)) {
 *   running.scheduler().advance(Duration.ofMinutes(5));
 *   assertEquals(1, running.context().fired().size());
 * }
 * }</pre>
 */
@NullMarked
package org.autosync.testkit;

import org.jspecify.annotations.NullMarked;
