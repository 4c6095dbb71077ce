package dev.s3sh.shell;

import dev.s3sh.cors.CorsTemplates;

import dev.s3sh.cors.CorsConfiguration;
import dev.s3sh.testing.LocalRgw;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code cors edit} in the REPL on a real terminal (tmux): the editor is a script that leaves the
 * terminal raw, without echo and without signals, as a crashed editor would. Afterwards the
 * confirmation must echo, typed text must echo, Ctrl-C must clear the line, and the shell s3sh
 * returns to must have echo and isig back. Only a real terminal shows this class of bug.
 */
class EditorTerminalIT {
    @TempDir
    Path dir;
    private String socket;
    private String bucket;

    @BeforeEach
    void setUp() {
        socket = "s3sh-it-" + ProcessHandle.current().pid();
        bucket = LocalRgw.newBucket("tty");
        LocalRgw.store().putCors(bucket, CorsTemplates.tutorialExample());
    }

    @AfterEach
    void tearDown() throws Exception {
        tmux("kill-server");
        LocalRgw.deleteBucket(bucket);
    }

    private String tmux(String... args) throws IOException, InterruptedException {
        return tmux(null, args);
    }

    private String tmux(Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("tmux", "-L", socket));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        if (env != null) {
            pb.environment().clear();
            pb.environment().putAll(env);
        }
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return out;
    }

    private String screen() throws Exception {
        return tmux("capture-pane", "-p", "-t", "t");
    }

    /** The screen once {@code until} holds; fails with the screen if it never does (a count of polls, no clock). */
    private String waitFor(String what, Predicate<String> until) throws Exception {
        String s = "";
        for (int i = 0; i < 600; i++) {
            s = screen();
            if (until.test(s)) return s;
            Thread.sleep(100);
        }
        throw new AssertionError("the screen never showed " + what + ":\n" + s);
    }

    private static String lastLine(String screen) {
        List<String> lines = screen.lines().filter(l -> !l.isBlank()).toList();
        return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
    }

    @Test
    void theTerminalIsSaneAfterAnEditorThatLeftItRaw() throws Exception {
        Path editor = dir.resolve("rude-editor.sh");
        Files.writeString(editor, """
                #!/bin/sh
                stty raw -echo -isig < /dev/tty
                sed -i 's#<MaxAgeSeconds>3000</MaxAgeSeconds>#<MaxAgeSeconds>77</MaxAgeSeconds>#' "$1"
                """);
        assertTrue(editor.toFile().setExecutable(true));
        Map<String, String> env = LocalRgw.childEnv();
        env.put("EDITOR", editor.toString());
        env.remove("VISUAL");
        env.put("XDG_STATE_HOME", dir.resolve("state").toString());
        env.put("XDG_CONFIG_HOME", dir.resolve("config").toString());
        env.put("HOME", dir.toString());
        // bash writes its history into HOME when tmux is killed, racing the temp folder's deletion
        env.put("HISTFILE", "/dev/null");
        env.put("TERM", "xterm-256color");
        env.remove("TMUX");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path jar = LocalRgw.projectDir().resolve("shell/target/s3sh.jar");
        assertTrue(Files.exists(jar), "the integration tests run after 'package': " + jar);

        tmux(env, "new-session", "-d", "-s", "t", "-x", "120", "-y", "40", "bash --norc --noprofile");
        waitFor("bash", s -> !s.isBlank());
        tmux("send-keys", "-t", "t", "PS1='sh$ '", "Enter");
        waitFor("the shell prompt", s -> lastLine(s).equals("sh$"));
        tmux("send-keys", "-t", "t", java + " -jar " + jar + " --endpoint " + LocalRgw.endpoint(), "Enter");
        waitFor("the s3sh prompt", s -> lastLine(s).endsWith("s3:// >"));

        tmux("send-keys", "-t", "t", "cors edit s3://" + bucket, "Enter");
        waitFor("the confirmation", s -> s.contains("[y/N]"));
        tmux("send-keys", "-t", "t", "y", "Enter");
        String pushed = waitFor("the report", s -> s.contains("(verified by read-back)"));
        assertTrue(pushed.contains("[y/N] y"), "the answer echoes: " + pushed);
        assertTrue(pushed.lines().anyMatch(l -> l.startsWith("s3://" + bucket + ": CORS updated")),
                "output starts at the left margin again (no raw-mode staircase):\n" + pushed);
        CorsConfiguration now = LocalRgw.store().getCors(bucket).orElseThrow();
        assertEquals(77, now.rules().get(0).maxAgeSeconds());

        waitFor("the prompt after the edit", s -> lastLine(s).endsWith("s3:// >"));
        tmux("send-keys", "-t", "t", "typed-text-echoes");
        waitFor("typed text", s -> lastLine(s).endsWith("s3:// > typed-text-echoes"));
        tmux("send-keys", "-t", "t", "C-c");
        String cleared = waitFor("Ctrl-C clearing the line", s -> lastLine(s).endsWith("s3:// >"));
        assertTrue(cleared.contains("typed-text-echoes"), cleared);

        tmux("send-keys", "-t", "t", "exit", "Enter");
        waitFor("the shell prompt after exit", s -> lastLine(s).equals("sh$"));
        tmux("send-keys", "-t", "t", "stty -a | tr ' ;' '\\n\\n' | grep -xE -- '-?(echo|isig|icanon|opost)' | sort | tr '\\n' ' '; echo :end", "Enter");
        String stty = waitFor("stty", s -> s.contains(":end") && s.lines().anyMatch(l -> l.endsWith(":end") && !l.contains("echo :end")));
        String flags = stty.lines().filter(l -> l.endsWith(":end") && !l.contains("echo :end")).findFirst().orElseThrow();
        assertEquals("echo icanon isig opost :end", flags.strip(), stty);
        assertFalse(Files.list(dir.resolve("state/s3sh/edit")).findAny().isPresent(), "the pushed edit's file is gone");
    }
}
