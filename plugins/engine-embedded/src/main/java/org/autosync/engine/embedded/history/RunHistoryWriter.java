package org.autosync.engine.embedded.history;

import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.autosync.api.engine.OutboundFlowCounters;
import org.autosync.api.engine.RunDetails;
import org.autosync.api.engine.RunError;
import org.autosync.api.engine.StepDetails;
import org.jspecify.annotations.Nullable;

/** Writes {@link RunDetails} as MIM's run-history document; see {@link RunHistoryXml#write}. */
final class RunHistoryWriter {

  private final XmlOut out;
  private final Map<String, String> maIds;

  private RunHistoryWriter(XmlOut out, Map<String, String> maIds) {
    this.out = out;
    this.maIds = maIds;
  }

  /**
   * Checks everything first, so that a refused history writes nothing.
   *
   * @param utf16Declaration whether the declaration says {@code encoding="utf-16"} as MIM's does
   */
  static void write(List<RunDetails> runs, Map<String, String> maIds, Writer writer,
      boolean utf16Declaration) throws IOException {
    runs.forEach(RunHistoryWriter::check);
    Map<String, String> ids = normalized(maIds);
    XMLStreamWriter xml = null;
    try {
      xml = XMLOutputFactory.newDefaultFactory().createXMLStreamWriter(writer);
      if (utf16Declaration) {
        xml.writeStartDocument("utf-16", "1.0");
      } else {
        xml.writeStartDocument("1.0");
      }
      XmlOut out = new XmlOut(xml);
      out.start("run-history");
      RunHistoryWriter history = new RunHistoryWriter(out, ids);
      for (RunDetails run : runs) {
        history.run(run);
      }
      out.end();
      xml.writeEndDocument();
      xml.flush();
    } catch (XMLStreamException e) {
      throw ioCause(e);
    } finally {
      if (xml != null) {
        try {
          xml.close(); // leaves the caller's writer open
        } catch (XMLStreamException ignored) {
          // everything was flushed above, or the first failure is already on its way
        }
      }
    }
  }

  /** The step id MIM would show: a name-based GUID of the MA's id, run number and step number. */
  static String stepId(String maId, long runNumber, int stepNumber) {
    return MimFormat.nameGuid("autosync-step:" + maId + ":" + runNumber + ":" + stepNumber);
  }

  /** The id of an MA that the caller gave none for: a name-based GUID of its name. */
  static String derivedMaId(String maName) {
    return MimFormat.nameGuid("autosync-ma:" + maName);
  }

  private static void check(RunDetails run) {
    if (run.steps().isEmpty()) {
      throw new IllegalArgumentException("Cannot write run " + run.runNumber() + " of '"
          + run.ma() + "': it has no steps, and MIM's format keeps a run's result only in its"
          + " steps; record the step that failed to start, as MIM does");
    }
    Set<Integer> numbers = new HashSet<>();
    for (StepDetails step : run.steps()) {
      if (!numbers.add(step.stepNumber())) {
        throw new IllegalArgumentException("Cannot write run " + run.runNumber() + " of '"
            + run.ma() + "': step number " + step.stepNumber() + " appears twice");
      }
    }
  }

  private static Map<String, String> normalized(Map<String, String> maIds) {
    Map<String, String> ids = new HashMap<>();
    maIds.forEach((name, id) -> {
      try {
        ids.put(name, MimFormat.guid(id));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("The id given for MA '" + name + "' must be a GUID"
            + " such as {0A1B2C3D-0000-4000-8000-00000000A001}, got '" + id + "'", e);
      }
    });
    return ids;
  }

  /** The writer's own failure, or, for anything else, an IllegalStateException (a bug here). */
  private static IOException ioCause(XMLStreamException e) {
    Throwable cause = e.getNestedException() != null ? e.getNestedException() : e.getCause();
    if (cause instanceof IOException io) {
      return io;
    }
    throw new IllegalStateException("Cannot write run history: " + e.getMessage(), e);
  }

  private String maId(String maName) {
    String id = maIds.get(maName);
    return id != null ? id : derivedMaId(maName);
  }

  private void run(RunDetails run) throws XMLStreamException {
    String maId = maId(run.ma());
    out.start("run-details")
        .leaf("ma-id", maId)
        .leaf("ma-name", run.ma())
        .leaf("run-number", Long.toString(run.runNumber()))
        .leaf("run-profile-name", run.profile())
        .leaf("security-id", RunHistoryXml.SECURITY_ID);
    List<StepDetails> newestFirst = new ArrayList<>(run.steps());
    newestFirst.sort((a, b) -> Integer.compare(b.stepNumber(), a.stepNumber()));
    for (StepDetails step : newestFirst) {
      step(step, stepId(maId, run.runNumber(), step.stepNumber()));
    }
    out.end();
  }

