package org.autosync.engine.embedded.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.autosync.api.engine.RunDetails;
import org.jspecify.annotations.Nullable;

/**
 * All of the engine's state in memory, with the indexes that keep delta work proportional to the
 * change: connector-space objects by anchor and DN, by partition, and those with pending imports,
 * pending exports or unconfirmed exports; metaverse objects by join attribute value; connectors
 * per metaverse object. Every change goes through {@link #touch} or {@link #remove}, which keep the
 * indexes right and remember what the step must commit.
 *
 * <p>Not thread-safe: the engine holds its data lock around every use.
 */
public final class EngineData {

  private final Map<Long, CsObject> cs = new HashMap<>();
  private final Map<Long, MvObject> mv = new HashMap<>();
  private final Map<String, CsObject> byAnchor = new HashMap<>();
  private final Map<String, CsObject> byDn = new HashMap<>();
  private final Map<String, Set<Long>> byPartition = new HashMap<>();
  private final Map<String, Set<Long>> pendingImports = new HashMap<>();
  private final Map<String, Set<Long>> pendingExports = new HashMap<>();
  private final Map<String, Set<Long>> unconfirmed = new HashMap<>();
  /** Objects with no link, nothing staged and nothing to export: what a delta sync retries. */
  private final Map<String, Set<Long>> idleDisconnectors = new HashMap<>();
  private final Map<Long, Set<Long>> connectorsOfMv = new HashMap<>();
  /** "type|attribute" → value → metaverse ids, for the attributes joins search on. */
  private final Map<String, Map<String, Set<Long>>> mvIndex = new HashMap<>();
  private final Set<String> indexedMvAttributes;
  private final Map<Long, Indexed> csIndexed = new HashMap<>();
  private final Map<Long, Map<String, List<String>>> mvIndexed = new HashMap<>();

  private final Map<String, String> watermarks = new TreeMap<>();
  private final Map<String, Long> lastRunNumbers = new TreeMap<>();
  private final Map<String, Map<Long, RunDetails>> runs = new HashMap<>();
  private long nextCsId = 1;
  private long nextMvId = 1;

  private final Changes changes = new Changes();

  /** What a step changed, to be committed together. */
  public static final class Changes {
    public final Map<Long, CsObject> cs = new LinkedHashMap<>();
    public final Set<Long> csDeleted = new LinkedHashSet<>();
    public final Map<Long, MvObject> mv = new LinkedHashMap<>();
    public final Set<Long> mvDeleted = new LinkedHashSet<>();
    public final Map<String, String> watermarks = new LinkedHashMap<>();
    public final List<RunDetails> runs = new ArrayList<>();
    public final Map<String, Long> counters = new LinkedHashMap<>();

    public boolean isEmpty() {
      return cs.isEmpty() && csDeleted.isEmpty() && mv.isEmpty() && mvDeleted.isEmpty()
          && watermarks.isEmpty() && runs.isEmpty() && counters.isEmpty();
    }

    void clear() {
      cs.clear();
      csDeleted.clear();
      mv.clear();
      mvDeleted.clear();
      watermarks.clear();
      runs.clear();
      counters.clear();
    }
  }

  private record Indexed(String anchorKey, String dnKey, String partitionKey, Long mvId,
      boolean pendingImport, boolean pendingExport, boolean unconfirmed,
      boolean idleDisconnector) {}

  /**
   * @param joinAttributes "metaverseType|attribute" pairs that joins search on
   */
  public EngineData(Set<String> joinAttributes) {
    this.indexedMvAttributes = Set.copyOf(joinAttributes);
    for (String k : indexedMvAttributes) {
      mvIndex.put(k, new HashMap<>());
    }
  }

  // ------------------------------------------------------------ connector space

  public CsObject newCsObject(String ma, String partition, String dn, @Nullable String anchor,
      String objectType) {
    CsObject o = new CsObject(nextCsId++, ma, partition, dn, anchor, objectType);
    changes.counters.put("nextCsId", nextCsId);
    touch(o);
    return o;
  }

  /** Restores an object read from the store (not a change). */
  public void restore(CsObject o) {
    cs.put(o.id, o);
    index(o);
    nextCsId = Math.max(nextCsId, o.id + 1);
  }

  /** Records that {@code o} changed: reindexes it and marks it for the commit. */
  public void touch(CsObject o) {
    cs.put(o.id, o);
    index(o);
    changes.cs.put(o.id, o);
    changes.csDeleted.remove(o.id);
  }

  public void remove(CsObject o) {
    unindex(o.id);
    cs.remove(o.id);
    changes.cs.remove(o.id);
    changes.csDeleted.add(o.id);
  }

  public @Nullable CsObject csByAnchor(String ma, String partition, String anchor) {
    return byAnchor.get(ma + '\0' + partition.toLowerCase(java.util.Locale.ROOT) + '\0' + anchor);
  }

