package org.autosync.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.autosync.host.cli.AutoSyncCli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The autosync command line with the built-in plugin ZIPs, as a person would use it. */
class CommandLineTest {

  @TempDir Path dir;
  final StringWriter out = new StringWriter();
  final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cli = new CommandLine(new AutoSyncCli());
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  private Path config(String text) throws Exception {
    Path file = dir.resolve("autosync.yaml");
    Files.writeString(file, text);
    return file;
  }

  private static final String VALID = """
      engine:
        type: embedded
        settings:
          metaverse: {person: {attributes: [employeeNumber]}}
          mas:
            - name: HR
              connector:
                type: ldap
                options: {host: 127.0.0.1, objectClasses: person, bindDn: cn=admin,
                          password: "${env:HR_PASSWORD}"}
              objectTypes: [{name: person, anchor: employeeNumber, attributes: [employeeNumber]}]
              profiles: {DI: [{kind: DeltaImport}]}
      mas:
        HR:
          enabled: true
          triggers:
            - {id: hr-poll, type: interval, interval: 5m}
      """;

  /** The built-in plugin ZIPs, as an installation has them. */
  private String plugins() throws Exception {
    Path folder = dir.resolve("plugins");
    return (Files.isDirectory(folder) ? folder : Installation.pluginsFolder(dir)).toString();
  }

  @Test
  void validate_accepts_a_good_file() throws Exception {
    Path file = config(VALID);
    assertEquals(0, run("validate", "-c", file.toString(), "--plugins", plugins()),
        err.toString());
    assertTrue(out.toString().contains("valid"));
  }

  @Test
  void validate_names_file_line_column_and_field_of_every_problem() throws Exception {
    Path file = config(VALID.replace("interval: 5m}", "interval: often}")
        .replace("enabled: true", "enabled: yes-please"));
    assertEquals(1, run("validate", "-c", file.toString(), "--plugins", plugins()));
    String errors = err.toString();
    assertTrue(errors.contains("autosync.yaml:15:"), errors);
    assertTrue(errors.contains("mas.HR.enabled"), errors);
    assertTrue(errors.contains("mas.HR.triggers[0].interval"), errors);
  }

  @Test
  void config_show_prints_the_effective_configuration_with_secrets_masked() throws Exception {
    Path file = config(VALID.replace("\"${env:HR_PASSWORD}\"", "hunter2"));
    assertEquals(0, run("config", "show", "-c", file.toString(), "--plugins",
        plugins()), err.toString());
    String shown = out.toString();
    assertFalse(shown.contains("hunter2"), shown);
    assertTrue(shown.contains("********"), shown);
    assertTrue(shown.contains("runMode"), "defaults filled in: " + shown);
  }

  @Test
  void plugins_lists_the_built_in_types() throws Exception {
    assertEquals(0, run("plugins", "--plugins", Installation.pluginsFolder(dir).toString()),
        err.toString());
    assertTrue(out.toString().contains("engine types:  [embedded]"), out.toString());
    assertTrue(out.toString().contains("interval"), out.toString());
    assertTrue(out.toString().contains("cron"), out.toString());
    assertTrue(out.toString().contains("ldap-changelog"), out.toString());
  }

  @Test
  void version_and_help_answer_everywhere() {
    assertEquals(0, run("--version"));
    assertTrue(out.toString().contains("AutoSync"), out.toString());
    assertEquals(0, run("demo", "--help"));
    assertTrue(out.toString().contains("--hr-port"), out.toString());
  }
}
