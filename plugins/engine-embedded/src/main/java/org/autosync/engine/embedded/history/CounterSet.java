package org.autosync.engine.embedded.history;

import java.util.List;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import org.autosync.api.engine.ExportCounters;
import org.autosync.api.engine.InboundFlowCounters;
import org.autosync.api.engine.OutboundFlowCounters;
import org.autosync.api.engine.StagingCounters;

/**
 * One group of run-history counters: the group element, its children in MIM's order with their
 * {@code @detail} flag, and how the children map to and from a plugin-api counters record.
 *
 * @param element the group element, such as {@code staging-counters}
 * @param counters the children in document order
 * @param create builds the record from values in document order
 */
record CounterSet<T>(String element, List<Counter<T>> counters, Function<long[], T> create) {

  /**
   * One counter element.
   *
   * @param element its name
   * @param detail the {@code @detail} MIM writes: whether it keeps per-object rows for it
   * @param value reads it from the record
   */
  record Counter<T>(String element, boolean detail, ToLongFunction<T> value) {}

  static final CounterSet<StagingCounters> STAGING = new CounterSet<>("staging-counters", List.of(
      new Counter<>("stage-no-change", false, StagingCounters::noChange),
      new Counter<>("stage-add", true, StagingCounters::add),
      new Counter<>("stage-update", true, StagingCounters::update),
      new Counter<>("stage-rename", true, StagingCounters::rename),
      new Counter<>("stage-delete", true, StagingCounters::delete),
      new Counter<>("stage-delete-add", true, StagingCounters::deleteAdd),
      new Counter<>("stage-failure", true, StagingCounters::failure)),
      v -> new StagingCounters(v[0], v[1], v[2], v[3], v[4], v[5], v[6]));

  static final CounterSet<InboundFlowCounters> INBOUND = new CounterSet<>(
      "inbound-flow-counters", List.of(
      new Counter<>("disconnector-filtered", true, InboundFlowCounters::disconnectorFiltered),
      new Counter<>("disconnector-joined-no-flow", true,
          InboundFlowCounters::disconnectorJoinedNoFlow),
      new Counter<>("disconnector-joined-flow", true, InboundFlowCounters::disconnectorJoinedFlow),
      new Counter<>("disconnector-joined-remove-mv", true,
          InboundFlowCounters::disconnectorJoinedRemoveMv),
      new Counter<>("disconnector-projected-no-flow", true,
          InboundFlowCounters::disconnectorProjectedNoFlow),
      new Counter<>("disconnector-projected-flow", true,
          InboundFlowCounters::disconnectorProjectedFlow),
      new Counter<>("disconnector-projected-remove-mv", true,
          InboundFlowCounters::disconnectorProjectedRemoveMv),
      new Counter<>("disconnector-remains", false, InboundFlowCounters::disconnectorRemains),
      new Counter<>("connector-filtered-remove-mv", true,
          InboundFlowCounters::connectorFilteredRemoveMv),
      new Counter<>("connector-filtered-leave-mv", true,
          InboundFlowCounters::connectorFilteredLeaveMv),
      new Counter<>("connector-flow", true, InboundFlowCounters::connectorFlow),
      new Counter<>("connector-flow-remove-mv", true, InboundFlowCounters::connectorFlowRemoveMv),
      new Counter<>("connector-no-flow", true, InboundFlowCounters::connectorNoFlow),
      new Counter<>("connector-delete-remove-mv", true,
          InboundFlowCounters::connectorDeleteRemoveMv),
      new Counter<>("connector-delete-leave-mv", true,
          InboundFlowCounters::connectorDeleteLeaveMv),
      new Counter<>("connector-delete-add-processed", true,
          InboundFlowCounters::connectorDeleteAddProcessed),
      new Counter<>("flow-failure", true, InboundFlowCounters::flowFailure)),
      v -> new InboundFlowCounters(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9],
          v[10], v[11], v[12], v[13], v[14], v[15], v[16]));

  /** Document order differs from the record's order; the constructor below maps it back. */
  static final CounterSet<OutboundFlowCounters> OUTBOUND = new CounterSet<>(
      "outbound-flow-counters", List.of(
      new Counter<>("provisioned-add-no-flow", true, OutboundFlowCounters::provisionedAddNoFlow),
      new Counter<>("provisioned-add-flow", true, OutboundFlowCounters::provisionedAddFlow),
      new Counter<>("provisioned-rename-no-flow", true,
          OutboundFlowCounters::provisionedRenameNoFlow),
      new Counter<>("provisioned-rename-flow", true, OutboundFlowCounters::provisionedRenameFlow),
      new Counter<>("provisioned-disconnect", true, OutboundFlowCounters::provisionedDisconnect),
      new Counter<>("connector-flow", true, OutboundFlowCounters::connectorFlow),
      new Counter<>("connector-no-flow", true, OutboundFlowCounters::connectorNoFlow),
      new Counter<>("provisioned-delete-add-no-flow", true,
          OutboundFlowCounters::provisionedDeleteAddNoFlow),
      new Counter<>("provisioned-delete-add-flow", true,
          OutboundFlowCounters::provisionedDeleteAddFlow)),
      v -> new OutboundFlowCounters(/* add-flow */ v[1], /* add-no-flow */ v[0],
          /* rename-flow */ v[3], /* rename-no-flow */ v[2], /* disconnect */ v[4],
          /* delete-add-flow */ v[8], /* delete-add-no-flow */ v[7], /* connector-flow */ v[5],
          /* connector-no-flow */ v[6]));

  static final CounterSet<ExportCounters> EXPORT = new CounterSet<>("export-counters", List.of(
      new Counter<>("export-add", true, ExportCounters::add),
      new Counter<>("export-update", true, ExportCounters::update),
      new Counter<>("export-rename", true, ExportCounters::rename),
      new Counter<>("export-delete", true, ExportCounters::delete),
      new Counter<>("export-delete-add", true, ExportCounters::deleteAdd),
      new Counter<>("export-failure", true, ExportCounters::failure)),
      v -> new ExportCounters(v[0], v[1], v[2], v[3], v[4], v[5]));

  CounterSet {
    counters = List.copyOf(counters);
  }

  /**
   * Reads the group's counters from its element; a missing counter is 0, as Lithnet's client and
   * the reference notes treat it.
   *
   * @throws IllegalArgumentException if a counter is not a non-negative whole number
   */
  T read(XmlElement group) {
    long[] values = new long[counters.size()];
    for (int i = 0; i < values.length; i++) {
      XmlElement c = group.child(counters.get(i).element());
      values[i] = c == null ? 0 : Numbers.counter(c);
    }
    return create.apply(values);
  }
}
