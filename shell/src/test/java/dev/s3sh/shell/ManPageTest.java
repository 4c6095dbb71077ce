package dev.s3sh.shell;

import dev.s3sh.command.Command;
import dev.s3sh.command.CommandRegistry;
import dev.s3sh.shell.commands.BuiltinCommands;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The man page is read as a reader sees it (formatted by groff, as man does) and must say, for
 * every command, what {@code help COMMAND} says, word for word; and it must carry the global
 * options of {@code s3sh --help}, the exit codes, files and environment.
 */
class ManPageTest {
    private static final CommandRegistry REGISTRY = BuiltinCommands.registry();

    @Test
    void everyCommandSectionSaysWhatHelpSays() throws Exception {
        Map<String, String> sections = commandSections(formatted(ManPage.render(REGISTRY, usage(), "TEST")));
        List<String> names = new ArrayList<>();
        for (Command c : REGISTRY.commands()) {
            String name = c.spec().name();
            names.add(name);
            StringWriter help = new StringWriter();
            REGISTRY.printHelp(new PrintWriter(help), c.spec());
            assertTrue(sections.containsKey(name), "the man page has no section for '" + name + "'");
            assertEquals(words(help.toString()), words(sections.get(name)), "man s3sh and 'help " + name + "' differ");
        }
        assertEquals(names, List.copyOf(sections.keySet()), "one section per command, in the order 'help' lists them");
    }

    @Test
    void globalOptionsExitCodesFilesAndEnvironment() throws Exception {
        String page = formatted(ManPage.render(REGISTRY, usage(), "TEST"));
        for (String heading : List.of("NAME", "SYNOPSIS", "DESCRIPTION", "GLOBAL OPTIONS", "COMMANDS", "EXIT STATUS", "FILES", "ENVIRONMENT")) {
            assertTrue(page.contains("\n" + heading + "\n"), "no " + heading + " section:\n" + page);
        }
        String global = between(page, "\nGLOBAL OPTIONS\n", "\nCOMMANDS\n");
        for (String line : usage().split("\n")) {
            if (line.matches(" {2}-.*")) {
                String[] parts = line.strip().split("\\s{2,}", 2);
                assertTrue(words(global).contains(words(parts[0]) + " " + words(parts[1])), "global option " + parts[0] + " missing:\n" + global);
            }
        }
        assertTrue(global.contains("--version"), global);
        String exit = words(between(page, "\nEXIT STATUS\n", "\nFILES\n"));
        for (String code : List.of("0 success", "1 any other failure", "2 usage error", "3 invalid input", "130 interrupted")) {
            assertTrue(exit.contains(code), "exit status '" + code + "' missing: " + exit);
        }
        String files = between(page, "\nFILES\n", "\nENVIRONMENT\n");
        assertTrue(files.contains("~/.s3cfg") && files.contains("~/.aws/credentials") && files.contains("$XDG_CONFIG_HOME/s3sh/config"), files);
        String env = page.substring(page.indexOf("\nENVIRONMENT\n"));
        for (String name : List.of("AWS_ACCESS_KEY_ID", "AWS_PROFILE", "AWS_ENDPOINT_URL", "S3CMD_CONFIG", "NO_COLOR", "EDITOR")) {
            assertTrue(env.contains(name), name + " missing: " + env);
        }
    }

    @Test
    void textThatLooksLikeRoffStaysText() throws Exception {
        assertEquals("\\&.hidden \\e \\-\\-x", ManPage.text(".hidden \\ --x"));
        assertEquals("\\&'quote", ManPage.text("'quote"));
    }

    /** Main's usage, as 's3sh --help' prints it. */
    private static String usage() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = Main.run(new String[] {"--help"}, Map.of(), new java.io.ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        assertEquals(0, status);
        return out.toString(StandardCharsets.UTF_8);
    }

    /** The page as man shows it: groff's man macros, plain ASCII, no bold or underline, wide lines. */
    static String formatted(String roff) throws Exception {
        Process groff = new ProcessBuilder("groff", "-man", "-Tascii", "-P-cbou", "-rLL=200n", "-ww")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (var in = groff.getOutputStream()) {
            in.write(roff.getBytes(StandardCharsets.UTF_8));
        }
        String text = new String(groff.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        assertTrue(groff.waitFor(60, TimeUnit.SECONDS), "groff did not finish");
        assertEquals(0, groff.exitValue(), "groff failed on the page");
        return text;
    }

    /** Subsection name → its text: a subsection heading is indented 3 spaces, its body 7. */
    private static Map<String, String> commandSections(String page) {
        Map<String, String> sections = new LinkedHashMap<>();
        String body = between(page, "\nCOMMANDS\n", "\nEXIT STATUS\n");
        String current = null;
        StringBuilder text = new StringBuilder();
        for (String line : body.split("\n")) {
            if (line.matches(" {3}\\S.*")) {
                if (current != null) sections.put(current, text.toString());
                current = line.strip();
                text.setLength(0);
            } else if (current != null) {
                text.append(line).append('\n');
            }
        }
        if (current != null) sections.put(current, text.toString());
        return sections;
    }

    private static String between(String text, String from, String to) {
        int start = text.indexOf(from);
        int end = text.indexOf(to, start + 1);
        assertTrue(start >= 0 && end > start, "no '" + from.strip() + "' before '" + to.strip() + "'");
        return text.substring(start + from.length(), end);
    }

    private static String words(String text) {
        return text.strip().replaceAll("\\s+", " ");
    }
}
