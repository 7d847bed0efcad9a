package org.autosync.engine.embedded;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.autosync.engine.embedded.connector.Connector;
import org.autosync.engine.embedded.connector.ConnectorContext;
import org.autosync.engine.embedded.connector.ConnectorEntry;
import org.autosync.engine.embedded.connector.ConnectorException;
import org.autosync.engine.embedded.connector.ConnectorFactory;
import org.autosync.engine.embedded.connector.ExportChange;
import org.autosync.engine.embedded.connector.ExportResult;
import org.autosync.engine.embedded.connector.ImportItem;
import org.autosync.engine.embedded.model.Images;

/**
 * A connected system held in memory, with a change log for delta imports, for engine tests that
 * are about sync semantics rather than protocols. Register one under a name; the connector option
 * {@code system} picks it.
 */
final class MemorySystem {

  static final Map<String, MemorySystem> SYSTEMS = new ConcurrentHashMap<>();

  private final Map<String, ConnectorEntry> entries = new LinkedHashMap<>();
  private final List<String> log = new ArrayList<>();
  /** Attributes this system ignores on export (to test values that do not come back). */
  final java.util.Set<String> ignoredOnExport = ConcurrentHashMap.newKeySet();
  volatile ConnectorException failNext;
  /** When set, imports wait here (after counting down {@link #importEntered}). */
  volatile java.util.concurrent.CountDownLatch importGate;
  final java.util.concurrent.CountDownLatch importEntered = new java.util.concurrent.CountDownLatch(1);

  static MemorySystem register(String name) {
    MemorySystem s = new MemorySystem();
    SYSTEMS.put(name, s);
    return s;
  }

  synchronized void put(ConnectorEntry entry) {
    entries.put(Images.normalizeDn(entry.dn()), entry);
    log.add(entry.dn());
  }

  synchronized void delete(String dn) {
    entries.remove(Images.normalizeDn(dn));
    log.add(dn);
  }

  synchronized void rename(String dn, String newDn) {
    ConnectorEntry e = entries.remove(Images.normalizeDn(dn));
    entries.put(Images.normalizeDn(newDn), new ConnectorEntry(newDn, e.objectType(),
        e.attributes()));
    log.add(dn);
    log.add(newDn);
  }

  synchronized ConnectorEntry get(String dn) {
    return entries.get(Images.normalizeDn(dn));
  }

  synchronized List<ConnectorEntry> all() {
    return List.copyOf(entries.values());
  }

  static final class Factory implements ConnectorFactory {
    @Override
    public String type() {
      return "memory";
    }

    @Override
    public List<String> options() {
      return List.of("system");
    }

    @Override
    public List<String> validate(Map<String, String> options) {
      List<String> problems = new ArrayList<>();
      if (!options.containsKey("system")) {
        problems.add("system: required");
      }
      options.keySet().stream().filter(k -> !k.equals("system"))
          .forEach(k -> problems.add(k + ": unknown option; known: [system]"));
      return problems;
    }

    @Override
    public Connector create(Map<String, String> options, ConnectorContext context) {
      MemorySystem system = SYSTEMS.get(options.get("system"));
      return new Connector() {
        @Override
        public DeltaSupport deltaSupport() {
          return DeltaSupport.WATERMARK;
        }

        @Override
        public String currentWatermark(String partition) {
          synchronized (system) {
            return Integer.toString(system.log.size());
          }
        }

        @Override
        public void fullImport(String partition, Consumer<ImportItem> sink)
            throws ConnectorException {
          system.maybeFail();
          system.maybeBlock();
          system.all().forEach(e -> sink.accept(new ImportItem.Present(e)));
        }

        @Override
        public String deltaImport(String partition, String watermark, Consumer<ImportItem> sink)
            throws ConnectorException {
          system.maybeFail();
          system.maybeBlock();
          synchronized (system) {
            java.util.Set<String> seen = new java.util.LinkedHashSet<>();
            for (String dn : system.log.subList(Integer.parseInt(watermark), system.log.size())) {
              seen.add(Images.normalizeDn(dn));
            }
            for (String dn : seen) {
              ConnectorEntry e = system.entries.get(dn);
              sink.accept(e == null ? new ImportItem.Deleted(dn, null) : new ImportItem.Present(e));
            }
            return Integer.toString(system.log.size());
          }
        }

        @Override
        public List<ExportResult> export(String partition, List<ExportChange> changes)
            throws ConnectorException {
          system.maybeFail();
          List<ExportResult> results = new ArrayList<>();
          synchronized (system) {
            for (ExportChange c : changes) {
              results.add(system.apply(c));
            }
          }
          return results;
        }

        @Override
        public void close() {}
      };
    }
  }

  private void maybeBlock() {
    java.util.concurrent.CountDownLatch gate = importGate;
    if (gate != null) {
      importEntered.countDown();
      try {
        gate.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void maybeFail() throws ConnectorException {
    ConnectorException f = failNext;
    if (f != null) {
      failNext = null;
      throw f;
    }
  }

  private ExportResult apply(ExportChange c) {
    String key = Images.normalizeDn(c.dn());
    ConnectorEntry current = entries.get(key);
    Map<String, List<String>> attrs = new LinkedHashMap<>();
    c.attributes().forEach((k, v) -> {
      if (!ignoredOnExport.contains(k)) {
        attrs.put(k, v);
      }
    });
    switch (c.op()) {
      case ADD -> {
        if (current != null) {
          return ExportResult.failed("entry already exists", c.dn());
        }
        entries.put(key, new ConnectorEntry(c.dn(), c.objectType(), attrs));
        log.add(c.dn());
      }
      case UPDATE, RENAME -> {
        if (current == null) {
          return ExportResult.failed("no such object", c.dn());
        }
        Map<String, List<String>> merged = new LinkedHashMap<>(current.attributes());
        merged.putAll(attrs);
        String dn = c.op() == ExportChange.Op.RENAME ? c.newDn() : c.dn();
        entries.remove(key);
        entries.put(Images.normalizeDn(dn), new ConnectorEntry(dn, current.objectType(), merged));
        log.add(c.dn());
        log.add(dn);
      }
      case DELETE -> {
        if (current == null) {
          return ExportResult.failed("no such object", c.dn());
        }
        entries.remove(key);
        log.add(c.dn());
      }
    }
    return ExportResult.OK;
  }
}