  public @Nullable CsObject csByDn(String ma, String dn) {
    return byDn.get(ma + '\0' + Images.normalizeDn(dn));
  }

  public @Nullable CsObject cs(long id) {
    return cs.get(id);
  }

  /** Objects of a partition, in id order. */
  public List<CsObject> inPartition(String ma, String partition) {
    return sorted(byPartition.get(key(ma, partition)));
  }

  public List<CsObject> withPendingImport(String ma, String partition) {
    return sorted(pendingImports.get(key(ma, partition)));
  }

  /** Disconnectors with nothing staged or pending, which a delta sync retries. */
  public List<CsObject> idleDisconnectors(String ma, String partition) {
    return sorted(idleDisconnectors.get(key(ma, partition)));
  }

  public List<CsObject> withPendingExport(String ma, String partition) {
    return sorted(pendingExports.get(key(ma, partition)));
  }

  public int countPendingImports(String ma, String partition) {
    return size(pendingImports.get(key(ma, partition)));
  }

  public int countPendingExports(String ma, String partition) {
    return size(pendingExports.get(key(ma, partition)));
  }

  public int countUnconfirmed(String ma, String partition) {
    return size(unconfirmed.get(key(ma, partition)));
  }

  public int countInPartition(String ma, String partition) {
    return size(byPartition.get(key(ma, partition)));
  }

  /** Connectors of a metaverse object, in id order. */
  public List<CsObject> connectorsOf(long mvId) {
    return sorted(connectorsOfMv.get(mvId));
  }

  private List<CsObject> sorted(@Nullable Set<Long> ids) {
    if (ids == null) {
      return List.of();
    }
    List<Long> sortedIds = new ArrayList<>(ids);
    sortedIds.sort(null);
    List<CsObject> result = new ArrayList<>(sortedIds.size());
    for (Long id : sortedIds) {
      result.add(cs.get(id));
    }
    return result;
  }

  private static int size(@Nullable Set<Long> ids) {
    return ids == null ? 0 : ids.size();
  }

  private static String key(String ma, String partition) {
    return ma + '\0' + partition.toLowerCase(java.util.Locale.ROOT);
  }

  private void index(CsObject o) {
    unindex(o.id);
    String pk = key(o.ma, o.partition);
    Indexed ix = new Indexed(
        o.anchor == null ? null : pk + '\0' + o.anchor,
        o.ma + '\0' + Images.normalizeDn(o.dn), pk, o.mvId, o.pendingImport != null,
        o.pendingExport != null, !o.unconfirmed.isEmpty(),
        o.mvId == null && o.pendingImport == null && o.pendingExport == null);
    if (ix.anchorKey() != null) {
      byAnchor.put(ix.anchorKey(), o);
    }
    byDn.put(ix.dnKey(), o);
    byPartition.computeIfAbsent(pk, k -> new HashSet<>()).add(o.id);
    if (ix.pendingImport()) {
      pendingImports.computeIfAbsent(pk, k -> new HashSet<>()).add(o.id);
    }
    if (ix.pendingExport()) {
      pendingExports.computeIfAbsent(pk, k -> new HashSet<>()).add(o.id);
    }
    if (ix.unconfirmed()) {
      unconfirmed.computeIfAbsent(pk, k -> new HashSet<>()).add(o.id);
    }
    if (ix.idleDisconnector()) {
      idleDisconnectors.computeIfAbsent(pk, k -> new HashSet<>()).add(o.id);
    }
    if (ix.mvId() != null) {
      connectorsOfMv.computeIfAbsent(ix.mvId(), k -> new HashSet<>()).add(o.id);
    }
    csIndexed.put(o.id, ix);
  }

  private void unindex(long id) {
    Indexed ix = csIndexed.remove(id);
    if (ix == null) {
      return;
    }
    if (ix.anchorKey() != null && byAnchor.get(ix.anchorKey()) != null
        && byAnchor.get(ix.anchorKey()).id == id) {
      byAnchor.remove(ix.anchorKey());
    }
    if (byDn.get(ix.dnKey()) != null && byDn.get(ix.dnKey()).id == id) {
      byDn.remove(ix.dnKey());
    }
    removeFrom(byPartition, ix.partitionKey(), id);
    removeFrom(pendingImports, ix.partitionKey(), id);
    removeFrom(pendingExports, ix.partitionKey(), id);
    removeFrom(unconfirmed, ix.partitionKey(), id);
    removeFrom(idleDisconnectors, ix.partitionKey(), id);
    if (ix.mvId() != null) {
      removeFrom(connectorsOfMv, ix.mvId(), id);
    }
  }

  private static <K> void removeFrom(Map<K, Set<Long>> index, K key, long id) {
    Set<Long> ids = index.get(key);
    if (ids != null) {
      ids.remove(id);
      if (ids.isEmpty()) {
        index.remove(key);
      }
    }
  }

