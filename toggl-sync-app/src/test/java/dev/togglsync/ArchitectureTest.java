package dev.togglsync;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * DESIGN.md §9's dependency rules over the compiled product (every module's main classes): nothing
 * imports {@code cli}; the Toggl source never imports config, engine, targets or cli; targets never
 * import the source; the simulator imports nothing of the product; no package is in a cycle.
 *
 * <p>Each rule is also run against {@code ArchViolation} fixtures of this module's test tree, which
 * break it on purpose: a rule that matched no class, or that a forbidden import slips past, fails here.
 */
class ArchitectureTest {
    private static final String PRODUCT = "dev.togglsync";

    /** The product's classes: main output of every module, not test classes or the test-jar fixtures. */
    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(location -> !location.contains("-tests.jar"))
            .importPackages(PRODUCT);

    private static final JavaClasses VIOLATIONS = new ClassFileImporter().importClasses(
            dev.togglsync.toggl.ArchViolation.class,
            dev.togglsync.target.ArchViolation.class,
            dev.togglsync.simulator.ArchViolation.class);

    static final ArchRule NOTHING_IMPORTS_CLI = noClasses()
            .that().resideOutsideOfPackage(PRODUCT + ".cli..")
            .should().dependOnClassesThat().resideInAPackage(PRODUCT + ".cli..")
            .because("cli is the outermost layer: commands call the engine, never the reverse (DESIGN.md §9)");

    static final ArchRule SOURCE_KNOWS_ONLY_ITSELF = noClasses()
            .that().resideInAnyPackage(PRODUCT + ".toggl..", PRODUCT + ".http..", PRODUCT + ".schema..", PRODUCT + ".state..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    PRODUCT + ".config..", PRODUCT + ".engine..", PRODUCT + ".target..", PRODUCT + ".cli..")
            .because("the Toggl source is a library the CLI and the Kafka Connect connector both embed");

    static final ArchRule TARGETS_DO_NOT_KNOW_THE_SOURCE = noClasses()
            .that().resideInAPackage(PRODUCT + ".target..")
            .should().dependOnClassesThat().resideInAnyPackage(PRODUCT + ".toggl..", PRODUCT + ".http..")
            .because("a target writes typed rows from any source; the engine joins the two");

    static final ArchRule SIMULATOR_IMPORTS_NOTHING_OF_THE_PRODUCT = noClasses()
            .that().resideInAPackage(PRODUCT + ".simulator..")
            .should().dependOnClassesThat().resideInAnyPackage(PRODUCT + ".toggl..", PRODUCT + ".http..",
                    PRODUCT + ".schema..", PRODUCT + ".state..", PRODUCT + ".config..", PRODUCT + ".engine..",
                    PRODUCT + ".target..", PRODUCT + ".cli..")
            .because("the simulator plays Toggl: sharing the product's code would hide the bugs it is there to find");

    static final ArchRule NO_PACKAGE_CYCLES = slices().matching(PRODUCT + ".(**)").should().beFreeOfCycles();

    private static final List<ArchRule> RULES = List.of(NOTHING_IMPORTS_CLI, SOURCE_KNOWS_ONLY_ITSELF,
            TARGETS_DO_NOT_KNOW_THE_SOURCE, SIMULATOR_IMPORTS_NOTHING_OF_THE_PRODUCT, NO_PACKAGE_CYCLES);

    @Test
    void theProductKeepsEveryRule() {
        assertThat(MAIN.containPackage(PRODUCT + ".toggl")).as("toggl-source's classes were imported").isTrue();
        assertThat(MAIN.containPackage(PRODUCT + ".simulator")).as("the simulator's classes were imported").isTrue();
        assertThat(MAIN.containPackage(PRODUCT + ".cli")).as("the application's classes were imported").isTrue();
        RULES.forEach(rule -> rule.check(MAIN));
    }

    @Test
    void everyRuleFailsOnAForbiddenImport() {
        for (ArchRule rule : RULES) {
            assertThatThrownBy(() -> rule.check(VIOLATIONS)).as(rule.getDescription()).isInstanceOf(AssertionError.class);
        }
    }
}
