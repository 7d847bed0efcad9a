package org.autosync.host.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.autosync.api.trigger.ParameterDescriptor;
import org.autosync.host.gallery.EntryDocs;
import org.autosync.host.gallery.Gallery;
import org.autosync.host.gallery.GalleryEntry;
import org.autosync.host.gallery.GalleryException;
import org.autosync.host.gallery.GalleryIndex;
import org.autosync.host.gallery.GalleryInstaller;
import org.autosync.host.gallery.GalleryScaffold;
import org.autosync.host.gallery.GalleryVerifier;
import org.autosync.host.gallery.GalleryVerifier.Finding;
import org.autosync.host.gallery.GalleryVerifier.Status;
import org.autosync.host.gallery.InstallRecord;
import org.autosync.host.plugins.PluginHost;
import org.autosync.scripts.Capability;
import org.autosync.scripts.ScriptException;
import org.autosync.scripts.ScriptLanguage;
import org.autosync.scripts.ScriptManifest;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code autosync gallery}: lists, shows, installs, verifies and scaffolds trigger gallery
 * entries. The gallery is the installation's {@code gallery/} folder unless {@code --gallery} is
 * given; the scripts folder is {@code scripts/} beside the plugins folder unless {@code
 * --scripts} is given.
 */
@Command(name = "gallery", mixinStandardHelpOptions = true,
    description = "Works with the trigger gallery: vetted script triggers and controller scripts"
        + " to install into the scripts folder.",
    subcommands = {GalleryCommand.ListEntries.class, GalleryCommand.Show.class,
        GalleryCommand.Install.class, GalleryCommand.Verify.class, GalleryCommand.New.class,
        GalleryCommand.Index.class})
final class GalleryCommand implements Runnable {

  @Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Where the gallery is. */
  static class GalleryOption {
    @Option(names = "--gallery", paramLabel = "DIR",
        description = "The gallery folder (default: the installation's gallery/, else ./gallery).")
    @Nullable Path gallery;

    Path folder() {
      if (gallery != null) {
        return gallery;
      }
      String home = System.getProperty("autosync.home");
      return home == null ? Path.of("gallery") : Path.of(home, "gallery");
    }
  }

  /** Where installed scripts are. */
  static class ScriptsOption {
    @Option(names = "--scripts", paramLabel = "DIR",
        description = "The scripts folder (default: scripts/ beside the plugins folder).")
    @Nullable Path scripts;

    Path folder() {
      if (scripts != null) {
        return scripts;
      }
      String plugins = System.getProperty("autosync.plugins");
      Path p = Path.of(plugins == null ? "plugins" : plugins).toAbsolutePath().normalize();
      return p.getParent() == null ? Path.of(PluginHost.SCRIPTS_FOLDER)
          : p.getParent().resolve(PluginHost.SCRIPTS_FOLDER);
    }
  }

  /** Runs a command body, turning gallery and manifest errors into a message and exit code 1. */
  abstract static class GalleryTask implements Callable<Integer> {
    @Spec CommandLine.Model.CommandSpec spec;

    PrintWriter out() {
      return spec.commandLine().getOut();
    }

    PrintWriter err() {
      return spec.commandLine().getErr();
    }

    @Override
    public final Integer call() throws IOException {
      try {
        return execute();
      } catch (GalleryException | ScriptException e) {
        err().println(e.getMessage());
        return 1;
      }
    }

    abstract int execute() throws IOException;
  }

  @Command(name = "list", mixinStandardHelpOptions = true,
      description = "Lists the gallery's entries, which are installed, and any that cannot be"
          + " used and why.")
  static final class ListEntries extends GalleryTask {
    @CommandLine.Mixin GalleryOption gallery = new GalleryOption();
    @CommandLine.Mixin ScriptsOption scripts = new ScriptsOption();

