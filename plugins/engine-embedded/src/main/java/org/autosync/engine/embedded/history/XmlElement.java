package org.autosync.engine.embedded.history;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.jspecify.annotations.Nullable;

/**
 * A read-only element tree built with StAX, small enough for run histories, that remembers each
 * element's path and line so that errors can say where they are.
 *
 * <p>Not thread-safe while {@link #parse} builds it; effectively immutable afterwards.
 */
final class XmlElement {

  /** Elements that repeat under one parent; their path segments carry a 1-based position. */
  private static final Set<String> REPEATED = Set.of("run-history", "run-details",
      "step-details", "outbound-flow-counters", "ma-object-error", "import-error",
      "export-error", "retry-error");

  private final String name;
  private final String path;
  private final int line;
  private final Map<String, String> attributes;
  private final List<XmlElement> children = new ArrayList<>();
  private final Map<String, Integer> childCounts = new HashMap<>();
  private final StringBuilder text = new StringBuilder();

  private XmlElement(String name, String path, int line, Map<String, String> attributes) {
    this.name = name;
    this.path = path;
    this.line = line;
    this.attributes = attributes;
  }

  /**
   * Reads a whole document. DTDs and external entities are refused.
   *
   * @return the root element
   * @throws IllegalArgumentException if the text is not well-formed XML
   * @throws IOException if the reader fails
   */
  static XmlElement parse(Reader reader) throws IOException {
    XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
    factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    factory.setProperty(XMLInputFactory.IS_COALESCING, true);
    XMLStreamReader xml = null;
    try {
      xml = factory.createXMLStreamReader(reader);
      return build(xml);
    } catch (XMLStreamException e) {
      if (e.getNestedException() instanceof IOException io) {
        throw io;
      }
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      throw new IllegalArgumentException("Cannot read MIM run history: not well-formed XML"
          + lineSuffix(e.getLocation()) + ": " + parserMessage(e), e);
    } finally {
      if (xml != null) {
        try {
          xml.close();
        } catch (XMLStreamException ignored) {
          // nothing was held open beyond the caller's reader, which the caller closes
        }
      }
    }
  }

  private static XmlElement build(XMLStreamReader xml) throws XMLStreamException {
    Deque<XmlElement> open = new ArrayDeque<>();
    XmlElement root = null;
    while (xml.hasNext()) {
      switch (xml.next()) {
        case XMLStreamConstants.START_ELEMENT -> {
          String name = xml.getLocalName();
          Map<String, String> attributes = new HashMap<>();
          for (int i = 0; i < xml.getAttributeCount(); i++) {
            attributes.put(xml.getAttributeLocalName(i), xml.getAttributeValue(i));
          }
          XmlElement parent = open.peek();
          XmlElement element;
          if (parent == null) {
            element = new XmlElement(name, name, lineOf(xml), attributes);
            root = element;
          } else {
            int position = parent.childCounts.merge(name, 1, Integer::sum);
            element = new XmlElement(name, parent.path + "/" + segment(name, position),
                lineOf(xml), attributes);
            parent.children.add(element);
          }
          open.push(element);
        }
        case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA,
            XMLStreamConstants.SPACE -> {
          XmlElement current = open.peek();
          if (current != null) {
            current.text.append(xml.getText());
          }
        }
        case XMLStreamConstants.END_ELEMENT -> open.pop();
        default -> {
          // comments, processing instructions and the declaration carry nothing we read
        }
      }
    }
    if (root == null) {
      throw new IllegalArgumentException("Cannot read MIM run history: the document is empty");
    }
    return root;
  }

  /** The JDK parser's message without its "ParseError at [row,col]" preamble. */
  private static String parserMessage(XMLStreamException e) {
    String message = String.valueOf(e.getMessage());
    int at = message.indexOf("Message: ");
    return at < 0 ? message : message.substring(at + "Message: ".length());
  }

  private static String segment(String name, int position) {
    return REPEATED.contains(name) ? name + "[" + position + "]" : name;
  }

  private static int lineOf(XMLStreamReader xml) {
    Location location = xml.getLocation();
    return location == null ? -1 : location.getLineNumber();
  }

  private static String lineSuffix(@Nullable Location location) {
    return location == null || location.getLineNumber() < 0
        ? "" : " (line " + location.getLineNumber() + ")";
  }

  String name() {
    return name;
  }

  /** The element's path from the root, such as {@code run-history[1]/run-details[2]/ma-name}. */
  String path() {
    return path;
  }

  /** The line of the element's start tag, or -1 if the parser did not say. */
  int line() {
    return line;
  }

  /** The element's text, all pieces joined, as written: for names and messages. */
  String text() {
    return text.toString();
  }

  /** The element's text stripped of surrounding white space: for numbers, dates and codes. */
  String value() {
    return text.toString().strip();
  }

  @Nullable String attribute(String attributeName) {
    return attributes.get(attributeName);
  }

  String requireAttribute(String attributeName) {
    String value = attributes.get(attributeName);
    if (value == null) {
      throw invalid("", "attribute '" + attributeName + "' is missing");
    }
    return value;
  }

  List<XmlElement> children() {
    return List.copyOf(children);
  }

  List<XmlElement> children(String childName) {
    return children.stream().filter(c -> c.name.equals(childName)).toList();
  }

  /** The first child of that name, or null. */
  @Nullable XmlElement child(String childName) {
    for (XmlElement c : children) {
      if (c.name.equals(childName)) {
        return c;
      }
    }
    return null;
  }

  XmlElement requireChild(String childName) {
    XmlElement c = child(childName);
    if (c == null) {
      throw invalid("", "element '" + childName + "' is missing");
    }
    return c;
  }

  /** The text of a child as written, or null if there is no such child. */
  @Nullable String childText(String childName) {
    XmlElement c = child(childName);
    return c == null ? null : c.text();
  }

  /**
   * An error about this element, naming its path (plus {@code suffix}, such as {@code "/@type"})
   * and its line.
   */
  IllegalArgumentException invalid(String suffix, String problem) {
    String where = line < 0 ? "" : " (line " + line + ")";
    return new IllegalArgumentException(
        "Cannot read MIM run history: " + path + suffix + ": " + problem + where);
  }
}
