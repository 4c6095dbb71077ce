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
                "dev.s3sh.command", "dev.s3sh.app", "dev.s3sh.text", "dev.s3sh.policy", "dev.s3sh.lifecycle", "dev.s3sh.completions", "dev.s3sh.tui", "dev.s3sh.shell"}) {
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
                        "dev.s3sh.command..", "dev.s3sh.app..", "dev.s3sh.policy..", "dev.s3sh.lifecycle..", "dev.s3sh.text..")
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

    /**
     * Commands and everything below the front ends print only through the writers a front end hands
     * them in a CommandContext, which escape for the terminal (TerminalWriter): no System.out or
     * System.err, and no PrintStream or PrintWriter built on a raw byte stream, which would bypass it.
     */
    @Test
    void onlyTheFrontEndsReachTheProcessStreams() {
        String[] belowTheFrontEnds = {"dev.s3sh.shell.commands..", "dev.s3sh.app..", "dev.s3sh.completions..",
                "dev.s3sh.command..", "dev.s3sh.session..", "dev.s3sh.store..", "dev.s3sh.cors..", "dev.s3sh.config.."};
        noClasses().that().resideInAnyPackage(belowTheFrontEnds)
                .should().accessField(System.class, "out")
                .orShould().accessField(System.class, "err")
                .orShould().accessField(java.io.FileDescriptor.class, "out")
                .orShould().accessField(java.io.FileDescriptor.class, "err")
                .orShould().callConstructorWhere(rawStreamWriter())
                .because("a command prints through ctx.out()/ctx.err(), which escape what reaches the terminal")
                .check(CLASSES);
    }

    @Test
    void theSeamIsBuiltInOnePlace() {
        noClasses().that().doNotHaveFullyQualifiedName("dev.s3sh.command.CommandContext")
                .should().callMethod(dev.s3sh.text.TerminalWriter.class, "wrap", java.io.PrintWriter.class)
                .because("CommandContext wraps the writers every front end gives it")
                .check(CLASSES);
    }

    /** A PrintStream, or a PrintWriter or OutputStreamWriter made from an OutputStream or a file. */
    private static com.tngtech.archunit.base.DescribedPredicate<com.tngtech.archunit.core.domain.JavaConstructorCall> rawStreamWriter() {
        return com.tngtech.archunit.base.DescribedPredicate.describe("a writer on a raw byte stream", call -> {
            var target = call.getTarget();
            String owner = target.getOwner().getName();
            if (owner.equals("java.io.PrintStream")) return true;
            if (!owner.equals("java.io.PrintWriter") && !owner.equals("java.io.OutputStreamWriter")) return false;
            var params = target.getRawParameterTypes();
            return !params.isEmpty() && !params.get(0).isAssignableTo(java.io.Writer.class);
        });
    }
}