  // ------------------------------------------------------------ metaverse

  public MvObject newMvObject(String type) {
    MvObject o = new MvObject(nextMvId++, type);
    changes.counters.put("nextMvId", nextMvId);
    touch(o);
    return o;
  }

  public void restore(MvObject o) {
    mv.put(o.id, o);
    indexMv(o);
    nextMvId = Math.max(nextMvId, o.id + 1);
  }

  public void touch(MvObject o) {
    mv.put(o.id, o);
    indexMv(o);
    changes.mv.put(o.id, o);
    changes.mvDeleted.remove(o.id);
  }

  public void remove(MvObject o) {
    unindexMv(o.id);
    mv.remove(o.id);
    changes.mv.remove(o.id);
    changes.mvDeleted.add(o.id);
  }

  public @Nullable MvObject mv(long id) {
    return mv.get(id);
  }

  public int mvCount() {
    return mv.size();
  }

  /** Metaverse objects of {@code type} whose {@code attribute} has {@code value}. */
  public Set<Long> mvWith(String type, String attribute, String value) {
    Map<String, Set<Long>> byValue = mvIndex.get(type + '|' + attribute);
    if (byValue == null) {
      throw new IllegalStateException("'" + type + "." + attribute + "' is not indexed");
    }
    return byValue.getOrDefault(value, Set.of());
  }

  private void indexMv(MvObject o) {
    unindexMv(o.id);
    Map<String, List<String>> indexed = new HashMap<>();
    for (Map.Entry<String, List<String>> e : o.attributes.entrySet()) {
      String k = o.type + '|' + e.getKey();
      if (indexedMvAttributes.contains(k)) {
        indexed.put(k, List.copyOf(e.getValue()));
        Map<String, Set<Long>> byValue = mvIndex.computeIfAbsent(k, x -> new HashMap<>());
        for (String v : e.getValue()) {
          byValue.computeIfAbsent(v, x -> new HashSet<>()).add(o.id);
        }
      }
    }
    mvIndexed.put(o.id, indexed);
  }

  private void unindexMv(long id) {
    Map<String, List<String>> indexed = mvIndexed.remove(id);
    if (indexed == null) {
      return;
    }
    indexed.forEach((k, values) -> {
      Map<String, Set<Long>> byValue = mvIndex.get(k);
      for (String v : values) {
        removeFrom(byValue, v, id);
      }
    });
  }

  // ------------------------------------------------------------ watermarks and runs

  public @Nullable String watermark(String ma, String partition) {
    return watermarks.get(key(ma, partition));
  }

  public void setWatermark(String ma, String partition, String value) {
    watermarks.put(key(ma, partition), value);
    changes.watermarks.put(key(ma, partition), value);
  }

  public void restoreWatermark(String key, String value) {
    watermarks.put(key, value);
  }

  public long lastRunNumber(String ma) {
    return lastRunNumbers.getOrDefault(ma, 0L);
  }

  /** Records a run (new or updated with more steps). */
  public void putRun(RunDetails run) {
    runs.computeIfAbsent(run.ma(), k -> new HashMap<>()).put(run.runNumber(), run);
    lastRunNumbers.merge(run.ma(), run.runNumber(), Math::max);
    changes.runs.removeIf(r -> r.ma().equals(run.ma()) && r.runNumber() == run.runNumber());
    changes.runs.add(run);
  }

  public void restoreRun(RunDetails run) {
    runs.computeIfAbsent(run.ma(), k -> new HashMap<>()).put(run.runNumber(), run);
    lastRunNumbers.merge(run.ma(), run.runNumber(), Math::max);
  }

  public @Nullable RunDetails run(String ma, long runNumber) {
    Map<Long, RunDetails> byNumber = runs.get(ma);
    return byNumber == null ? null : byNumber.get(runNumber);
  }

  public List<RunDetails> runs(String ma) {
    Map<Long, RunDetails> byNumber = runs.getOrDefault(ma, Map.of());
    List<RunDetails> result = new ArrayList<>(byNumber.values());
    result.sort((a, b) -> Long.compare(a.runNumber(), b.runNumber()));
    return result;
  }

  public void restoreCounters(long nextCs, long nextMv) {
    nextCsId = Math.max(nextCsId, nextCs);
    nextMvId = Math.max(nextMvId, nextMv);
  }

  // ------------------------------------------------------------ commit

  /** What changed since the last {@link #committed()}. */
  public Changes changes() {
    return changes;
  }

  /** The changes were committed; start collecting the next step's. */
  public void committed() {
    changes.clear();
  }

  public Collection<CsObject> allCs() {
    return cs.values();
  }

  public Collection<MvObject> allMv() {
    return mv.values();
  }
}
