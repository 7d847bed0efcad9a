package org.autosync.api.engine;

/**
 * What a synchronization step did to the connector space of one target MA.
 *
 * <p>Immutable and thread-safe.
 */
public record OutboundFlowCounters(
    long provisionedAddFlow,
    long provisionedAddNoFlow,
    long provisionedRenameFlow,
    long provisionedRenameNoFlow,
    long provisionedDisconnect,
    long provisionedDeleteAddFlow,
    long provisionedDeleteAddNoFlow,
    long connectorFlow,
    long connectorNoFlow) {

  public static final OutboundFlowCounters NONE = new OutboundFlowCounters(0, 0, 0, 0, 0, 0, 0, 0, 0);

  public OutboundFlowCounters {
    Counters.requireNonNegative(provisionedAddFlow, provisionedAddNoFlow, provisionedRenameFlow,
        provisionedRenameNoFlow, provisionedDisconnect, provisionedDeleteAddFlow,
        provisionedDeleteAddNoFlow, connectorFlow, connectorNoFlow);
  }

  /** Export flow changed {@code n} existing connectors of the target. */
  public static OutboundFlowCounters connectorFlow(long n) {
    return new OutboundFlowCounters(0, 0, 0, 0, 0, 0, 0, n, 0);
  }

  /** Provisioning created {@code n} connectors in the target, with attribute flow. */
  public static OutboundFlowCounters provisionedAdds(long n) {
    return new OutboundFlowCounters(n, 0, 0, 0, 0, 0, 0, 0, 0);
  }

  /**
   * Whether the target has new pending exports: any provisioned change, disconnect or connector
   * flow (connector-no-flow excluded).
   */
  public boolean hasChanges() {
    return changes() > 0;
  }

  /** The sum of the counters that imply pending exports. */
  public long changes() {
    return provisionedAddFlow + provisionedAddNoFlow + provisionedRenameFlow
        + provisionedRenameNoFlow + provisionedDisconnect + provisionedDeleteAddFlow
        + provisionedDeleteAddNoFlow + connectorFlow;
  }
}
