package org.autosync.engine.embedded.sync;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.autosync.api.engine.ResultCodes;
import org.autosync.api.engine.RunError;
import org.autosync.engine.embedded.config.EngineModel;
import org.autosync.engine.embedded.connector.ConnectorEntry;
import org.autosync.engine.embedded.connector.ImportItem;
import org.autosync.engine.embedded.model.CsObject;
import org.autosync.engine.embedded.model.CsObject.ImportOp;
import org.autosync.engine.embedded.model.EngineData;
import org.autosync.engine.embedded.model.Images;
import org.autosync.engine.embedded.sync.StepRecorder.Stage;

/**
 * Stages what an import read into one partition's connector space (ENGINE.md §2, import): each
 * entry is compared with its connector-space object and staged as add, update, rename,
 * delete-add, or no change; unreadable entries, entries without an anchor and duplicate anchors
 * become discovery errors; a full import (or a snapshot delta) ends with obsoletion unless
 * discovery errors occurred. Imports also confirm exported values. Only the connector space is
 * touched, never the metaverse.
 *
 * <p>Runs under the engine's data lock.
 */
public final class Importer {

  /** What kind of import this is. */
  public enum Mode {
    /** Reads everything; counts no-change; obsoletes what was not seen. */
    FULL,
    /** Reads changes since a watermark; deletions come as items. */
    DELTA,
    /** Reads everything but stages only differences (no no-change count); obsoletes. */
    SNAPSHOT_DELTA
  }

  private final EngineData data;
  private final EngineModel.Ma ma;
  private final String partition;
  private final StepRecorder rec;

  public Importer(EngineData data, EngineModel.Ma ma, String partition, StepRecorder rec) {
    this.data = data;
    this.ma = ma;
    this.partition = partition;
    this.rec = rec;
  }

  /** Stages {@code items}; returns the step's result code. */
  public String stage(List<ImportItem> items, Mode mode) {
    Set<Long> seen = new HashSet<>();
    Map<String, String> anchorsAt = new HashMap<>();
    boolean discoveryErrors = false;
    long read = 0;
    for (ImportItem item : items) {
      switch (item) {
        case ImportItem.Unreadable u -> {
          rec.count(Stage.FAILURE);
          rec.error(RunError.Phase.DISCOVERY, "unreadable-entry", u.where(), u.reason());
          discoveryErrors = true;
        }
        case ImportItem.Deleted d -> {
          CsObject cs = d.anchor() != null ? data.csByAnchor(ma.name(), partition, d.anchor())
              : data.csByDn(ma.name(), d.dn());
          if (cs != null && cs.partition.equalsIgnoreCase(partition)) {
            stageDelete(cs);
          }
        }
        case ImportItem.Present p -> {
          read++;
          if (!present(p.entry(), seen, anchorsAt, mode)) {
            discoveryErrors = true;
          }
        }
      }
    }
    if (discoveryErrors) {
      return ResultCodes.COMPLETED_DISCOVERY_ERRORS;
    }
    if (mode != Mode.DELTA) {
      for (CsObject cs : data.inPartition(ma.name(), partition)) {
        if (!seen.contains(cs.id) && cs.imported && cs.pendingImport != ImportOp.DELETE) {
          stageDelete(cs);
        }
      }
      if (read == 0 && mode == Mode.FULL) {
        return ResultCodes.COMPLETED_NO_OBJECTS;
      }
    }
    return ResultCodes.SUCCESS;
  }

