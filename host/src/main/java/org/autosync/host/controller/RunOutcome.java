package org.autosync.host.controller;

import java.util.List;
import org.autosync.api.engine.RunDetails;
import org.autosync.api.engine.RunResult;
import org.jspecify.annotations.Nullable;

/**
 * What is known after a run ended: the result, its details, and what was planned from them, all
 * read from the engine off the controller thread.
 *
 * @param result the engine's result
 * @param details the run's details; null when the engine recorded no run or could not say
 * @param followUps requests implied by the details
 * @param breaches staging thresholds breached by the run
 * @param notes things worth an event: what could not be read or evaluated
 * @param error the exception the engine threw, if any
 */
record RunOutcome(
    RunResult result,
    @Nullable RunDetails details,
    List<FollowUpPlanner.Planned> followUps,
    List<String> breaches,
    List<String> notes,
    @Nullable String error) {}
