package org.autosync.engine.embedded.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A connector-space object: the engine's picture of one object in a connected system. Mutable;
 * only touched under the engine's data lock, and every change is followed by {@link
 * EngineData#touch}.
 */
public final class CsObject {

  /** What an import staged for the next sync. */
  public enum ImportOp { ADD, UPDATE, RENAME, DELETE, DELETE_ADD }

  /** What the next export writes. */
  public enum ExportOp { ADD, UPDATE, RENAME, DELETE }

  public final long id;
  public final String ma;
  public final String partition;
  public String dn;
  public @Nullable String anchor;
  public String objectType;
  public @Nullable Long mvId;
  /** Whether the object was seen by an import (false for provisioned objects not yet confirmed). */
  public boolean imported;
  /** Whether provisioning created this connector. */
  public boolean provisioned;
  /** The synchronized image: what the last sync applied. */
  public Map<String, List<String>> hologram = Map.of();
  public @Nullable ImportOp pendingImport;
  public Map<String, List<String>> pendingImage = Map.of();
  public @Nullable ExportOp pendingExport;
  public @Nullable String pendingNewDn;
  public Map<String, List<String>> pendingExportValues = new LinkedHashMap<>();
  /** Exported values not yet seen again by an import. */
  public Map<String, List<String>> unconfirmed = new LinkedHashMap<>();
  /**
   * Exported values the connected system did not keep (reported as
   * {@code exported-change-not-reimported}); not exported again until the metaverse value changes.
   */
  public Map<String, List<String>> notReimported = new LinkedHashMap<>();
  /** Whether an import has read the object since the unconfirmed values were exported. */
  public boolean importedSinceExport;
  public @Nullable String exportError;
  public int exportAttempts;

  public CsObject(long id, String ma, String partition, String dn, @Nullable String anchor,
      String objectType) {
    this.id = id;
    this.ma = ma;
    this.partition = partition;
    this.dn = dn;
    this.anchor = anchor;
    this.objectType = objectType;
  }

  /** The image a sync works from: the staged one when there is one, else the hologram. */
  public Map<String, List<String>> currentImage() {
    return pendingImport != null && pendingImport != ImportOp.DELETE ? pendingImage : hologram;
  }

  public boolean isConnector() {
    return mvId != null;
  }

  /** The value the connected system is expected to hold for {@code attribute}. */
  public List<String> expected(String attribute) {
    if (pendingExport != null && pendingExportValues.containsKey(attribute)) {
      return pendingExportValues.get(attribute);
    }
    if (unconfirmed.containsKey(attribute)) {
      return unconfirmed.get(attribute);
    }
    return currentImage().getOrDefault(attribute, List.of());
  }

  @Override
  public String toString() {
    return "'" + ma + "' " + objectType + " '" + dn + "'";
  }
}
