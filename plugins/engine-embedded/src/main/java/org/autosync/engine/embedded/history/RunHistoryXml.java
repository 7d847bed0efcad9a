package org.autosync.engine.embedded.history;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.autosync.api.engine.RunDetails;

/**
 * MIM's run-history XML: what {@code MIIS_ManagementAgent.RunDetails()} returns, written from and
 * read into the plugin API's {@link RunDetails}.
 *
 * <h2>Writing</h2>
 *
 * <p>{@code <run-history>} holds one {@code <run-details>} per run: {@code ma-id}, {@code ma-name},
 * {@code run-number}, {@code run-profile-name}, {@code security-id}, then one {@code step-details}
 * per step, <b>newest step first</b>, each with MIM's children in MIM's order. As real servers do,
 * every staging, inbound-flow and export counter is written, zero or not; {@code
 * outbound-flow-counters} appear only for targets with a non-zero counter and list only the
 * non-zero ones; empty groups ({@code ma-connection}, {@code ma-discovery-counters}, error groups
 * without errors) are written as empty elements. Choices where the model has less than MIM:
 *
 * <ul>
 *   <li>{@code security-id} is always {@link #SECURITY_ID}: the embedded engine runs as itself.
 *   <li>{@code step-id} is a name-based GUID of the MA id, run number and step number, so the same
 *       run always gets the same ids; MA ids missing from the map are name-based GUIDs of the name.
 *   <li>Times are UTC, {@code yyyy-MM-dd HH:mm:ss.fff} (truncated to milliseconds); an unknown
 *       time is an empty element. Export batch counters are 0: the model does not keep them.
 *   <li>Errors carry what {@link org.autosync.api.engine.RunError} has: the type, the object as
 *       {@code dn} (or {@code @displayName} for metaverse retry errors), and the detail in MIM's
 *       free-text slot: {@code cd-error/error-literal} for discovery and export errors, {@code
 *       extension-error-info/call-stack} for import and retry errors. Dates, retry counts, CS
 *       GUIDs and algorithm steps are not written.
 *   <li>The run's own start, end and result are not written: MIM's format derives them from the
 *       steps, so a run must have at least one step.
 * </ul>
 *
 * <h2>Reading</h2>
 *
 * <p>Reads our documents and real MIM ones (also wrapped in {@code execution-histories}). Steps come
 * back oldest first; a run's start is its first step's start, its end and result are its last
 * step's. Step kinds are decoded as MIM's run-profile steps are ({@code full-import} without {@code
 * to-cs} is a combined full import and delta sync, and so on). Missing counters are 0, an empty or
 * missing date is null, {@code @number} is accepted for {@code @step-number} and {@code
 * display-name} for {@code displayName}, and unknown elements are ignored. Errors come back
 * grouped by phase: discovery, import, export, metaverse retry. A missing required element ({@code
 * ma-name}, {@code run-number}, {@code run-profile-name}, at least one {@code step-details}, its
 * {@code @step-number}, {@code step-result}, {@code step-description/step-type/@type} and {@code
 * partition}, an error's {@code error-type}) or a bad number, date or step type is an {@link
 * IllegalArgumentException} naming the element's path and line.
 *
 * <p>A MIM run-history string declares {@code encoding="utf-16"}: read it from characters, as
 * these methods do, never from its UTF-8 bytes.
 *
 * <h2>Example</h2>
 *
 * <pre>{@code
 * String xml = RunHistoryXml.write(List.of(run), "{0A1B2C3D-0000-4000-8000-00000000A001}");
 * RunDetails back = RunHistoryXml.read(xml).get(0); // equal to run, times to the millisecond
 * }</pre>
 *
 * <p><b>Threading:</b> stateless and thread-safe; every call uses its own StAX reader or writer.
 * Calls block only on the caller's {@link Reader} or {@link Writer}, which they never close.
 */
public final class RunHistoryXml {

  /**
   * The {@code security-id} written for every run: the embedded engine starts runs as itself, not
   * as a Windows account. MIM's form is {@code DOMAIN\account}; this is {@code AUTOSYNC\engine}.
   */
  public static final String SECURITY_ID = "AUTOSYNC\\engine";

  private RunHistoryXml() {}

  /**
   * The run history of one MA as a string, exactly as MIM returns it: it starts with {@code <?xml
   * version="1.0" encoding="utf-16"?>}.
   *
   * @param runs runs of one MA, written in the given order
   * @param maId the MA's GUID, with or without braces; written in braces, upper case
   * @return the document, declaration included
   * @throws IllegalArgumentException if the runs belong to several MAs, a run has no steps or
   *     repeats a step number, or {@code maId} is not a GUID
   */
  public static String write(List<RunDetails> runs, String maId) {
    Objects.requireNonNull(maId, "maId");
    List<String> mas = runs.stream().map(RunDetails::ma).distinct().toList();
    if (mas.size() > 1) {
      throw new IllegalArgumentException("Cannot write runs of several MAs " + mas
          + " with one MA id; use write(runs, maIds, writer) with an id per MA");
    }
    MimFormat.guid(maId); // refuse a bad id even when there is no run to write
    StringWriter text = new StringWriter();
    try {
      RunHistoryWriter.write(runs, mas.isEmpty() ? Map.of() : Map.of(mas.get(0), maId), text,
          true);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringWriter does not fail
    }
    return text.toString();
  }

  /**
   * Writes a run history to {@code out}, which is flushed and left open. The declaration names no
   * encoding, since the writer's encoding is the caller's.
   *
   * @param runs the runs, written in the given order
   * @param maIds MA name to GUID (with or without braces), for the runs' MAs and for the targets
   *     of outbound flow counters; an MA missing here gets a name-based GUID
   * @param out where the document goes; flushed, not closed
   * @throws IllegalArgumentException if a run has no steps or repeats a step number, or an id is
   *     not a GUID; nothing is written then
   * @throws IOException if {@code out} fails
   */
  public static void write(List<RunDetails> runs, Map<String, String> maIds, Writer out)
      throws IOException {
    Objects.requireNonNull(out, "out");
    RunHistoryWriter.write(runs, maIds, out, false);
  }

  /**
   * Reads every run of a run-history document.
   *
   * @param xml the document's characters; not closed
   * @return the runs in document order, each with its steps oldest first; empty for an empty
   *     {@code <run-history>}
   * @throws IllegalArgumentException if the document is not well-formed, lacks a required element,
   *     or holds a bad number, date or step type; the message names the element and line
   * @throws IOException if {@code xml} fails
   */
  public static List<RunDetails> read(Reader xml) throws IOException {
    Objects.requireNonNull(xml, "xml");
    return RunHistoryReader.read(XmlElement.parse(xml));
  }

  /**
   * Reads every run of a run-history document held in a string, such as the return value of
   * {@code MIIS_ManagementAgent.RunDetails()}.
   *
   * @param xml the document
   * @return the runs in document order, each with its steps oldest first
   * @throws IllegalArgumentException as {@link #read(Reader)} says
   * @see #read(Reader)
   */
  public static List<RunDetails> read(String xml) {
    try {
      return read(new StringReader(xml));
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringReader does not fail
    }
  }
}
