package dev.s3sh.command;

import dev.s3sh.command.ArgParser;
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

class ArgParserTest {
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
        ParsedArgs a = ArgParser.parse(SPEC, List.of("-lr", "s3://b/", "--origin", "http://x", "--header=A", "--header", "B"));
        assertTrue(a.has("long"));
        assertTrue(a.has("recursive"));
        assertEquals("http://x", a.value("origin", null));
        assertEquals(List.of("A", "B"), a.values("header"));
        assertEquals(List.of("s3://b/"), a.positionals());
    }

    @Test
    void globalOptionsAndDoubleDash() {
        ParsedArgs a = ArgParser.parse(SPEC, List.of("-o", "json", "--yes", "--", "--not-an-option", "-5"));
        assertTrue(a.json());
        assertTrue(a.has("yes"));
        assertEquals(List.of("--not-an-option", "-5"), a.positionals());
        assertFalse(a.has("long"));
    }

    @Test
    void negativeNumbersArePositionals() {
        assertEquals(List.of("-5"), ArgParser.parse(SPEC, List.of("-5")).positionals());
    }

    @Test
    void mistakesAreUsageErrorsThatNameTheOption() {
        assertEquals("unknown option --nope for 'cors check': see 'help cors check'",
                assertThrows(UsageException.class, () -> ArgParser.parse(SPEC, List.of("--nope"))).getMessage());
        assertTrue(assertThrows(UsageException.class, () -> ArgParser.parse(SPEC, List.of("--origin")))
                .getMessage().contains("needs a value"));
        assertEquals("--dialect must be one of rgw, rgw-2026, aws, not 'gcs'",
                assertThrows(UsageException.class, () -> ArgParser.parse(SPEC, List.of("--dialect", "gcs"))).getMessage());
        // methods are completed from a list but any is accepted, so 'cors check' can explain a PATCH
        assertEquals("PATCH", ArgParser.parse(SPEC, List.of("--method", "PATCH")).value("method", null));
        assertTrue(assertThrows(UsageException.class, () -> ArgParser.parse(SPEC, List.of("-x")))
                .getMessage().contains("unknown option -x"));
        assertTrue(assertThrows(UsageException.class, () -> ArgParser.parse(SPEC, List.of("--long=1")))
                .getMessage().contains("takes no value"));
    }
}
