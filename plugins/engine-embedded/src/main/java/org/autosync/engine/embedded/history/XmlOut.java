package org.autosync.engine.embedded.history;

import java.util.ArrayDeque;
import java.util.Deque;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * A thin layer over {@link XMLStreamWriter} that indents one space per level, as MIM does, and
 * passes every text and attribute value through {@link MimFormat#xmlSafe}.
 *
 * <p>Not thread-safe; one instance writes one document.
 */
final class XmlOut {

  private final XMLStreamWriter xml;
  /** For each open element: whether it has child elements (its end tag then goes on a new line). */
  private final Deque<boolean[]> open = new ArrayDeque<>();

  XmlOut(XMLStreamWriter xml) {
    this.xml = xml;
  }

  /** Opens an element; attributes are name, value pairs. */
  XmlOut start(String name, String... attributes) throws XMLStreamException {
    newLine();
    xml.writeStartElement(name);
    attributes(attributes);
    open.push(new boolean[] {false});
    return this;
  }

  XmlOut end() throws XMLStreamException {
    boolean[] hadChildren = open.pop();
    if (hadChildren[0]) {
      indent();
    }
    xml.writeEndElement();
    return this;
  }

  /** An element holding only text; attributes are name, value pairs. */
  XmlOut leaf(String name, String text, String... attributes) throws XMLStreamException {
    newLine();
    xml.writeStartElement(name);
    attributes(attributes);
    xml.writeCharacters(MimFormat.xmlSafe(text));
    xml.writeEndElement();
    return this;
  }

  /** An element with no content, written {@code <name/>}; attributes are name, value pairs. */
  XmlOut empty(String name, String... attributes) throws XMLStreamException {
    newLine();
    xml.writeEmptyElement(name);
    attributes(attributes);
    return this;
  }

  private void attributes(String... nameValues) throws XMLStreamException {
    for (int i = 0; i + 1 < nameValues.length; i += 2) {
      xml.writeAttribute(nameValues[i], MimFormat.xmlSafe(nameValues[i + 1]));
    }
  }

  private void newLine() throws XMLStreamException {
    boolean[] parent = open.peek();
    if (parent != null) {
      parent[0] = true;
    }
    indent();
  }

  private void indent() throws XMLStreamException {
    xml.writeCharacters("\n" + " ".repeat(open.size()));
  }
}
