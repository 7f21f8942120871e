package com.textinbox.localcloud.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.textinbox.shared.testing.RepositoryFiles;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The architecture of DESIGN.md principle 10, checked on the compiled main classes of {@code shared}
 * and every function module (their {@code target/classes}, built earlier in the reactor):
 * <ul>
 *   <li>only stores and mappers ({@code com.textinbox.shared..store..}) touch the DynamoDB model;
 *   <li>no function module depends on another, and {@code shared} on none of them.
 * </ul>
 * Each rule is also shown to fire on a class written the old way.
 */
class ArchitectureTest {
  private static final String DYNAMODB_MODEL = "software.amazon.awssdk.services.dynamodb.model..";
  private static final String STORES = "com.textinbox.shared..store..";

  private static JavaClasses mainClasses;
  private static List<String> functionPackages;

  @BeforeAll
  static void importMainClasses() {
    Path root = RepositoryFiles.root();
    List<Path> folders = new ArrayList<>();
    folders.add(root.resolve("shared/target/classes"));
    try (Stream<Path> functions = Files.list(root.resolve("functions"))) {
      functions.map(f -> f.resolve("target/classes")).filter(Files::isDirectory).sorted().forEach(folders::add);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    assertTrue(folders.size() > 10 && folders.stream().allMatch(Files::isDirectory),
        "build shared and the functions first (mvn verify builds them before infra/local-cloud): " + folders);
    mainClasses = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPaths(folders);
    functionPackages = mainClasses.stream().map(c -> c.getPackageName())
        // com.textinbox only: shared also holds two classes in the SDK's package (decision 71)
        .filter(p -> p.startsWith("com.textinbox.") && !p.startsWith("com.textinbox.shared"))
        .map(p -> p.split("\\.")[2]).distinct().sorted().map(p -> "com.textinbox." + p + "..").toList();
  }

  /** Handlers and rules speak in records; the item maps, expressions and SDK exceptions stay in stores. */
  static ArchRule onlyStoresTouchTheDynamoDbModel() {
    return noClasses().that().resideOutsideOfPackage(STORES)
        .should().dependOnClassesThat().resideInAPackage(DYNAMODB_MODEL)
        .because("only stores and mappers (com.textinbox.shared.<aggregate>.store) touch the DynamoDB model (DESIGN.md principle 10)");
  }

  @Test
  void onlyStoresAndMappersTouchTheDynamoDbModel() {
    onlyStoresTouchTheDynamoDbModel().check(mainClasses);
  }

  @Test
  void theRuleFiresOnAHandlerBuildingItemsByHand() {
    JavaClasses leaky = new ClassFileImporter().importPackages("com.textinbox.fixture.leaky");
    EvaluationResult result = onlyStoresTouchTheDynamoDbModel().evaluate(leaky);
    assertTrue(result.hasViolation(), "the rule did not fire on LeakyHandler");
    assertTrue(result.getFailureReport().toString().contains("LeakyHandler"), result.getFailureReport().toString());
  }

  @Test
  void noFunctionDependsOnAnother() {
    assertTrue(functionPackages.size() > 10, "function packages found: " + functionPackages);
    for (String function : functionPackages) {
      String[] others = functionPackages.stream().filter(p -> !p.equals(function)).toArray(String[]::new);
      noClasses().that().resideInAPackage(function)
          .should().dependOnClassesThat().resideInAnyPackage(others)
          .because("each function is its own jar: what two functions share belongs in shared")
          .check(mainClasses);
    }
  }

  @Test
  void sharedDependsOnNoFunction() {
    noClasses().that().resideInAPackage("com.textinbox.shared..")
        .should().dependOnClassesThat().resideInAnyPackage(functionPackages.toArray(String[]::new))
        .because("shared is the library under every function, never the other way round")
        .check(mainClasses);
  }

  @Test
  void theFunctionPackagesAreTheFunctionModules() {
    assertFalse(functionPackages.contains("com.textinbox.shared.."), functionPackages.toString());
    assertTrue(functionPackages.contains("com.textinbox.users.."), functionPackages.toString());
  }
}
