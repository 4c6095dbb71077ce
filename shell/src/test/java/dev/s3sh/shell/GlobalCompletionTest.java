package dev.s3sh.shell;

import dev.s3sh.command.Command;
import dev.s3sh.command.GlobalOptions;
import dev.s3sh.command.OptionSpec;
import dev.s3sh.config.LinodeClusters;
import dev.s3sh.shell.commands.BuiltinCommands;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code s3sh __complete} offers every option of every spec, s3sh's global options included, and
 * the values of the global options. No server is needed: nothing here lists a bucket.
 */
class GlobalCompletionTest {
    @TempDir
    Path home;

    private List<String> complete(String... words) throws Exception {
        List<String> args = new ArrayList<>(List.of("__complete"));
        args.addAll(List.of(words));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(args.toArray(String[]::new), Map.of("HOME", home.toString(), "AWS_ACCESS_KEY_ID", "GLOBALCOMPLETEKEY001",
                        "AWS_SECRET_ACCESS_KEY", "global-complete-secret-0001"), new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, status);
        assertEquals("", err.toString(StandardCharsets.UTF_8), "completion prints nothing but candidates");
        return out.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void everyOptionOfEveryCommandIsOffered() throws Exception {
        for (Command command : BuiltinCommands.registry().commands()) {
            List<String> words = new ArrayList<>(List.of("--endpoint", "http://127.0.0.1:1"));
            words.addAll(List.of(command.spec().name().split(" ")));
            words.add("--");
            List<String> offered = complete(words.toArray(String[]::new));
            for (OptionSpec o : command.spec().allOptions()) {
                assertTrue(offered.contains("--" + o.name()), command.spec().name() + " offers --" + o.name() + ": " + offered);
            }
        }
    }

    @Test
    void everyGlobalOptionIsOfferedBeforeTheCommand() throws Exception {
        List<String> offered = complete("--");
        for (OptionSpec o : GlobalOptions.SPEC.allOptions()) {
            assertTrue(offered.contains("--" + o.name()), "--" + o.name() + " in " + offered);
        }
        for (String once : List.of("--profile", "--cluster", "--config", "--tui", "--ca-bundle", "--insecure")) {
            assertTrue(offered.contains(once), once + " in " + offered);
        }
        assertEquals(List.of("--insecure"), complete("--ins"));
        assertEquals(List.of("--ca-bundle"), complete("--profile", "x", "--ca"), "after another global option too");
    }

    @Test
    void valuesOfGlobalOptions() throws Exception {
        assertEquals(List.of("rgw", "rgw-2026", "aws"), complete("--dialect", ""));
        assertEquals(List.of("text", "json", "xml", "table", "csv"), complete("-o", ""));
        assertEquals(LinodeClusters.KNOWN.stream().filter(c -> c.startsWith("us-")).toList(), complete("--cluster", "us-"));
        assertEquals(List.of("--dialect=aws"), complete("--dialect=a"));
        Files.createDirectories(home.resolve(".aws"));
        Files.writeString(home.resolve(".aws/config"), "[profile atlanta]\nregion = us-southeast-1\n[profile amsterdam]\nregion = nl-ams-1\n");
        assertEquals(List.of("amsterdam", "atlanta"), complete("--profile", "a").stream().sorted().toList());
        Files.writeString(home.resolve("my.s3cfg"), "[default]\n");
        assertEquals(List.of(home + "/my.s3cfg"), complete("-c", home + "/my"), "-c completes a local file");
        assertTrue(complete("--profile", "atlanta", "").contains("cors"), "after the global options come the commands");
    }
}
