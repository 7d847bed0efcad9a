/**
 * Time-based triggers: {@code interval} (every N, optionally only when no import ran lately),
 * {@code cron} (a cron expression in a time zone, DST-safe, with catch-up after downtime) and
 * {@code start-interval} (a start time plus a multiple of an interval, on the wall clock).
 *
 * <p>The public types are the three pf4j extensions; everything else is package-private. Each
 * trigger does all its work on the context's scheduler thread: {@code start} computes the first
 * fire time and schedules it, each wake-up fires (if due) and schedules the next.
 *
 * <h2>Wall-clock rules shared by {@code cron} and {@code start-interval}</h2>
 *
 * <ul>
 *   <li>Fire times are wall-clock times in the configured zone. Each matching wall-clock time fires
 *       once, at the instant {@link java.time.ZonedDateTime#ofLocal} gives it: a time that does not
 *       exist because clocks spring forward moves forward by the length of the gap (02:30 becomes
 *       03:30 summer time); a time that occurs twice because clocks fall back fires at its first
 *       occurrence (02:30 summer time), never at the second.
 *   <li>The next fire time is computed again from {@code context.clock()} at every wake-up, and the
 *       trigger wakes at least every {@value WallClockTrigger#MAX_SLEEP_MINUTES} minutes, so that a
 *       clock correction is noticed. A fire time is used once: after the clock goes back, times
 *       already fired are not fired again; after it jumps forward over several fire times, the
 *       trigger fires once.
 *   <li>The last fire time handled is kept in the trigger's state; after a restart, if fire times
 *       passed meanwhile, the trigger fires once at start ({@code catchUp}, on by default).
 * </ul>
 */
@NullMarked
package org.autosync.trigger.schedule;

import org.jspecify.annotations.NullMarked;
