package org.autosync.host.trigger;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Rules for the trigger and time packages of the host. */
class TriggerArchitectureTest {

  private static final JavaClasses HOST_CLASSES = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("org.autosync.host.trigger", "org.autosync.host.time");

  @Test
  void library_code_does_not_print_to_standard_streams() {
    NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS.check(HOST_CLASSES);
  }

  @Test
  void time_does_not_depend_on_triggers() {
    noClasses().that().resideInAPackage("org.autosync.host.time")
        .should().dependOnClassesThat().resideInAPackage("org.autosync.host.trigger")
        .check(HOST_CLASSES);
  }

  @Test
  void only_the_supervisor_api_is_public() {
    noClasses().that().resideInAPackage("org.autosync.host.trigger")
        .and().areTopLevelClasses()
        .and().haveSimpleNameNotStartingWith("Trigger")
        .and().doNotHaveSimpleName("RestartPolicy")
        .and().doNotHaveSimpleName("SecretResolver")
        .should().bePublic()
        .check(HOST_CLASSES);
  }
}
