package dev.s3sh.shell;

import dev.s3sh.command.CommandLineParser;
import dev.s3sh.command.GlobalOptionEnvironment;
import dev.s3sh.command.GlobalOptionSettings;
import dev.s3sh.command.GlobalOptions;
import dev.s3sh.command.OptionSpec;
import dev.s3sh.config.ConfigException;
import dev.s3sh.config.S3shConfigFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** s3sh's file as the third source of every global option: command line, then S3SH_*, then the file, then the default. */
class GlobalOptionSettingsTest {
    @TempDir
    Path dir;

    private S3shConfigFile file(String text) throws Exception {
        return S3shConfigFile.read(Files.writeString(dir.resolve("config"), text), "~/.config/s3sh/config");
    }

    private static final dev.s3sh.command.ParsedArgs NOTHING = CommandLineParser.parseLeading(GlobalOptions.SPEC, List.of()).options();

    @Test
    void everyGlobalOptionWithAVariableHasAKeyInTheFile() throws Exception {
        for (OptionSpec o : GlobalOptionEnvironment.options()) {
            String where = GlobalOptionSettings.where(o);
            assertTrue(where.startsWith("[settings] ") || where.startsWith("[profile NAME] "), o.name() + ": " + where);
            if (!where.startsWith("[settings] " + GlobalOptionSettings.key(o) + " ")) continue; // read by the profile resolver
            String value = o.takesValue() ? (o.value().choices().isEmpty() ? "x" : o.value().choices().get(0)) : "true";
            List<String> words = GlobalOptionSettings.words(file("[settings]\n" + GlobalOptionSettings.key(o) + " = " + value + "\n"),
                    NOTHING, Map.of());
            assertTrue(CommandLineParser.parseLeading(GlobalOptions.SPEC, words).options().has(o.name()),
                    GlobalOptionSettings.key(o) + " sets --" + o.name());
        }
        assertEquals("no_pager", GlobalOptionSettings.key(option("no-pager")));
        assertEquals("[profile NAME] endpoint", GlobalOptionSettings.where(option("endpoint")));
    }

    @Test
    void theCommandLineWinsOverTheEnvironmentWhichWinsOverTheFile() throws Exception {
        S3shConfigFile own = file("[settings]\nquiet = true\noutput = json\ndebug = yes\n");
        // the file alone
        Main.Invocation inv = parseWith(own, new String[]{"ls"}, Map.of());
        assertTrue(inv.quiet());
        assertTrue(inv.debug());
        assertEquals(List.of("--output", "json"), inv.defaultArgs());
        // the environment wins over the file, a switch turned off included
        inv = parseWith(own, new String[]{"ls"}, Map.of("S3SH_QUIET", "0", "S3SH_OUTPUT", "text"));
        assertFalse(inv.quiet());
        assertEquals(List.of("--output", "text"), inv.defaultArgs());
        assertTrue(inv.debug(), "what the environment does not set still comes from the file");
        // the command line wins over both
        inv = parseWith(own, new String[]{"--quiet", "-o", "xml", "ls"}, Map.of("S3SH_QUIET", "0", "S3SH_OUTPUT", "text"));
        assertTrue(inv.quiet());
        assertEquals(List.of("--output", "xml"), inv.defaultArgs());
        // and nothing anywhere: the default
        inv = parseWith(file(""), new String[]{"ls"}, Map.of());
        assertFalse(inv.quiet());
        assertEquals(List.of(), inv.defaultArgs());
    }

    @Test
    void aBadValueInTheFileIsOneSentenceNamingTheLine() throws Exception {
        ConfigException e = assertThrows(ConfigException.class,
                () -> GlobalOptionSettings.words(file("[settings]\nquiet = sometimes\n"), NOTHING, Map.of()));
        assertEquals("~/.config/s3sh/config line 2: quiet must be true or false, not 'sometimes'", e.getMessage());
        e = assertThrows(ConfigException.class, () -> GlobalOptionSettings.words(file("[settings]\noutput = yaml\n"), NOTHING, Map.of()));
        assertTrue(e.getMessage().startsWith("~/.config/s3sh/config line 2: output = yaml is not a value of --output"), e.getMessage());
    }

    @Test
    void quietInTheFileSilencesTheNoticesOfARunButNotItsErrors() throws Exception {
        Path config = Files.createDirectories(dir.resolve("xdg/s3sh")).resolve("config");
        Map<String, String> env = new HashMap<>(Map.of("HOME", dir.toString(), "XDG_CONFIG_HOME", dir.resolve("xdg").toString(),
                "XDG_STATE_HOME", dir.resolve("state").toString(), "AWS_CONFIG_FILE", dir.resolve("none").toString(),
                "AWS_SHARED_CREDENTIALS_FILE", dir.resolve("none").toString()));
        // a session without keys: the REPL's notice about credentials, then an error from a line of the script
        String loud = run(env, "nosuchcommand\n");
        assertTrue(loud.contains("no credentials are configured"), loud);
        Files.writeString(config, "[settings]\nquiet = true\n");
        String quiet = run(env, "nosuchcommand\n");
        assertFalse(quiet.contains("no credentials are configured"), quiet);
        assertTrue(quiet.contains("unknown command 'nosuchcommand'"), quiet);
    }

    private static String run(Map<String, String> env, String script) throws Exception {
        System.setProperty("s3sh.stdin.tty", "false");
        System.setProperty("s3sh.stdout.tty", "false");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Main.run(new String[]{"--endpoint", "http://127.0.0.1:9"}, env, new java.io.ByteArrayInputStream(script.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(out, true, StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }

    private static Main.Invocation parseWith(S3shConfigFile own, String[] args, Map<String, String> env) {
        Main.Invocation first = Main.parse(args, env);
        return Main.parse(args, env, GlobalOptionSettings.words(own, first.given(), env));
    }

    private static OptionSpec option(String name) {
        return GlobalOptions.SPEC.allOptions().stream().filter(o -> o.name().equals(name)).findFirst().orElseThrow();
    }
}