    @Override
    int execute() throws IOException {
      Gallery g = Gallery.open(gallery.folder());
      PrintWriter out = out();
      out.printf("%-24s %-8s %-10s %-10s %-10s %s%n", "ID", "VERSION", "LANGUAGE", "KIND",
          "INSTALLED", "DESCRIPTION");
      for (GalleryEntry e : g.entries()) {
        String incompatible = e.incompatibility(PluginHost.API_VERSION);
        out.printf("%-24s %-8s %-10s %-10s %-10s %s%s%n", e.id(), e.version(),
            e.manifest().language().label(), kind(e.manifest()), installed(e),
            e.manifest().description(), incompatible == null ? "" : " [" + incompatible + "]");
      }
      out.printf("%d entries in %s%n", g.entries().size(), g.folder());
      g.problems().forEach(p -> err().println("Not offered: " + p));
      return g.problems().isEmpty() ? 0 : 1;
    }

    private String installed(GalleryEntry e) throws IOException {
      Path folder = scripts.folder().resolve(e.id());
      if (!Files.isDirectory(folder)) {
        return "-";
      }
      if (!InstallRecord.exists(folder)) {
        return "local";
      }
      try {
        String version = InstallRecord.read(folder).version();
        return version.equals(e.version()) ? version : version + "*";
      } catch (GalleryException ex) {
        return "?";
      }
    }
  }

  @Command(name = "show", mixinStandardHelpOptions = true,
      description = "Shows an entry: what it does, its parameters, capabilities, files and a"
          + " configuration example.")
  static final class Show extends GalleryTask {
    @Parameters(paramLabel = "ID", description = "The entry's id.")
    String id;

    @CommandLine.Mixin GalleryOption gallery = new GalleryOption();
    @CommandLine.Mixin ScriptsOption scripts = new ScriptsOption();

    @Override
    int execute() throws IOException {
      GalleryEntry e = Gallery.open(gallery.folder()).require(id);
      ScriptManifest m = e.manifest();
      PrintWriter out = out();
      out.printf("%s %s: %s%n%s%n%n", m.id(), m.version(), m.name(), m.description());
      String incompatible = e.incompatibility(PluginHost.API_VERSION);
      out.printf("kind:          %s%s%n", kind(m), m.kind() == ScriptManifest.Kind.TRIGGER
          ? " (trigger type " + m.triggerTypeId() + ")" : "");
      out.printf("language:      %s (%s)%n", m.language().label(), m.entry());
      out.printf("capabilities:  %s%n", m.capabilities().isEmpty() ? "none"
          : m.capabilities().stream().map(Capability::label).sorted()
              .collect(Collectors.joining(", ")));
      out.printf("plugin API:    %s (%s)%n", m.api(), incompatible == null
          ? "this AutoSync's " + PluginHost.API_VERSION + " fits" : incompatible);
      out.printf("author:        %s%n", m.author().isBlank() ? "-" : m.author());
      out.printf("licence:       %s%n", m.license().isBlank() ? "-" : m.license());
      Path installed = scripts.folder().resolve(m.id());
      out.printf("installed:     %s%n", Files.isDirectory(installed)
          ? describe(GalleryVerifier.verifyOne(installed, null)) + " in " + installed
          : "no");
      out.printf("%nParameters:%n");
      if (m.parameters().isEmpty()) {
        out.println("  none of its own");
      }
      for (ParameterDescriptor p : m.parameters()) {
        String type = p.type().name().toLowerCase(Locale.ROOT)
            + (p.allowedValues().isEmpty() ? "" : " " + p.allowedValues());
        String def = p.required() ? "required" : p.defaultValue() == null ? "optional"
            : "default " + p.defaultValue();
        out.printf("  %-16s %-10s %-24s %s%n", p.name(), type, def, p.description());
      }
      out.printf("%nFiles (SHA-256):%n");
      e.files().forEach((name, hash) -> out.printf("  %-16s %s%n", name, hash));
      out.printf("%nConfiguration example:%n%s%n%nREADME: %s%n", indent(
          EntryDocs.configExample(m)), e.folder().resolve(Gallery.README_FILE));
      return 0;
    }

