package dev.s3sh.command;

import dev.s3sh.command.CommandLineParser;
import dev.s3sh.command.CommandSpec;
import dev.s3sh.command.OptionSpec;
import dev.s3sh.command.ParsedArgs;
import dev.s3sh.command.UsageException;
import dev.s3sh.command.ValueKind;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CommandLineParserTest {
    private static final CommandSpec SPEC = CommandSpec.builder("cors check")
            .option(OptionSpec.flag("long", 'l', "long"))
            .option(OptionSpec.flag("recursive", 'r', "recursive"))
            .option(OptionSpec.value("origin", ValueKind.TEXT, "origin"))
            .option(OptionSpec.repeated("header", ValueKind.TEXT, "header"))
            .option(OptionSpec.value("method", ValueKind.HTTP_METHOD, "method"))
            .option(OptionSpec.value("dialect", ValueKind.DIALECT, "dialect"))
            .build();

    @Test
    void longShortBundledAndPositionals() {
        ParsedArgs a = CommandLineParser.parseArgs(SPEC, List.of("-lr", "s3://b/", "--origin", "http://x", "--header=A", "--header", "B"));
        assertTrue(a.has("long"));
        assertTrue(a.has("recursive"));
        assertEquals("http://x", a.value("origin", null));
        assertEquals(List.of("A", "B"), a.values("header"));
        assertEquals(List.of("s3://b/"), a.positionals());
    }

    @Test
    void globalOptionsAndDoubleDash() {
        ParsedArgs a = CommandLineParser.parseArgs(SPEC, List.of("-o", "json", "--yes", "--", "--not-an-option", "-5"));
        assertTrue(a.json());
        assertTrue(a.has("yes"));
        assertEquals(List.of("--not-an-option", "-5"), a.positionals());
        assertFalse(a.has("long"));
    }

    @Test
    void negativeNumbersArePositionals() {
        assertEquals(List.of("-5"), CommandLineParser.parseArgs(SPEC, List.of("-5")).positionals());
    }

    @Test
    void mistakesAreUsageErrorsThatNameTheOption() {
        assertEquals("unknown option --nope for 'cors check': see 'help cors check'",
                assertThrows(UsageException.class, () -> CommandLineParser.parseArgs(SPEC, List.of("--nope"))).getMessage());
        assertTrue(assertThrows(UsageException.class, () -> CommandLineParser.parseArgs(SPEC, List.of("--origin")))
                .getMessage().contains("needs a value"));
        assertEquals("--dialect must be one of rgw, rgw-2026, aws, not 'gcs'",
                assertThrows(UsageException.class, () -> CommandLineParser.parseArgs(SPEC, List.of("--dialect", "gcs"))).getMessage());
        // methods are completed from a list but any is accepted, so 'cors check' can explain a PATCH
        assertEquals("PATCH", CommandLineParser.parseArgs(SPEC, List.of("--method", "PATCH")).value("method", null));
        assertTrue(assertThrows(UsageException.class, () -> CommandLineParser.parseArgs(SPEC, List.of("-x")))
                .getMessage().contains("unknown option -x"));
        assertTrue(assertThrows(UsageException.class, () -> CommandLineParser.parseArgs(SPEC, List.of("--long=1")))
                .getMessage().contains("takes no value"));
    }

    @Test
    void anEmptyArgumentIsAnArgument() {
        ParsedArgs a = CommandLineParser.parseArgs(SPEC, List.of("--origin", "", "--method", "GET", ""));
        assertEquals("", a.value("origin", null));
        assertEquals("GET", a.value("method", null));
        assertEquals(List.of(""), a.positionals());
        assertEquals("", CommandLineParser.parseArgs(SPEC, List.of("--origin=")).value("origin", null));
    }

    @Test
    void aNearMissIsNamed() {
        assertEquals("unknown option --orign for 'cors check': did you mean --origin? (see 'help cors check')",
                assertThrows(UsageException.class, () -> CommandLineParser.parseArgs(SPEC, List.of("--orign", "x"))).getMessage());
        assertEquals("unknown global option --profil: did you mean --profile? (see 's3sh --help')",
                assertThrows(UsageException.class, () -> CommandLineParser.parseLeading(GlobalOptions.SPEC,
                        List.of("--profil", "x", "ls"))).getMessage());
        assertEquals("unknown option -x for 'cors check': see 'help cors check'",
                assertThrows(UsageException.class, () -> CommandLineParser.parseArgs(SPEC, List.of("-x"))).getMessage());
    }

    @Test
    void leadingOptionsStopAtTheCommandWord() {
        CommandLineParser.Leading l = CommandLineParser.parseLeading(GlobalOptions.SPEC,
                List.of("--profile", "atl", "-c", "x.cfg", "-ojson", "--insecure", "ls", "--profile", "ignored"));
        assertEquals("atl", l.options().value("profile", null));
        assertEquals("x.cfg", l.options().value("config", null));
        assertEquals(OutputFormat.JSON, l.options().output());
        assertTrue(l.options().has("insecure"));
        assertEquals(List.of("ls", "--profile", "ignored"), l.rest());
    }

    @Test
    void theAnalysisOfAnUnfinishedLine() {
        CommandRegistry registry = new CommandRegistry().register(new Fixed(SPEC));
        LineAnalysis line = CommandLineParser.analyse(registry, List.of("cors", "check", "--origin", "", "-l", "--bogus", "--dialect"));
        assertEquals(List.of(CommandLineParser.Role.COMMAND, CommandLineParser.Role.COMMAND, CommandLineParser.Role.OPTION,
                CommandLineParser.Role.OPTION_VALUE, CommandLineParser.Role.OPTION, CommandLineParser.Role.UNKNOWN_OPTION,
                CommandLineParser.Role.OPTION), line.roles());
        LineAnalysis.Expectation next = line.expect("");
        assertEquals(LineAnalysis.Expect.VALUE, next.what());
        assertEquals(ValueKind.DIALECT, next.kind());
        assertEquals(LineAnalysis.Expect.OPTION, CommandLineParser.analyse(registry, List.of("cors", "check")).expect("--").what());
        assertEquals(LineAnalysis.Expect.SUBCOMMAND, CommandLineParser.analyse(registry, List.of("cors")).expect("").what());
        assertEquals(LineAnalysis.Expect.COMMAND, CommandLineParser.analyse(registry, List.of()).expect("c").what());
        assertEquals("--method=", CommandLineParser.analyse(registry, List.of("cors", "check")).expect("--method=G").lead());
        assertEquals(OutputFormat.JSON, CommandLineParser.analyse(registry, List.of("nosuch", "-o", "json")).output(),
                "an unknown command's --output is still read");
    }

    private record Fixed(CommandSpec spec) implements Command {
        @Override
        public int run(CommandContext ctx, ParsedArgs args) {
            return ExitCode.OK;
        }
    }
}
