package org.autosync.engine.embedded.history;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.autosync.api.engine.ExportCounters;
import org.autosync.api.engine.InboundFlowCounters;
import org.autosync.api.engine.OutboundFlowCounters;
import org.autosync.api.engine.RunDetails;
import org.autosync.api.engine.RunError;
import org.autosync.api.engine.StagingCounters;
import org.autosync.api.engine.StepDetails;
import org.autosync.api.engine.StepKind;
import org.jspecify.annotations.Nullable;

/** Turns a parsed run-history tree into {@link RunDetails}; see {@link RunHistoryXml#read}. */
final class RunHistoryReader {

  private RunHistoryReader() {}

  static List<RunDetails> read(XmlElement root) {
    return switch (root.name()) {
      case "run-history" -> runs(root);
      case "execution-histories" ->
          root.children("run-history").stream().flatMap(h -> runs(h).stream()).toList();
      default -> throw root.invalid("", "expected a run-history document, found '"
          + root.name() + "'");
    };
  }

  private static List<RunDetails> runs(XmlElement history) {
    return history.children("run-details").stream().map(RunHistoryReader::run).toList();
  }

  private static RunDetails run(XmlElement run) {
    String ma = run.requireChild("ma-name").text();
    long runNumber = Numbers.counter(run.requireChild("run-number"));
    String profile = run.requireChild("run-profile-name").text();
    List<XmlElement> stepElements = run.children("step-details");
    if (stepElements.isEmpty()) {
      throw run.invalid("", "no step-details; MIM records at least one step for every run");
    }
    // The document lists the newest step first; order by number to get chronological order.
    TreeMap<Integer, StepDetails> steps = new TreeMap<>();
    for (XmlElement element : stepElements) {
      StepDetails step = step(element);
      if (steps.putIfAbsent(step.stepNumber(), step) != null) {
        throw element.invalid("", "step number " + step.stepNumber() + " appears twice in one run");
      }
    }
    StepDetails first = steps.firstEntry().getValue();
    StepDetails last = steps.lastEntry().getValue();
    return new RunDetails(runNumber, ma, profile, last.result(), first.start(), last.end(),
        List.copyOf(steps.values()));
  }

  private static StepDetails step(XmlElement step) {
    int number = stepNumber(step);
    XmlElement description = step.requireChild("step-description");
    StepKind kind = StepTypes.kind(description.requireChild("step-type"));
    String partition = description.requireChild("partition").text();
    String result = step.requireChild("step-result").value();

    List<RunError> errors = new ArrayList<>();
    discoveryErrors(step, errors);
    synchronizationErrors(step, errors);
    retryErrors(step, errors);

    return new StepDetails(number, kind, partition, result,
        date(step, "start-date"), date(step, "end-date"),
        counters(step, CounterSet.STAGING, StagingCounters.NONE),
        counters(step, CounterSet.INBOUND, InboundFlowCounters.NONE),
        outbound(step),
        counters(step, CounterSet.EXPORT, ExportCounters.NONE),
        errors);
  }

  /** {@code @step-number} as real servers write it, or {@code @number} as Microsoft's doc does. */
  private static int stepNumber(XmlElement step) {
    String attribute = step.attribute("step-number") != null ? "step-number" : "number";
    String text = step.attribute(attribute);
    if (text == null) {
      throw step.invalid("", "attribute 'step-number' is missing");
    }
    long number = Numbers.nonNegative(step, text.strip(), "/@" + attribute);
    if (number < 1 || number > Integer.MAX_VALUE) {
      throw step.invalid("/@" + attribute, "'" + text + "' is not a step number (1 and up)");
    }
    return (int) number;
  }

  private static @Nullable Instant date(XmlElement step, String name) {
    XmlElement element = step.child(name);
    if (element == null || element.value().isEmpty()) {
      return null;
    }
    try {
      return MimFormat.parseDate(element.value());
    } catch (DateTimeParseException e) {
      throw element.invalid("", "'" + element.value()
          + "' is not a UTC time in the form yyyy-MM-dd HH:mm:ss.fff");
    }
  }

  private static <T> T counters(XmlElement step, CounterSet<T> set, T none) {
    XmlElement group = step.child(set.element());
    return group == null ? none : set.read(group);
  }

  private static Map<String, OutboundFlowCounters> outbound(XmlElement step) {
    Map<String, OutboundFlowCounters> byTarget = new HashMap<>();
    for (XmlElement group : step.children(CounterSet.OUTBOUND.element())) {
      String target = group.requireAttribute("ma");
      if (byTarget.put(target, CounterSet.OUTBOUND.read(group)) != null) {
        throw group.invalid("", "a second outbound-flow-counters for '" + target + "'");
      }
    }
    return byTarget;
  }

  private static void discoveryErrors(XmlElement step, List<RunError> errors) {
    XmlElement group = step.child("ma-discovery-errors");
    if (group == null) {
      return;
    }
    for (XmlElement e : group.children("ma-object-error")) {
      String object = firstNonNull(e.childText("dn"), e.childText("anchor"), "");
      errors.add(new RunError(RunError.Phase.DISCOVERY, errorType(e), object,
          connectedSystemDetail(e)));
    }
  }

  private static void synchronizationErrors(XmlElement step, List<RunError> errors) {
    XmlElement group = step.child("synchronization-errors");
    if (group == null) {
      return;
    }
    for (XmlElement e : group.children()) {
      switch (e.name()) {
        case "import-error" -> errors.add(new RunError(RunError.Phase.IMPORT, errorType(e),
            firstNonNull(e.attribute("dn"), "", ""), extensionDetail(e)));
        case "export-error" -> errors.add(new RunError(RunError.Phase.EXPORT, errorType(e),
            firstNonNull(e.attribute("dn"), "", ""), connectedSystemDetail(e)));
        default -> {
          // not an error element we know; ignored like any unknown element
        }
      }
    }
  }

  /** {@code @displayName} per the XSD and spec; {@code @display-name} as Lithnet's client reads. */
  private static void retryErrors(XmlElement step, List<RunError> errors) {
    XmlElement group = step.child("mv-retry-errors");
    if (group == null) {
      return;
    }
    for (XmlElement e : group.children("retry-error")) {
      String object = firstNonNull(e.attribute("displayName"), e.attribute("display-name"), "");
      errors.add(new RunError(RunError.Phase.MV_RETRY, errorType(e), object, extensionDetail(e)));
    }
  }

  private static String errorType(XmlElement error) {
    return error.requireChild("error-type").value();
  }

  /** {@code cd-error/error-literal}, with {@code server-error-detail} after it when present. */
  private static String connectedSystemDetail(XmlElement error) {
    XmlElement cd = error.child("cd-error");
    if (cd == null) {
      return "";
    }
    String literal = firstNonNull(cd.childText("error-literal"), "", "");
    String server = cd.childText("server-error-detail");
    if (server == null || server.isBlank()) {
      return literal;
    }
    return literal.isEmpty() ? server : literal + "; " + server;
  }

  /** {@code extension-error-info/call-stack}: the free text MIM keeps for these errors. */
  private static String extensionDetail(XmlElement error) {
    XmlElement info = error.child("extension-error-info");
    return info == null ? "" : firstNonNull(info.childText("call-stack"), "", "");
  }

  private static String firstNonNull(@Nullable String a, @Nullable String b, String fallback) {
    return a != null ? a : b != null ? b : fallback;
  }
}
