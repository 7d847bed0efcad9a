package org.autosync.scripts;

import java.time.Duration;
import java.util.concurrent.Executor;

/**
 * What the runtime lends to each script trigger: the shared engines, the watchdog, the pool the
 * triggers' lanes run on, and how often script files are checked for edits.
 */
record ScriptServices(Engines engines, Watchdog watchdog, Executor laneExecutor,
    Duration reloadCheckInterval) {}
