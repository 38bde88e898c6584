package dev.togglsync.connect;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import dev.togglsync.toggl.TogglStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The connector's place in DESIGN.md §9, checked over compiled classes: it embeds the Toggl source
 * as the CLI does and knows nothing of the application (config, engine, target, cli, report);
 * only {@link StreamCatalogue} names the catalogue type; and the packages it and the source span
 * form no cycle. toggl-sync-app's {@code ArchitectureTest} cannot see this module, hence a test here.
 *
 * <p>Each rule also runs against the {@code ArchViolation} fixtures of this test tree, which break
 * it on purpose: a rule that matched no class, or that a forbidden import slips past, fails here.
 */
class ConnectArchitectureTest {
    private static final String PRODUCT = "dev.togglsync";
    private static final String CONNECT = PRODUCT + ".connect..";

    /** This module's main classes and the product classes it runs with (toggl-source, the simulator). */
    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(location -> !location.contains("-tests.jar"))
            .importPackages(PRODUCT);

    private static final JavaClasses VIOLATIONS = new ClassFileImporter().importClasses(
            dev.togglsync.connect.ArchViolation.class, dev.togglsync.report.ArchViolation.class);

    static final ArchRule CONNECTOR_KNOWS_ONLY_THE_SOURCE = noClasses()
            .that().resideInAPackage(CONNECT)
            .should().dependOnClassesThat().resideInAnyPackage(PRODUCT + ".config..", PRODUCT + ".engine..",
                    PRODUCT + ".target..", PRODUCT + ".cli..", PRODUCT + ".report..")
            .because("the connector embeds toggl-source as the CLI does; Kafka Connect is its engine and its targets");

    static final ArchRule ONE_CLASS_NAMES_THE_CATALOGUE = noClasses()
            .that().resideInAPackage(CONNECT).and().doNotHaveFullyQualifiedName(StreamCatalogue.class.getName())
            .should().dependOnClassesThat().haveFullyQualifiedName(TogglStream.class.getName())
            .because("StreamCatalogue is the connector's one view of the catalogue: a change to it is one edit there");

    static final ArchRule NO_PACKAGE_CYCLES = slices().matching(PRODUCT + ".(**)").should().beFreeOfCycles();

    private static final List<ArchRule> RULES = List.of(CONNECTOR_KNOWS_ONLY_THE_SOURCE, ONE_CLASS_NAMES_THE_CATALOGUE,
            NO_PACKAGE_CYCLES);

    @Test
    void theConnectorKeepsEveryRule() {
        assertThat(MAIN.containPackage(PRODUCT + ".connect")).as("the connector's classes were imported").isTrue();
        assertThat(MAIN.containPackage(PRODUCT + ".toggl")).as("toggl-source's classes were imported").isTrue();
        assertThat(MAIN.contain(ArchViolation.class)).as("no test fixture among the product's classes").isFalse();
        RULES.forEach(rule -> rule.check(MAIN));
    }

    @Test
    void everyRuleFailsOnAForbiddenImport() {
        for (ArchRule rule : RULES) {
            assertThatThrownBy(() -> rule.check(VIOLATIONS)).as(rule.getDescription()).isInstanceOf(AssertionError.class);
        }
    }
}
