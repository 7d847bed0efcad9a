package org.autosync.engine.embedded.sync;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.autosync.api.engine.ResultCodes;
import org.autosync.api.engine.RunError;
import org.autosync.engine.embedded.config.EngineModel;
import org.autosync.engine.embedded.config.Expression;
import org.autosync.engine.embedded.model.CsObject;
import org.autosync.engine.embedded.model.CsObject.ExportOp;
import org.autosync.engine.embedded.model.CsObject.ImportOp;
import org.autosync.engine.embedded.model.EngineData;
import org.autosync.engine.embedded.model.Images;
import org.autosync.engine.embedded.model.MvObject;
import org.autosync.engine.embedded.sync.StepRecorder.Inbound;
import org.autosync.engine.embedded.sync.StepRecorder.Outbound;

/**
 * Synchronizes one partition of an MA into the metaverse (ENGINE.md §2, synchronization). For
 * each object, in order: a staged delete disconnects it and the metaverse deletion rule decides the
 * metaverse object's fate; a disconnector joins or projects, or remains; a connector's import flows
 * update the metaverse with precedence per attribute; when the metaverse object changed,
 * provisioning creates, renames or deprovisions objects in target MAs and export flows stage
 * pending exports on every linked object; success applies the staged image to the hologram.
 * Per-object problems are sync errors: the object keeps its staged change for the next sync.
 *
 * <p>Runs under the engine's data lock.
 */
public final class Synchronizer {

  private final EngineData data;
  private final EngineModel model;
  private final EngineModel.Ma ma;
  private final StepRecorder rec;

  public Synchronizer(EngineData data, EngineModel model, EngineModel.Ma ma, StepRecorder rec) {
    this.data = data;
    this.model = model;
    this.ma = ma;
    this.rec = rec;
  }

  /** Synchronizes the partition; returns the step's result code. */
  public String run(String partition, boolean full) {
    Set<CsObject> work = new LinkedHashSet<>(full ? data.inPartition(ma.name(), partition)
        : data.withPendingImport(ma.name(), partition));
    if (!full) {
      for (CsObject cs : data.idleDisconnectors(ma.name(), partition)) {
        if (canJoinOrProject(cs)) {
          work.add(cs); // normal disconnectors are retried by every sync
        }
      }
    }
    boolean errors = false;
    for (CsObject cs : work) {
      if (data.cs(cs.id) == cs && !process(cs, full)) {
        errors = true;
      }
    }
    return errors ? ResultCodes.COMPLETED_SYNC_ERRORS : ResultCodes.SUCCESS;
  }

  private boolean canJoinOrProject(CsObject cs) {
    EngineModel.Type type = ma.type(cs.objectType).orElse(null);
    return type != null && type.mvType() != null && (!type.join().isEmpty() || type.project());
  }

