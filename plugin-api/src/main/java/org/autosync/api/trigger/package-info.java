/**
 * The trigger SPI: how plugins tell AutoSync when to import.
 *
 * <p>A {@link org.autosync.api.trigger.TriggerFactory} describes a trigger type as data and creates
 * {@link org.autosync.api.trigger.Trigger}s; each trigger reports through its {@link
 * org.autosync.api.trigger.TriggerContext}.
 *
 * <pre>{@code
 * @Extension
 * public final class EveryMinuteFactory implements TriggerFactory {
 *   public TriggerType type() {
 *     return new TriggerType("every-minute", "Every minute", "Delta import once a minute",
 *         List.of(ParameterDescriptor.optional("profile", ParameterType.STRING, "DeltaImport", "What to run")));
 *   }
 *   public Trigger create(TriggerConfig config) {
 *     return new Trigger() {
 *       private Cancellable task;
 *       public void start(TriggerContext ctx) {
 *         task = ctx.scheduler().scheduleAtFixedRate(Duration.ZERO, Duration.ofMinutes(1),
 *             () -> ctx.fire(ExecutionRequest.ofType(ctx.managementAgent().name(), ProfileType.DELTA_IMPORT)));
 *       }
 *       public void stop() { if (task != null) task.cancel(); }
 *     };
 *   }
 * }
 * }</pre>
 */
@NullMarked
package org.autosync.api.trigger;

import org.jspecify.annotations.NullMarked;