    private static String describe(Finding f) {
      return f.record() == null ? f.status().label()
          : f.record().version() + ", " + f.status().label();
    }
  }

  @Command(name = "install", mixinStandardHelpOptions = true,
      description = {"Copies an entry into the scripts folder and records its id, version,"
          + " source and the SHA-256 of every file in <scripts>/<id>/.gallery.json.",
          "An intact copy is updated; a copy with local edits, or a folder not installed from"
              + " the gallery, is overwritten only with --force."})
  static final class Install extends GalleryTask {
    @Parameters(paramLabel = "ID", description = "The entry's id.")
    String id;

    @Option(names = "--force", description = "Overwrite a copy with local edits, or a script"
        + " folder of the same name not installed from the gallery.")
    boolean force;

    @CommandLine.Mixin GalleryOption gallery = new GalleryOption();
    @CommandLine.Mixin ScriptsOption scripts = new ScriptsOption();

    InstantSource clock = InstantSource.system();

    @Override
    int execute() throws IOException {
      Gallery g = Gallery.open(gallery.folder());
      GalleryEntry e = g.require(id);
      GalleryInstaller.Result r = GalleryInstaller.install(g, id, scripts.folder(), force,
          PluginHost.API_VERSION, clock);
      PrintWriter out = out();
      String what = switch (r.outcome()) {
        case INSTALLED -> "Installed '" + e.id() + "' " + e.version();
        case UPDATED -> "Updated '" + e.id() + "' from " + r.previous().version() + " to "
            + e.version();
        case REINSTALLED -> "Reinstalled '" + e.id() + "' " + e.version();
        case REPLACED -> "Replaced '" + e.id() + "' with the gallery's " + e.version()
            + ", overwriting: " + String.join("; ", r.replacedChanges());
      };
      out.printf("%s into %s (%s; SHA-256 of each recorded in %s).%n", what, r.folder(),
          String.join(", ", r.record().files().keySet()), InstallRecord.FILE_NAME);
      ScriptManifest m = e.manifest();
      if (m.kind() == ScriptManifest.Kind.TRIGGER) {
        out.printf("It is the trigger type %s; a running AutoSync offers it at its next"
            + " configuration reload. For example:%n%s%n", m.triggerTypeId(),
            indent(EntryDocs.configExample(m)));
      } else {
        out.printf("It is a controller script; name it in a controllerScript block (an MA's,"
            + " or controller: for every MA), checked at the next configuration reload:%n%s%n",
            indent(EntryDocs.configExample(m)));
      }
      return 0;
    }
  }

  @Command(name = "verify", mixinStandardHelpOptions = true,
      description = {"Checks every script in the scripts folder against its install record and"
          + " the gallery: intact, edited, missing files, tampered (the record does not match"
          + " the gallery's files for its version, or cannot be read), or not from the gallery.",
          "Exits with 1 when any copy is edited, has missing files or is tampered."})
  static final class Verify extends GalleryTask {
    @CommandLine.Mixin GalleryOption gallery = new GalleryOption();
    @CommandLine.Mixin ScriptsOption scripts = new ScriptsOption();

    @Override
    int execute() throws IOException {
      Path folder = scripts.folder();
      Gallery g = null;
      if (Files.isDirectory(gallery.folder())) {
        g = Gallery.open(gallery.folder());
      } else {
        err().println("No gallery at " + gallery.folder() + ": checking files against their"
            + " install records only");
      }
      List<Finding> findings = GalleryVerifier.verify(folder, g);
      PrintWriter out = out();
      Map<Status, Integer> counts = new EnumMap<>(Status.class);
      for (Finding f : findings) {
        counts.merge(f.status(), 1, Integer::sum);
        out.printf("%-24s %-8s %-20s %s%n", f.id(), f.record() == null ? "-"
            : f.record().version(), f.status().label(), String.join("; ", f.details()));
      }
      out.printf("%d scripts in %s%s%n", findings.size(), folder, counts.isEmpty() ? ""
          : ": " + counts.entrySet().stream().map(c -> c.getValue() + " " + c.getKey().label())
              .collect(Collectors.joining(", ")));
      return findings.stream().anyMatch(f -> f.status().isProblem()) ? 1 : 0;
    }
  }