  /** Stages one entry; false when it is a discovery error. */
  private boolean present(ConnectorEntry entry, Set<Long> seen, Map<String, String> anchorsAt,
      Mode mode) {
    EngineModel.Type type = ma.type(entry.objectType()).orElse(null);
    if (type == null) {
      return true; // not a type this MA holds: out of scope
    }
    Map<String, List<String>> image = imageOf(entry, type);
    List<String> anchorValues = image.getOrDefault(type.anchor(), List.of());
    if (anchorValues.isEmpty()) {
      rec.count(Stage.FAILURE);
      rec.error(RunError.Phase.DISCOVERY, "missing-anchor", entry.dn(),
          "the anchor attribute '" + type.anchor() + "' has no value");
      return false;
    }
    String anchor = anchorValues.getFirst();
    String firstAt = anchorsAt.putIfAbsent(anchor, entry.dn());
    if (firstAt != null) {
      rec.count(Stage.FAILURE);
      rec.error(RunError.Phase.DISCOVERY, "duplicate-anchor", entry.dn(),
          "anchor '" + anchor + "' was already read for '" + firstAt + "'");
      return false;
    }
    CsObject cs = data.csByAnchor(ma.name(), partition, anchor);
    if (cs == null) {
      CsObject byDn = data.csByDn(ma.name(), entry.dn());
      if (byDn != null && byDn.partition.equalsIgnoreCase(partition)) {
        if (byDn.anchor == null) {
          cs = byDn; // a provisioned object seen for the first time: it now has its anchor
          cs.anchor = anchor;
        } else {
          deleteAdd(byDn, entry, type, anchor, image);
          seen.add(byDn.id);
          return true;
        }
      }
    }
    if (cs == null) {
      cs = data.newCsObject(ma.name(), partition, entry.dn(), anchor, type.name());
      cs.pendingImport = ImportOp.ADD;
      cs.pendingImage = image;
      cs.imported = true;
      rec.count(Stage.ADD);
      data.touch(cs);
      seen.add(cs.id);
      return true;
    }
    seen.add(cs.id);
    boolean wasImported = cs.imported;
    int unconfirmedBefore = cs.unconfirmed.size();
    boolean sinceExportBefore = cs.importedSinceExport;
    confirm(cs, image);
    boolean renamed = !Images.normalizeDn(cs.dn).equals(Images.normalizeDn(entry.dn()));
    // An exported value that did not come back must reach a sync, which reports it.
    boolean changed = !image.equals(cs.currentImage()) || cs.importedSinceExport;
    boolean wasDeleted = cs.pendingImport == ImportOp.DELETE;
    cs.imported = true;
    if (!renamed && !changed && !wasDeleted) {
      if (mode == Mode.FULL) {
        rec.count(Stage.NO_CHANGE);
      }
      if (!wasImported || unconfirmedBefore != cs.unconfirmed.size()
          || sinceExportBefore != cs.importedSinceExport) {
        data.touch(cs); // only what changed is written: an unchanged object costs no commit
      }
      return true;
    }
    cs.dn = entry.dn();
    cs.pendingImage = image;
    if (cs.pendingImport == ImportOp.ADD || cs.pendingImport == ImportOp.DELETE_ADD) {
      rec.count(Stage.UPDATE); // still an add for the sync, with the newer image
    } else if (renamed || cs.pendingImport == ImportOp.RENAME) {
      cs.pendingImport = ImportOp.RENAME;
      rec.count(Stage.RENAME);
    } else if (changed || wasDeleted) {
      if (wasDeleted && !changed && cs.pendingImport == ImportOp.DELETE) {
        cs.pendingImport = null; // obsoleted earlier, back now, unchanged: nothing to do
        cs.pendingImage = java.util.Map.of();
        rec.count(Stage.NO_CHANGE);
      } else {
        cs.pendingImport = ImportOp.UPDATE;
        rec.count(Stage.UPDATE);
      }
    }
    data.touch(cs);
    return true;
  }

  private void deleteAdd(CsObject cs, ConnectorEntry entry, EngineModel.Type type, String anchor,
      Map<String, List<String>> image) {
    cs.anchor = anchor;
    cs.objectType = type.name();
    cs.dn = entry.dn();
    cs.pendingImport = ImportOp.DELETE_ADD;
    cs.pendingImage = image;
    cs.imported = true;
    cs.unconfirmed.clear();
    rec.count(Stage.DELETE_ADD);
    data.touch(cs);
  }

  private void stageDelete(CsObject cs) {
    if (cs.pendingImport == ImportOp.DELETE) {
      return;
    }
    cs.pendingImport = ImportOp.DELETE;
    cs.pendingImage = Map.of();
    rec.count(Stage.DELETE);
    data.touch(cs);
  }

  /** Clears unconfirmed exports whose values came back; notes the ones that did not. */
  private static void confirm(CsObject cs, Map<String, List<String>> image) {
    if (cs.unconfirmed.isEmpty()) {
      return;
    }
    cs.unconfirmed.entrySet().removeIf(e ->
        Images.values(image.getOrDefault(e.getKey(), List.of())).equals(
            Images.values(e.getValue())));
    cs.importedSinceExport = !cs.unconfirmed.isEmpty();
  }

  /** The entry's values for the type's attributes, normalised. */
  static Map<String, List<String>> imageOf(ConnectorEntry entry, EngineModel.Type type) {
    Map<String, List<String>> values = new HashMap<>();
    for (String attribute : type.attributes()) {
      List<String> v = entry.values(attribute);
      if (!v.isEmpty()) {
        values.put(attribute, v);
      }
    }
    return Images.of(values);
  }
}
