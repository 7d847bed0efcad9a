package org.autosync.api.engine;

/**
 * What a synchronization step did with the connector-space objects of the MA it ran on, with the
 * seventeen counters of MIM's run history.
 *
 * <p>Immutable and thread-safe.
 */
public record InboundFlowCounters(
    long disconnectorFiltered,
    long disconnectorJoinedNoFlow,
    long disconnectorJoinedFlow,
    long disconnectorJoinedRemoveMv,
    long disconnectorProjectedNoFlow,
    long disconnectorProjectedFlow,
    long disconnectorProjectedRemoveMv,
    long disconnectorRemains,
    long connectorFilteredRemoveMv,
    long connectorFilteredLeaveMv,
    long connectorFlow,
    long connectorFlowRemoveMv,
    long connectorNoFlow,
    long connectorDeleteRemoveMv,
    long connectorDeleteLeaveMv,
    long connectorDeleteAddProcessed,
    long flowFailure) {

  public static final InboundFlowCounters NONE =
      new InboundFlowCounters(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

  public InboundFlowCounters {
    Counters.requireNonNegative(disconnectorFiltered, disconnectorJoinedNoFlow,
        disconnectorJoinedFlow, disconnectorJoinedRemoveMv, disconnectorProjectedNoFlow,
        disconnectorProjectedFlow, disconnectorProjectedRemoveMv, disconnectorRemains,
        connectorFilteredRemoveMv, connectorFilteredLeaveMv, connectorFlow, connectorFlowRemoveMv,
        connectorNoFlow, connectorDeleteRemoveMv, connectorDeleteLeaveMv,
        connectorDeleteAddProcessed, flowFailure);
  }

  /** Whether the metaverse changed: any counter other than no-flow, remains and failure. */
  public boolean hasChanges() {
    return disconnectorFiltered + disconnectorJoinedFlow + disconnectorJoinedNoFlow
            + disconnectorJoinedRemoveMv + disconnectorProjectedFlow + disconnectorProjectedNoFlow
            + disconnectorProjectedRemoveMv + connectorFilteredRemoveMv + connectorFilteredLeaveMv
            + connectorFlow + connectorFlowRemoveMv + connectorDeleteRemoveMv
            + connectorDeleteLeaveMv + connectorDeleteAddProcessed
        > 0;
  }
}