  @Command(name = "new", mixinStandardHelpOptions = true,
      description = {"Scaffolds a gallery entry that works and passes its own test cases:"
          + " manifest.json, the script, README.md and tests.json.",
          "Updates the gallery's index.json when there is one."})
  static final class New extends GalleryTask {
    @Parameters(paramLabel = "ID", description = "The new entry's id: lower-case letters,"
        + " digits and '-'.")
    String id;

    @Option(names = "--language", required = true, paramLabel = "js|python",
        description = "The script's language: js (javascript) or python.")
    String language;

    @Option(names = "--kind", defaultValue = "trigger", paramLabel = "trigger|controller",
        description = "A trigger script or a controller script (default ${DEFAULT-VALUE}).")
    String kind;

    @Option(names = "--author", defaultValue = "${sys:user.name}", paramLabel = "NAME",
        description = "For the manifest (default: your user name).")
    String author;

    @Option(names = "--license", defaultValue = "Apache-2.0", paramLabel = "SPDX",
        description = "For the manifest (default ${DEFAULT-VALUE}).")
    String license;

    @CommandLine.Mixin GalleryOption gallery = new GalleryOption();

    @Override
    int execute() throws IOException {
      ScriptLanguage lang;
      ScriptManifest.Kind k;
      try {
        lang = ScriptLanguage.parse(language);
        k = ScriptManifest.Kind.valueOf(kind.strip().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        err().println("--language: expected js or python; --kind: expected trigger or"
            + " controller; got --language " + language + " --kind " + kind);
        return 2;
      }
      Path folder = gallery.folder();
      Files.createDirectories(folder);
      GalleryEntry e = GalleryScaffold.create(folder, new GalleryScaffold.Request(id, lang, k,
          author == null ? "" : author, license, ">=" + PluginHost.API_VERSION));
      PrintWriter out = out();
      out.printf("Created gallery entry '%s' in %s: %s, %s%n", e.id(), e.folder(),
          String.join(", ", e.files().keySet()), Gallery.TESTS_FILE);
      if (Files.exists(folder.resolve(Gallery.INDEX_FILE))) {
        out.printf("Updated %s%n", GalleryIndex.write(Gallery.open(folder)));
      }
      out.printf("Next: edit %s, %s and %s, then run its test cases:%n"
          + "  ./dev mvn -q -o -pl gallery -am verify -Dgallery.entry=%s%n",
          e.manifest().entry(), Gallery.TESTS_FILE, Gallery.README_FILE, e.id());
      return 0;
    }
  }

  @Command(name = "index", mixinStandardHelpOptions = true,
      description = "Writes the gallery's index.json from its entries (or, with --check, says"
          + " whether it is current).")
  static final class Index extends GalleryTask {
    @Option(names = "--check", description = "Only check; exit with 1 when the index is out of"
        + " date.")
    boolean check;

    @CommandLine.Mixin GalleryOption gallery = new GalleryOption();

    @Override
    int execute() throws IOException {
      Gallery g = Gallery.open(gallery.folder());
      g.problems().forEach(p -> err().println("Not offered: " + p));
      if (check) {
        boolean current = GalleryIndex.isCurrent(g);
        out().println(g.folder().resolve(Gallery.INDEX_FILE) + (current ? ": current"
            : ": out of date; run 'autosync gallery index' to regenerate it"));
        return current ? 0 : 1;
      }
      out().printf("Wrote %s (%d entries)%n", GalleryIndex.write(g), g.entries().size());
      return 0;
    }
  }

  private static String kind(ScriptManifest m) {
    return m.kind().name().toLowerCase(Locale.ROOT);
  }

  private static String indent(String text) {
    return text.lines().map(l -> "  " + l).collect(Collectors.joining("\n"));
  }
}
