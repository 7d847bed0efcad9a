package org.autosync.host;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.GeneralCodingRules.ACCESS_STANDARD_STREAMS;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Project-wide rules: which module may depend on which, no cycles, no printing. */
class ArchitectureTest {

  private static final JavaClasses MAIN_CLASSES = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .withImportOption(location -> !location.contains("/test-classes/"))
      .importPackages("org.autosync");

  @Test
  void the_plugin_api_depends_on_nothing_of_ours() {
    noClasses().that().resideInAPackage("org.autosync.api..")
        .should().dependOnClassesThat().resideOutsideOfPackages(
            "org.autosync.api..", "java..", "org.pf4j..", "org.slf4j..", "org.jspecify..")
        .check(MAIN_CLASSES);
  }

  @Test
  void the_test_kit_uses_only_the_plugin_api() {
    noClasses().that().resideInAPackage("org.autosync.testkit..")
        .should().dependOnClassesThat().resideInAPackage("org.autosync.host..")
        .check(MAIN_CLASSES);
  }

  @Test
  void the_controller_does_not_know_about_triggers() {
    noClasses().that().resideInAPackage("org.autosync.host.controller..")
        .should().dependOnClassesThat().resideInAPackage("org.autosync.host.trigger..")
        .check(MAIN_CLASSES);
  }

  @Test
  void packages_have_no_cycles() {
    slices().matching("org.autosync.(**)").should().beFreeOfCycles().check(MAIN_CLASSES);
  }

  @Test
  void library_code_does_not_print_to_standard_streams() {
    noClasses().that().resideOutsideOfPackage("org.autosync.bench..")
        .should(ACCESS_STANDARD_STREAMS)
        .check(MAIN_CLASSES);
  }

  @Test
  void the_rules_see_every_module() {
    for (String name : new String[] {"org.autosync.api.ExecutionRequest",
        "org.autosync.api.engine.SyncEngine", "org.autosync.testkit.FakeEngine",
        "org.autosync.host.controller.ExecutionController"}) {
      org.junit.jupiter.api.Assertions.assertTrue(MAIN_CLASSES.contain(name), name);
    }
  }
}
