package org.autosync.engine.embedded.sync;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.autosync.api.engine.ResultCodes;
import org.autosync.api.engine.RunError;
import org.autosync.engine.embedded.connector.ExportChange;
import org.autosync.engine.embedded.connector.ExportResult;
import org.autosync.engine.embedded.model.CsObject;
import org.autosync.engine.embedded.model.CsObject.ExportOp;
import org.autosync.engine.embedded.model.EngineData;
import org.autosync.engine.embedded.sync.StepRecorder.Export;

/**
 * Exports one partition's pending exports (ENGINE.md §2, export) in two halves around the
 * connector call, so that the engine's data lock is not held while the connected system works:
 * {@link #prepare} (under the lock) turns pending exports into changes; {@link #apply} (under the
 * lock) records what became of each. A written change moves from pending to unconfirmed; a refused
 * one stays pending with an export error for the next export.
 *
 * <p>Retries converge: an add refused because the object exists is written as an update, and a
 * delete of an object already gone counts as done, so an export repeated after a crash neither
 * duplicates nor fails.
 */
public final class Exporter {

  /** A change to write and the object it comes from. */
  public record Pending(long csId, ExportChange change) {}

  private Exporter() {}

  /** The changes to write, in connector-space order. */
  public static List<Pending> prepare(EngineData data, String ma, String partition) {
    List<Pending> result = new ArrayList<>();
    for (CsObject cs : data.withPendingExport(ma, partition)) {
      result.add(new Pending(cs.id, change(cs)));
    }
    return result;
  }

  private static ExportChange change(CsObject cs) {
    return switch (cs.pendingExport) {
      case ADD -> new ExportChange(ExportChange.Op.ADD, cs.dn, null, cs.objectType,
          nonEmpty(cs.pendingExportValues));
      case UPDATE -> new ExportChange(ExportChange.Op.UPDATE, cs.dn, null, cs.objectType,
          cs.pendingExportValues);
      case RENAME -> new ExportChange(ExportChange.Op.RENAME, cs.dn, cs.pendingNewDn,
          cs.objectType, cs.pendingExportValues);
      case DELETE -> new ExportChange(ExportChange.Op.DELETE, cs.dn, null, cs.objectType,
          Map.of());
    };
  }

  private static Map<String, List<String>> nonEmpty(Map<String, List<String>> values) {
    Map<String, List<String>> result = new LinkedHashMap<>();
    values.forEach((k, v) -> {
      if (!v.isEmpty()) {
        result.put(k, v);
      }
    });
    return result;
  }

  /**
   * Adds that failed because the object exists, as updates to write in a second pass.
   */
  public static List<Pending> retriesAsUpdates(List<Pending> written, List<ExportResult> results) {
    List<Pending> retries = new ArrayList<>();
    for (int i = 0; i < results.size(); i++) {
      ExportChange c = written.get(i).change();
      if (!results.get(i).ok() && c.op() == ExportChange.Op.ADD
          && "entry-already-exists".equals(type(results.get(i)))) {
        retries.add(new Pending(written.get(i).csId(), new ExportChange(ExportChange.Op.UPDATE,
            c.dn(), null, c.objectType(), c.attributes())));
      }
    }
    return retries;
  }

  /** Records what became of each change (results may be a prefix after a connection failure). */
  public static void apply(EngineData data, List<Pending> written, List<ExportResult> results,
      StepRecorder rec) {
    for (int i = 0; i < results.size(); i++) {
      Pending p = written.get(i);
      CsObject cs = data.cs(p.csId());
      if (cs == null) {
        continue;
      }
      ExportResult r = results.get(i);
      ExportChange.Op op = p.change().op();
      boolean goneAlready = !r.ok() && op == ExportChange.Op.DELETE
          && "no-such-object".equals(type(r));
      if (r.ok() || goneAlready) {
        written(data, cs, p.change(), rec);
      } else if (op == ExportChange.Op.ADD && "entry-already-exists".equals(type(r))) {
        continue; // written again as an update in the second pass
      } else {
        cs.exportError = type(r) + ": " + r.detail();
        cs.exportAttempts++;
        data.touch(cs);
        rec.count(Export.FAILURE);
        rec.error(RunError.Phase.EXPORT, type(r), cs.dn, String.valueOf(r.detail()));
      }
    }
  }

  private static void written(EngineData data, CsObject cs, ExportChange change,
      StepRecorder rec) {
    ExportChange.Op op = change.op();
    switch (op) {
      case ADD -> rec.count(Export.ADD);
      case UPDATE -> rec.count(cs.pendingExport == ExportOp.ADD ? Export.ADD : Export.UPDATE);
      case RENAME -> rec.count(Export.RENAME);
      case DELETE -> rec.count(Export.DELETE);
    }
    if (op == ExportChange.Op.DELETE) {
      data.remove(cs);
      return;
    }
    if (op == ExportChange.Op.RENAME && change.newDn() != null) {
      cs.dn = change.newDn();
      if (change.newDn().equals(cs.pendingNewDn)) {
        cs.pendingNewDn = null;
      }
    }
    // Only what was written moves to unconfirmed: a sync may have staged more meanwhile.
    change.attributes().forEach((attribute, values) -> {
      cs.unconfirmed.put(attribute, values);
      if (values.equals(cs.pendingExportValues.get(attribute))) {
        cs.pendingExportValues.remove(attribute);
      }
    });
    if (op == ExportChange.Op.ADD) {
      cs.pendingExportValues.keySet().removeIf(a -> cs.pendingExportValues.get(a).isEmpty());
    }
    boolean renamePending = cs.pendingNewDn != null;
    cs.pendingExport = cs.pendingExportValues.isEmpty() && !renamePending ? null
        : renamePending ? ExportOp.RENAME : ExportOp.UPDATE;
    cs.exportError = null;
    cs.exportAttempts = 0;
    cs.importedSinceExport = false;
    data.touch(cs);
  }

  /** The step's result from what was counted. */
  public static String result(StepRecorder rec) {
    return rec.exported(Export.FAILURE) > 0 ? ResultCodes.COMPLETED_EXPORT_ERRORS
        : ResultCodes.SUCCESS;
  }

  /** Error types compared the same way whatever the connector's spelling. */
  private static String type(ExportResult r) {
    return r.errorType() == null ? "unknown"
        : r.errorType().strip().toLowerCase(Locale.ROOT).replace(' ', '-').replace('_', '-');
  }
}
