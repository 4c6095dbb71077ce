package dev.s3sh;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The rules of docs/architecture.md inside the modules (Maven already refuses a cycle between
 * modules): no package cycle anywhere, terminals only at the edges, the CORS engine pure, the
 * SDK only in the store. The shell module sees every module's classes, so the rules run here.
 */
class ArchitectureTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            // main classes only, whether a module comes as a folder or as a jar in the reactor
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(location -> !location.contains("-tests.jar"))
            .importPackages("dev.s3sh");

    @Test
    void theClassesOfEveryModuleAreImported() {
        for (String pkg : new String[] {"dev.s3sh.cors", "dev.s3sh.config", "dev.s3sh.store", "dev.s3sh.session",
                "dev.s3sh.command", "dev.s3sh.app", "dev.s3sh.text", "dev.s3sh.completions", "dev.s3sh.tui", "dev.s3sh.shell"}) {
            if (!CLASSES.containPackage(pkg)) throw new AssertionError("no classes imported from " + pkg);
        }
    }

    @Test
    void noPackageCycles() {
        slices().matching("dev.s3sh.(**)").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void corsIsPure() {
        noClasses().that().resideInAPackage("dev.s3sh.cors..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.jline..", "com.googlecode.lanterna..", "software.amazon..",
                        "dev.s3sh.shell..", "dev.s3sh.store..", "dev.s3sh.session..", "dev.s3sh.tui..",
                        "dev.s3sh.completions..", "dev.s3sh.command..", "dev.s3sh.app..", "dev.s3sh.config..",
                        "java.net..")
                .check(CLASSES);
    }

    @Test
    void onlyTheEdgesKnowTerminals() {
        noClasses().that().resideOutsideOfPackages("dev.s3sh.shell", "dev.s3sh.tui..")
                .should().dependOnClassesThat().resideInAnyPackage("org.jline..", "com.googlecode.lanterna..")
                .check(CLASSES);
    }

    @Test
    void theSdkStaysInTheStore() {
        noClasses().that().resideOutsideOfPackages("dev.s3sh.store..")
                .should().dependOnClassesThat().resideInAPackage("software.amazon..")
                .check(CLASSES);
    }

    @Test
    void theCoreDoesNotReachUp() {
        noClasses().that().resideInAnyPackage("dev.s3sh.config..", "dev.s3sh.store..", "dev.s3sh.session..",
                        "dev.s3sh.command..", "dev.s3sh.app..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.s3sh.shell..", "dev.s3sh.tui..",
                        "dev.s3sh.completions..")
                .check(CLASSES);
    }

    @Test
    void completionsAndTheTuiDoNotKnowEachOtherOrTheShell() {
        noClasses().that().resideInAPackage("dev.s3sh.completions..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.s3sh.shell..", "dev.s3sh.tui..")
                .check(CLASSES);
        noClasses().that().resideInAPackage("dev.s3sh.tui..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.s3sh.shell..", "dev.s3sh.completions..")
                .check(CLASSES);
    }
}
