package dev.s3sh.shell;

import dev.s3sh.command.CommandLineParser;
import dev.s3sh.command.GlobalOptionEnvironment;
import dev.s3sh.command.GlobalOptions;
import dev.s3sh.command.OptionSpec;
import dev.s3sh.command.UsageException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** S3SH_* variables: one per global option of the spec, below the command line. */
class GlobalOptionEnvironmentTest {
    @Test
    void everyGlobalOptionButHelpAndVersionHasItsVariable() {
        List<String> names = GlobalOptionEnvironment.options().stream().map(OptionSpec::name).toList();
        for (OptionSpec o : GlobalOptions.SPEC.allOptions()) {
            if (o.name().equals("help") || o.name().equals("version")) {
                assertFalse(names.contains(o.name()));
                continue;
            }
            String value = o.takesValue() ? (o.value().choices().isEmpty() ? "x" : o.value().choices().get(0)) : "1";
            Map<String, String> env = Map.of(GlobalOptionEnvironment.variable(o), value);
            var parsed = CommandLineParser.parseLeading(GlobalOptions.SPEC,
                    GlobalOptionEnvironment.words(env, CommandLineParser.parseLeading(GlobalOptions.SPEC, List.of()).options()));
            assertTrue(parsed.options().has(o.name()), GlobalOptionEnvironment.variable(o) + " sets --" + o.name());
        }
        assertEquals("S3SH_CA_BUNDLE", GlobalOptionEnvironment.variable(GlobalOptions.SPEC.allOptions().stream()
                .filter(o -> o.name().equals("ca-bundle")).findFirst().orElseThrow()));
    }

    @Test
    void theCommandLineWinsAndSwitchesAreYesOrNo() {
        Map<String, String> env = Map.of("S3SH_ENDPOINT", "http://env:1", "S3SH_PROFILE", "envprofile",
                "S3SH_OUTPUT", "json", "S3SH_NO_COLOR", "1", "S3SH_INSECURE", "0");
        Main.Invocation inv = Main.parse(new String[]{"--endpoint", "http://flag:2", "ls"}, env);
        assertEquals("http://flag:2", inv.connection().endpoint());
        assertEquals("envprofile", inv.connection().profile());
        assertEquals(List.of("--output", "json"), inv.defaultArgs());
        assertTrue(inv.noColor());
        assertFalse(inv.connection().insecure(), "0 switches a flag off");
        assertEquals(List.of("ls"), inv.command());
        assertEquals(List.of("--output", "text"), Main.parse(new String[]{"-o", "text"}, env).defaultArgs());

        UsageException e = assertThrows(UsageException.class, () -> Main.parse(new String[]{}, Map.of("S3SH_INSECURE", "maybe")));
        assertEquals("S3SH_INSECURE is 'maybe', but --insecure is a switch: set it to 1 or 0", e.getMessage());
    }
}
