package dev.s3sh.completions;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** Completion stays at the edge: only the wiring in the shell knows it, and it knows no terminal, UI or CORS internals. */
class CompletionsLayeringTest {
    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(location -> !location.contains("-tests.jar"))
            .importPackages("dev.s3sh");

    @Test
    void onlyTheWiringInTheShellUsesCompletions() {
        noClasses().that().resideInAPackage("dev.s3sh.shell..")
                .and().doNotHaveFullyQualifiedName("dev.s3sh.shell.Repl")
                .and().doNotHaveFullyQualifiedName("dev.s3sh.shell.Main")
                .and().doNotHaveFullyQualifiedName("dev.s3sh.shell.ShellCompleter")
                .and().doNotHaveFullyQualifiedName("dev.s3sh.shell.ShellLineParser$Line")
                .and().doNotHaveFullyQualifiedName("dev.s3sh.shell.commands.BuiltinCommands")
                .should().dependOnClassesThat().resideInAPackage("dev.s3sh.completions..")
                .check(MAIN);
    }

    @Test
    void completionsUseNoTerminalUiNoCorsAndNoSdk() {
        noClasses().that().resideInAPackage("dev.s3sh.completions..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.s3sh.tui..", "dev.s3sh.cors..", "software.amazon..",
                        "com.googlecode.lanterna..", "org.jline..")
                .check(MAIN);
    }
}
