package org.autosync.engine.embedded.history;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.autosync.api.engine.ExportCounters;
import org.autosync.api.engine.InboundFlowCounters;
import org.autosync.api.engine.OutboundFlowCounters;
import org.autosync.api.engine.RunDetails;
import org.autosync.api.engine.RunError;
import org.autosync.api.engine.StagingCounters;
import org.autosync.api.engine.StepDetails;
import org.autosync.api.engine.StepKind;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;

/** Runs to write and helpers to look at what was written. */
final class Histories {

  static final String HR_ID = "{0A1B2C3D-0000-4000-8000-00000000A001}";
  static final String CORP_ID = "{0A1B2C3D-0000-4000-8000-00000000A002}";
  static final Instant T0 = Instant.parse("2024-03-05T06:10:00.125Z");

  private Histories() {}

  /** The §2.3 fixture of the reference notes, as a string (its declaration says utf-16). */
  static String fixture() throws IOException {
    try (InputStream in = Histories.class.getResourceAsStream("mim-fixture-hr-feed.xml")) {
      if (in == null) {
        throw new IOException("mim-fixture-hr-feed.xml is missing from the test resources");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /**
   * Run 7 of 'HR Feed': one step of every kind, oldest first, every counter non-zero and distinct,
   * outbound flow to two targets, errors of every phase on every step.
   */
  static RunDetails everything() {
    List<StepDetails> steps = new ArrayList<>();
    StepKind[] kinds = StepKind.values();
    for (int i = 0; i < kinds.length; i++) {
      int n = i + 1;
      Instant start = T0.plus(Duration.ofSeconds(10L * i));
      Instant end = start.plusMillis(5_456);
      long base = 100L * n;
      steps.add(new StepDetails(n, kinds[i], "OU=People,DC=corp,DC=example", "success", start, end,
          staging(base), inbound(base + 10), Map.of(
              "Corp Directory", outbound(base + 40),
              "Payroll", outbound(base + 60)),
          export(base + 80), errorsOfEveryPhase(n)));
    }
    StepDetails last = steps.get(steps.size() - 1);
    StepDetails failed = new StepDetails(last.stepNumber(), last.kind(), last.partition(),
        "completed-export-errors", last.start(), last.end(), last.staging(), last.inbound(),
        last.outbound(), last.export(), last.errors());
    steps.set(steps.size() - 1, failed);
    return new RunDetails(7, "HR Feed", "Everything", "completed-export-errors",
        steps.get(0).start(), failed.end(), steps);
  }

  static StepDetails step(int number, StepKind kind) {
    Instant start = T0.plusSeconds(number);
    return new StepDetails(number, kind, "default", "success", start, start.plusMillis(500),
        StagingCounters.NONE, InboundFlowCounters.NONE, Map.of(), ExportCounters.NONE, List.of());
  }

  static RunDetails run(String ma, long number, StepDetails... steps) {
    StepDetails first = steps[0];
    StepDetails last = steps[steps.length - 1];
    return new RunDetails(number, ma, "P", last.result(), first.start(), last.end(),
        List.of(steps));
  }

  static StagingCounters staging(long b) {
    return new StagingCounters(b + 1, b + 2, b + 3, b + 4, b + 5, b + 6, b + 7);
  }

  static InboundFlowCounters inbound(long b) {
    return new InboundFlowCounters(b + 1, b + 2, b + 3, b + 4, b + 5, b + 6, b + 7, b + 8, b + 9,
        b + 10, b + 11, b + 12, b + 13, b + 14, b + 15, b + 16, b + 17);
  }

  static OutboundFlowCounters outbound(long b) {
    return new OutboundFlowCounters(b + 1, b + 2, b + 3, b + 4, b + 5, b + 6, b + 7, b + 8, b + 9);
  }

  static ExportCounters export(long b) {
    return new ExportCounters(b + 1, b + 2, b + 3, b + 4, b + 5, b + 6);
  }

  /** Grouped by phase in MIM's document order, as the reader returns them. */
  static List<RunError> errorsOfEveryPhase(int step) {
    return List.of(
        new RunError(RunError.Phase.DISCOVERY, "duplicate-object", "CN=Dup" + step + ",DC=x",
            "two entries share the anchor 'E" + step + "'"),
        new RunError(RunError.Phase.DISCOVERY, "parse-error", "", ""),
        new RunError(RunError.Phase.IMPORT, "extension-dll-exception", "EMP-" + step,
            "java.lang.IllegalStateException: no manager\n\tat rules.flow(Rules.java:12)"),
        new RunError(RunError.Phase.IMPORT, "exported-change-not-reimported", "EMP-9" + step, ""),
        new RunError(RunError.Phase.EXPORT, "cd-existing-object", "CN=A & B <x>,DC=corp",
            "Entry already exists: \"CN=A & B\""),
        new RunError(RunError.Phase.MV_RETRY, "locking-error-needs-retry", "Ann Example", ""));
  }

  static Document dom(String xml) {
    try {
      return DocumentBuilderFactory.newDefaultInstance().newDocumentBuilder()
          .parse(new InputSource(new StringReader(xml)));
    } catch (Exception e) {
      throw new AssertionError("written text is not XML: " + e.getMessage() + "\n" + xml, e);
    }
  }

  static List<Element> children(Node parent) {
    List<Element> out = new ArrayList<>();
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e) {
        out.add(e);
      }
    }
    return out;
  }

  static List<Element> children(Node parent, String name) {
    return children(parent).stream().filter(e -> e.getTagName().equals(name)).toList();
  }

  static Element child(Node parent, String name) {
    List<Element> found = children(parent, name);
    if (found.isEmpty()) {
      throw new AssertionError("no <" + name + "> under <" + parent.getNodeName() + ">");
    }
    return found.get(0);
  }

  static List<String> names(List<Element> elements) {
    return elements.stream().map(Element::getTagName).toList();
  }
}
