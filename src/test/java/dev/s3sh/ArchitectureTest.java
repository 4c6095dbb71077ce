package dev.s3sh;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The import rules of DESIGN §2: terminals live at the edges, the CORS domain stays pure. */
class ArchitectureTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.s3sh");

    @Test
    void corsIsPure() {
        noClasses().that().resideInAPackage("dev.s3sh.cors..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.jline..", "com.googlecode.lanterna..", "software.amazon..",
                        "dev.s3sh.shell..", "dev.s3sh.store..", "dev.s3sh.session..", "dev.s3sh.tui..",
                        "dev.s3sh.completions..", "java.net..")
                .check(CLASSES);
    }

    @Test
    void onlyTheEdgesKnowTerminals() {
        noClasses().that().resideInAnyPackage("dev.s3sh.config..", "dev.s3sh.store..", "dev.s3sh.session..",
                        "dev.s3sh.cors..", "dev.s3sh.shell.commands..")
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
    void lowerLayersDoNotReachUp() {
        noClasses().that().resideInAnyPackage("dev.s3sh.config..", "dev.s3sh.store..", "dev.s3sh.session..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.s3sh.shell..", "dev.s3sh.tui..",
                        "dev.s3sh.completions..")
                .check(CLASSES);
    }
}