  private void step(StepDetails step, String stepId) throws XMLStreamException {
    out.start("step-details", "step-number", Integer.toString(step.stepNumber()),
        "step-id", stepId);
    date("start-date", step.start());
    date("end-date", step.end());
    out.leaf("step-result", step.result());
    description(step);
    out.leaf("current-export-step-counter", "0")
        .leaf("last-successful-export-step-counter", "0")
        .empty("ma-connection");
    discoveryErrors(errors(step, RunError.Phase.DISCOVERY));
    out.empty("ma-discovery-counters");
    synchronizationErrors(errors(step, RunError.Phase.IMPORT), errors(step, RunError.Phase.EXPORT));
    retryErrors(errors(step, RunError.Phase.MV_RETRY));
    outbound(step.outbound());
    counters(CounterSet.STAGING, step.staging());
    counters(CounterSet.INBOUND, step.inbound());
    counters(CounterSet.EXPORT, step.export());
    out.end();
  }

  /** An unknown time is an empty element; the reader turns it back into null. */
  private void date(String name, @Nullable Instant instant) throws XMLStreamException {
    if (instant == null) {
      out.empty(name);
    } else {
      out.leaf(name, MimFormat.date(instant));
    }
  }

  private void description(StepDetails step) throws XMLStreamException {
    StepTypes.StepType type = StepTypes.of(step.kind());
    out.start("step-description");
    if (type.subtypeElement() == null || type.subtype() == null) {
      out.empty("step-type", "type", type.type());
    } else {
      out.start("step-type", "type", type.type()).leaf(type.subtypeElement(), type.subtype()).end();
    }
    out.leaf("partition", step.partition()).end();
  }

  private static List<RunError> errors(StepDetails step, RunError.Phase phase) {
    return step.errors().stream().filter(e -> e.phase() == phase).toList();
  }

  private void discoveryErrors(List<RunError> errors) throws XMLStreamException {
    if (errors.isEmpty()) {
      out.empty("ma-discovery-errors");
      return;
    }
    out.start("ma-discovery-errors");
    for (RunError e : errors) {
      out.start("ma-object-error").leaf("error-type", e.type());
      if (!e.object().isEmpty()) {
        out.leaf("dn", e.object());
      }
      connectedSystemDetail(e.detail());
      out.end();
    }
    out.end();
  }

  private void synchronizationErrors(List<RunError> imports, List<RunError> exports)
      throws XMLStreamException {
    if (imports.isEmpty() && exports.isEmpty()) {
      out.empty("synchronization-errors");
      return;
    }
    out.start("synchronization-errors");
    for (RunError e : imports) {
      out.start("import-error", "dn", e.object()).leaf("error-type", e.type());
      extensionDetail(e.detail());
      out.end();
    }
    for (RunError e : exports) {
      out.start("export-error", "dn", e.object()).leaf("error-type", e.type());
      connectedSystemDetail(e.detail());
      out.end();
    }
    out.end();
  }

  private void retryErrors(List<RunError> errors) throws XMLStreamException {
    if (errors.isEmpty()) {
      out.empty("mv-retry-errors");
      return;
    }
    out.start("mv-retry-errors");
    for (RunError e : errors) {
      out.start("retry-error", "displayName", e.object()).leaf("error-type", e.type());
      extensionDetail(e.detail());
      out.end();
    }
    out.end();
  }

  /** Discovery and export errors: what the connected system said goes in its cd-error. */
  private void connectedSystemDetail(String detail) throws XMLStreamException {
    if (!detail.isEmpty()) {
      out.start("cd-error").leaf("error-literal", detail).end();
    }
  }

  /** Import and retry errors: MIM's only free text for these is the extension's call stack. */
  private void extensionDetail(String detail) throws XMLStreamException {
    if (!detail.isEmpty()) {
      out.start("extension-error-info").leaf("call-stack", detail).end();
    }
  }

  /** One element per target with any non-zero counter, listing only the non-zero ones. */
  private void outbound(Map<String, OutboundFlowCounters> byTarget) throws XMLStreamException {
    for (Map.Entry<String, OutboundFlowCounters> e : new TreeMap<>(byTarget).entrySet()) {
      boolean any = CounterSet.OUTBOUND.counters().stream()
          .anyMatch(c -> c.value().applyAsLong(e.getValue()) != 0);
      if (any) {
        out.start(CounterSet.OUTBOUND.element(), "ma", e.getKey(), "ma-id", maId(e.getKey()));
        writeCounters(CounterSet.OUTBOUND, e.getValue(), false);
        out.end();
      }
    }
  }

  /** Every counter of the group, zero or not, as real servers write them. */
  private <T> void counters(CounterSet<T> set, T values) throws XMLStreamException {
    out.start(set.element());
    writeCounters(set, values, true);
    out.end();
  }

  private <T> void writeCounters(CounterSet<T> set, T values, boolean zeros)
      throws XMLStreamException {
    for (CounterSet.Counter<T> c : set.counters()) {
      long value = c.value().applyAsLong(values);
      if (zeros || value != 0) {
        out.leaf(c.element(), Long.toString(value), "detail", Boolean.toString(c.detail()));
      }
    }
  }
}
