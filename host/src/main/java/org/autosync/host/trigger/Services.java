package org.autosync.host.trigger;

import java.time.InstantSource;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;
import java.util.function.Function;
import org.autosync.api.ExecutionRequest;
import org.autosync.api.engine.ManagementAgent;
import org.autosync.api.trigger.Scheduler;

/** What the supervisor shares with every trigger it runs. */
record Services(
    Function<String, ManagementAgent> managementAgents,
    Consumer<ExecutionRequest> sink,
    InstantSource clock,
    Scheduler scheduler,
    SecretResolver secrets,
    TriggerEventListener listener,
    RestartPolicy restartPolicy,
    DoubleSupplier random,
    Function<String, java.util.Optional<java.time.Instant>> lastImport) {}
