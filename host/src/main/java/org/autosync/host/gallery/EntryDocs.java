package org.autosync.host.gallery;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.autosync.api.trigger.ParameterDescriptor;
import org.autosync.api.trigger.ParameterType;
import org.autosync.scripts.Capability;
import org.autosync.scripts.ScriptManifest;

/**
 * Text for people about an entry, made from its manifest: a Markdown table of its parameters and
 * a configuration example. Used by {@code gallery show}, {@code gallery install} and the
 * scaffold's README. Stateless.
 */
public final class EntryDocs {

  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9._/+-]+");

  private EntryDocs() {}

  /** The manifest's parameters as a Markdown table (or a sentence when it has none). */
  public static String parameterTable(ScriptManifest m) {
    if (m.parameters().isEmpty()) {
      return "None of its own.";
    }
    StringBuilder b = new StringBuilder("| parameter | type | default | meaning |\n"
        + "| --- | --- | --- | --- |\n");
    for (ParameterDescriptor p : m.parameters()) {
      String type = p.type() == ParameterType.ENUM
          ? String.join(" \\| ", p.allowedValues())
          : p.type().name().toLowerCase(Locale.ROOT);
      String def = p.required() ? "required" : p.defaultValue() == null ? "none"
          : "`" + p.defaultValue() + "`";
      b.append("| `").append(p.name()).append("` | ").append(type).append(" | ").append(def)
          .append(" | ").append(p.description().replace("|", "\\|")).append(" |\n");
    }
    return b.toString().stripTrailing();
  }

  /**
   * A configuration example: for a trigger script a trigger block for an MA, for a controller
   * script an MA's {@code controllerScript} block; required parameters and grants to fill in,
   * optional ones commented out with their defaults.
   */
  public static String configExample(ScriptManifest m) {
    List<String> lines = new ArrayList<>();
    String indent;
    if (m.kind() == ScriptManifest.Kind.TRIGGER) {
      lines.add("mas:");
      lines.add("  HR:                                  # the MA to trigger");
      lines.add("    triggers:");
      lines.add("      - id: " + m.id());
      lines.add("        type: " + m.triggerTypeId());
      indent = "        ";
    } else {
      lines.add("mas:");
      lines.add("  HR:                                  # or controller: for every MA");
      lines.add("    controllerScript:");
      lines.add("      script: " + m.id());
      indent = "      ";
    }
    for (ParameterDescriptor p : m.parameters()) {
      lines.add(parameterLine(indent, p));
    }
    for (Capability c : m.capabilities().stream().sorted().toList()) {
      for (ParameterDescriptor p : c.grantParameters(true)) {
        lines.add(parameterLine(indent, p));
      }
    }
    if (m.kind() == ScriptManifest.Kind.TRIGGER) {
      lines.add(indent + "# interval: 30s                      # between polls");
      lines.add(indent + "# onError: stop                      # or reset: go on after a failure");
    } else {
      lines.add(indent + "# timeout: 30s                       # per call; a slow answer vetoes");
    }
    return String.join("\n", lines);
  }

  private static String parameterLine(String indent, ParameterDescriptor p) {
    String value;
    boolean comment;
    if (p.required()) {
      value = "<" + p.type().name().toLowerCase(Locale.ROOT) + ">";
      comment = false;
    } else if (p.defaultValue() != null) {
      value = p.type() == ParameterType.LIST ? "[" + p.defaultValue() + "]"
          : yamlScalar(p.defaultValue(), p.type());
      comment = true;
    } else {
      value = p.type() == ParameterType.SECRET ? "${env:NAME}" : "";
      comment = true;
    }
    String line = (comment ? "# " : "") + p.name() + ": " + value;
    String what = p.required() ? "required: " + p.description() : p.description();
    if (what.length() > 70) {
      what = what.substring(0, 67) + "...";
    }
    return indent + String.format("%-36s # %s", line.stripTrailing(), what);
  }

  private static String yamlScalar(String text, ParameterType type) {
    if (type == ParameterType.INTEGER || type == ParameterType.BOOLEAN
        || PLAIN.matcher(text).matches() && !text.contains(":")) {
      return text;
    }
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