  /** Processes one object; false on a sync error. */
  private boolean process(CsObject cs, boolean full) {
    EngineModel.Type type = ma.type(cs.objectType).orElse(null);
    if (cs.pendingImport == ImportOp.DELETE) {
      deleted(cs);
      return true;
    }
    if (cs.pendingImport == ImportOp.DELETE_ADD && cs.isConnector()) {
      disconnect(cs, true);
      rec.count(Inbound.CONNECTOR_DELETE_ADD_PROCESSED);
    }
    if (type == null || type.mvType() == null) {
      applyImport(cs);
      return true;
    }
    if (cs.importedSinceExport && !cs.unconfirmed.isEmpty()) {
      rec.error(RunError.Phase.IMPORT, "exported-change-not-reimported", cs.dn,
          "exported values did not come back: " + cs.unconfirmed);
      cs.notReimported.putAll(cs.unconfirmed);
      cs.unconfirmed.clear();
      cs.importedSinceExport = false;
      data.touch(cs);
      applyImport(cs);
      return false;
    }
    MvObject mv;
    boolean changed;
    if (!cs.isConnector()) {
      List<Long> candidates = joinCandidates(cs, type);
      if (candidates.size() > 1) {
        rec.error(RunError.Phase.IMPORT, "ambiguous-import-flow-from-multiple-connectors",
            cs.dn, "the join rules match " + candidates.size() + " metaverse objects: "
                + candidates);
        rec.count(Inbound.DISCONNECTOR_REMAINS);
        return false;
      }
      if (candidates.size() == 1) {
        mv = data.mv(candidates.getFirst());
        link(cs, mv);
        changed = importFlow(cs, type, mv);
        rec.count(changed ? Inbound.DISCONNECTOR_JOINED_FLOW : Inbound.DISCONNECTOR_JOINED_NO_FLOW);
      } else if (type.project()) {
        mv = data.newMvObject(type.mvType());
        link(cs, mv);
        importFlow(cs, type, mv);
        changed = true;
        rec.count(mv.attributes.isEmpty() ? Inbound.DISCONNECTOR_PROJECTED_NO_FLOW
            : Inbound.DISCONNECTOR_PROJECTED_FLOW);
      } else {
        rec.count(Inbound.DISCONNECTOR_REMAINS);
        applyImport(cs);
        return true;
      }
    } else {
      mv = data.mv(cs.mvId);
      if (mv == null) {
        cs.mvId = null; // its metaverse object went away meanwhile; retry as a disconnector
        data.touch(cs);
        return process(cs, full);
      }
      changed = importFlow(cs, type, mv);
      rec.count(changed ? Inbound.CONNECTOR_FLOW : Inbound.CONNECTOR_NO_FLOW);
    }
    if (changed) {
      data.touch(mv);
    }
    applyImport(cs);
    if (changed || full) {
      outbound(mv);
    }
    return true;
  }

  private void applyImport(CsObject cs) {
    if (cs.pendingImport != null) {
      cs.hologram = cs.pendingImage;
      cs.pendingImport = null;
      cs.pendingImage = Map.of();
      data.touch(cs);
    }
  }

  private List<Long> joinCandidates(CsObject cs, EngineModel.Type type) {
    if (type.join().isEmpty()) {
      return List.of();
    }
    Map<String, List<String>> image = cs.currentImage();
    Set<Long> result = null;
    for (Map.Entry<String, String> condition : type.join().entrySet()) {
      Set<Long> matches = new HashSet<>();
      for (String value : image.getOrDefault(condition.getKey(), List.of())) {
        matches.addAll(data.mvWith(type.mvType(), condition.getValue(), value));
      }
      if (result == null) {
        result = matches;
      } else {
        result.retainAll(matches);
      }
    }
    List<Long> candidates = new ArrayList<>();
    for (Long id : result) {
      boolean alreadyJoinedHere = data.connectorsOf(id).stream()
          .anyMatch(c -> c.ma.equals(ma.name()));
      if (!alreadyJoinedHere) {
        candidates.add(id);
      }
    }
    candidates.sort(null);
    return candidates;
  }

  private void link(CsObject cs, MvObject mv) {
    cs.mvId = mv.id;
    data.touch(cs);
  }

  /** Flows the object's image into the metaverse; true when a metaverse value changed. */
  private boolean importFlow(CsObject cs, EngineModel.Type type, MvObject mv) {
    Map<String, List<String>> image = cs.currentImage();
    boolean changed = false;
    for (Map.Entry<String, Expression> flow : type.importFlows().entrySet()) {
      String attribute = flow.getKey();
      String contributor = mv.contributors.get(attribute);
      if (contributor != null && !contributor.equals(ma.name())
          && precedence(contributor) < ma.precedence() && mv.attributes.containsKey(attribute)) {
        continue; // a higher-precedence MA owns this attribute
      }
      List<String> values = Images.values(
          flow.getValue().evaluate(a -> image.getOrDefault(a, List.of())));
      if (values.isEmpty()) {
        if (mv.attributes.containsKey(attribute)) {
          mv.attributes.remove(attribute);
          mv.contributors.remove(attribute);
          changed = true;
        }
      } else if (!values.equals(mv.values(attribute))) {
        mv.attributes.put(attribute, values);
        mv.contributors.put(attribute, ma.name());
        changed = true;
      } else if (!ma.name().equals(contributor)) {
        mv.contributors.put(attribute, ma.name());
        data.touch(mv);
      }
    }
    return changed;
  }

