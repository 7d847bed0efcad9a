package org.autosync.host.config;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The configuration package exposes five types and keeps SnakeYAML to itself. */
class ConfigArchitectureTest {

  private static final JavaClasses CLASSES = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("org.autosync.host");

  @Test
  void only_the_loader_its_result_its_errors_the_printer_and_the_starter_are_public() {
    classes().that().resideInAPackage("org.autosync.host.config").and().arePublic()
        .should().haveSimpleNameStartingWith("Config").orShould().haveSimpleName("AutoSyncConfig")
        .orShould().haveSimpleName("StarterConfig")
        .check(CLASSES);
    noClasses().that().resideInAPackage("org.autosync.host.config")
        .and().haveSimpleNameNotStartingWith("Config")
        .and().doNotHaveSimpleName("AutoSyncConfig")
        .and().doNotHaveSimpleName("StarterConfig")
        .should().bePublic()
        .check(CLASSES);
  }

  @Test
  void the_yaml_parser_does_not_leak_out_of_the_configuration_package() {
    noClasses().that().resideOutsideOfPackage("org.autosync.host.config")
        .should().dependOnClassesThat().resideInAPackage("org.yaml.snakeyaml..")
        .check(CLASSES);
  }
}