  private int precedence(String maName) {
    return model.ma(maName).map(EngineModel.Ma::precedence).orElse(Integer.MAX_VALUE);
  }

  /** A staged delete: disconnect, apply the deletion rule, forget the object. */
  private void deleted(CsObject cs) {
    if (cs.isConnector()) {
      boolean removed = disconnect(cs, false);
      rec.count(removed ? Inbound.CONNECTOR_DELETE_REMOVE_MV : Inbound.CONNECTOR_DELETE_LEAVE_MV);
    }
    data.remove(cs);
  }

  /**
   * Disconnects a connector whose object is gone from its system and applies the metaverse
   * deletion rule; true when the metaverse object was deleted.
   */
  private boolean disconnect(CsObject cs, boolean keepObject) {
    MvObject mv = data.mv(cs.mvId);
    cs.mvId = null;
    data.touch(cs);
    if (mv == null) {
      return false;
    }
    EngineModel.MvType mvType = model.metaverse().get(mv.type);
    List<CsObject> others = data.connectorsOf(mv.id);
    boolean delete = mvType != null && !mvType.deleteWhenDisconnectedFrom().isEmpty()
        ? mvType.deleteWhenDisconnectedFrom().contains(ma.name())
        : others.isEmpty();
    if (delete) {
      for (CsObject other : others) {
        deprovision(other);
      }
      data.remove(mv);
      return true;
    }
    boolean recalled = mv.contributors.values().removeIf(ma.name()::equals);
    if (recalled) {
      mv.attributes.keySet().retainAll(mv.contributors.keySet());
      data.touch(mv);
      outbound(mv);
    }
    return false;
  }

  /** Provisioning and export flow for a metaverse object that changed. */
  private void outbound(MvObject mv) {
    Set<Long> created = new HashSet<>();
    for (EngineModel.Ma target : model.mas()) {
      for (EngineModel.Type type : target.types().values()) {
        if (type.provision() == null || !mv.type.equals(type.mvType())) {
          continue;
        }
        CsObject existing = data.connectorsOf(mv.id).stream()
            .filter(c -> c.ma.equals(target.name()) && c.objectType.equals(type.name()))
            .findFirst().orElse(null);
        boolean wanted = type.provision().when().stream()
            .allMatch(a -> !mv.values(a).isEmpty());
        List<String> dnValues = type.provision().dn().evaluate(mv::values);
        if (wanted && dnValues.isEmpty()) {
          rec.error(RunError.Phase.MV_RETRY, "provisioning-dn-incomplete", mv.toString(),
              "the DN template of '" + target.name() + "' " + type.name()
                  + " names an attribute without a value");
          continue;
        }
        if (wanted && existing == null) {
          CsObject cs = provision(mv, target, type, dnValues.getFirst());
          created.add(cs.id);
        } else if (wanted && existing.provisioned) {
          rename(existing, dnValues.getFirst(), target.name());
        } else if (!wanted && existing != null && existing.provisioned) {
          deprovision(existing);
        }
      }
    }
    for (CsObject cs : data.connectorsOf(mv.id)) {
      if (!created.contains(cs.id)) {
        exportFlow(mv, cs);
      }
    }
  }

  private CsObject provision(MvObject mv, EngineModel.Ma target, EngineModel.Type type,
      String dn) {
    String partition = type.provision().partition();
    CsObject existing = data.csByDn(target.name(), dn);
    if (existing != null && !existing.isConnector() && existing.pendingExport == null
        && existing.objectType.equals(type.name())) {
      // The object is already there as a disconnector: adopt it instead of adding a duplicate.
      existing.mvId = mv.id;
      existing.provisioned = true;
      data.touch(existing);
      exportFlow(mv, existing);
      return existing;
    }
    CsObject cs = data.newCsObject(target.name(), partition, dn, null, type.name());
    cs.mvId = mv.id;
    cs.provisioned = true;
    cs.pendingExport = ExportOp.ADD;
    for (Map.Entry<String, Expression> flow : type.exportFlows().entrySet()) {
      List<String> values = Images.values(flow.getValue().evaluate(mv::values));
      if (!values.isEmpty()) {
        cs.pendingExportValues.put(flow.getKey(), values);
      }
    }
    List<String> anchor = cs.pendingExportValues.get(type.anchor());
    if (anchor != null && !anchor.isEmpty()
        && data.csByAnchor(target.name(), partition, anchor.getFirst()) == null) {
      cs.anchor = anchor.getFirst();
    }
    data.touch(cs);
    rec.count(target.name(), cs.pendingExportValues.isEmpty()
        ? Outbound.PROVISIONED_ADD_NO_FLOW : Outbound.PROVISIONED_ADD_FLOW);
    return cs;
  }

  private void rename(CsObject cs, String dn, String targetMa) {
    String current = cs.pendingExport == ExportOp.RENAME && cs.pendingNewDn != null
        ? cs.pendingNewDn : cs.dn;
    if (Images.normalizeDn(current).equals(Images.normalizeDn(dn))) {
      return;
    }
    if (cs.pendingExport == ExportOp.ADD) {
      cs.dn = dn; // not written yet: the add simply goes to the new DN
    } else {
      cs.pendingExport = ExportOp.RENAME;
      cs.pendingNewDn = dn;
    }
    data.touch(cs);
    rec.count(targetMa, Outbound.PROVISIONED_RENAME_FLOW);
  }

  /** Removes a connector from its metaverse object as its type says: delete it, or let it be. */
  private void deprovision(CsObject cs) {
    EngineModel.Type type = model.ma(cs.ma).flatMap(m -> m.type(cs.objectType)).orElse(null);
    boolean deletes = cs.provisioned && type != null && type.provision() != null
        && type.deprovisionDeletes();
    Long mvId = cs.mvId;
    cs.mvId = null;
    rec.count(cs.ma, Outbound.PROVISIONED_DISCONNECT);
    if (deletes) {
      if (cs.pendingExport == ExportOp.ADD) {
        data.remove(cs); // never written: nothing to delete in the system
        removeIfOrphaned(mvId);
        return;
      }
      cs.pendingExport = ExportOp.DELETE;
      cs.pendingExportValues.clear();
      cs.pendingNewDn = null;
    } else {
      cs.provisioned = false;
    }
    data.touch(cs);
    removeIfOrphaned(mvId);
  }

  /** Under the last-connector rule, a metaverse object left without connectors goes. */
  private void removeIfOrphaned(Long mvId) {
    MvObject mv = mvId == null ? null : data.mv(mvId);
    if (mv == null || !data.connectorsOf(mvId).isEmpty()) {
      return;
    }
    EngineModel.MvType mvType = model.metaverse().get(mv.type);
    if (mvType == null || mvType.deleteWhenDisconnectedFrom().isEmpty()) {
      data.remove(mv);
    }
  }

  /** Stages export flow changes on one connector; counts them for its MA. */
  private void exportFlow(MvObject mv, CsObject cs) {
    EngineModel.Type type = model.ma(cs.ma).flatMap(m -> m.type(cs.objectType)).orElse(null);
    if (type == null || type.exportFlows().isEmpty() || cs.pendingExport == ExportOp.DELETE) {
      return;
    }
    boolean changed = false;
    for (Map.Entry<String, Expression> flow : type.exportFlows().entrySet()) {
      String attribute = flow.getKey();
      List<String> desired = Images.values(flow.getValue().evaluate(mv::values));
      List<String> rejected = cs.notReimported.get(attribute);
      if (rejected != null && Images.values(rejected).equals(desired)) {
        continue; // the system did not keep this value last time; do not loop on it
      }
      if (!Images.values(cs.expected(attribute)).equals(desired)) {
        cs.pendingExportValues.put(attribute, desired);
        cs.notReimported.remove(attribute);
        if (cs.pendingExport == null) {
          cs.pendingExport = ExportOp.UPDATE;
        }
        changed = true;
      }
    }
    if (changed) {
      data.touch(cs);
    }
    rec.count(cs.ma, changed ? Outbound.CONNECTOR_FLOW : Outbound.CONNECTOR_NO_FLOW);
  }
}
