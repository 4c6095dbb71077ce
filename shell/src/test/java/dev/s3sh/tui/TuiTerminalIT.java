package dev.s3sh.tui;

import dev.s3sh.cors.CorsConfiguration;
import dev.s3sh.cors.CorsRule;
import dev.s3sh.testing.LocalRgw;
import dev.s3sh.testing.StallProxy;
import dev.s3sh.testing.Tmux;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The full-screen mode in a real terminal (tmux) against the real RGW: opened from the REPL, browse
 * into a bucket, edit its CORS through a scripted EDITOR, confirm, leave — then the REPL must still
 * take Ctrl-C during a running command (Lanterna's terminal was closed, so intr is ^C again) and
 * show the new rules.
 */
class TuiTerminalIT {
    static String bucket;

    @BeforeAll
    static void seed() {
        bucket = LocalRgw.newBucket("tui");
        LocalRgw.store().putObject(bucket, "readme.txt", "hello".getBytes(), "text/plain");
        LocalRgw.store().putObject(bucket, "site/index.html", "<html></html>".getBytes(), "text/html");
        LocalRgw.store().putCors(bucket, new CorsConfiguration(List.of(new CorsRule("site", List.of("GET"),
                List.of("http://example.com"), List.of(), List.of(), 600))));
    }

    @AfterAll
    static void clean() {
        LocalRgw.deleteBucket(bucket);
    }

    /** A non-interactive editor: adds an origin, and notes whether it was given the terminal. */
    static Path editorScript(Path dir) throws Exception {
        Path script = dir.resolve("editor.sh");
        Files.writeString(script, """
                #!/bin/sh
                if [ -t 0 ] && [ -t 1 ]; then echo "tty $1" >> "%s"; else echo "no tty $1" >> "%s"; fi
                sed -i 's#<AllowedOrigin>http://example.com</AllowedOrigin>#<AllowedOrigin>http://example.com</AllowedOrigin><AllowedOrigin>https://edited.example.org</AllowedOrigin>#' "$1"
                """.formatted(dir.resolve("editor.log"), dir.resolve("editor.log")));
        script.toFile().setExecutable(true);
        return script;
    }

    static Map<String, String> env(Path dir) throws Exception {
        Map<String, String> env = new HashMap<>(LocalRgw.childEnv());
        env.put("LANG", "C.UTF-8");
        env.put("TERM", "xterm-256color");
        env.put("VISUAL", editorScript(dir).toString());
        env.put("XDG_STATE_HOME", dir.resolve("state").toString());
        env.put("XDG_CACHE_HOME", dir.resolve("cache").toString());
        env.put("S3SH_NO_ARCHIVE", "1"); // no background training writing into the temp folder after the test (LauncherIT covers it)
        env.remove("TMUX");
        return env;
    }

    @Test
    void keysWithEscapeSequencesAreShownAndNeverReachTheTerminal(@TempDir Path dir) throws Exception {
        String hostile = LocalRgw.newBucket("tui-hostile");
        String clipboard = "clip-\u001b]52;c;QUJD\u0007.txt", title = "\u001b]0;TITLE\u0007\u001b[2J";
        try {
            for (String key : List.of(clipboard, title, "plain.txt")) {
                LocalRgw.store().putObject(hostile, key, "x".getBytes(), "text/plain");   // the real RGW stores them
            }
            String launcher = LocalRgw.projectDir().resolve("s3sh").toString();
            try (Tmux t = Tmux.start("tuihostile", 80, 24, env(dir), launcher + " --endpoint " + LocalRgw.endpoint())) {
                t.waitFor("s3:// >");
                String before = t.paneTitle();
                t.type("cd " + hostile).keys("Enter");
                t.waitFor("s3://" + hostile + "/ >");
                t.type("tui").keys("Enter");
                String s = t.waitFor("plain.txt");
                assertTrue(s.contains("\\x1b]0;TITLE\\x07\\x1b[2J"), "the title key, escaped\n" + s);
                t.keys("Home", "Down");                                   // the clipboard key, drawn in the details too
                t.waitFor("clip-\\x1b]52");
                s = t.waitFor("QUJD\\x07.txt");
                assertTrue(s.contains("F3 CORS") && s.contains("plain.txt"), "no escape cleared the screen\n" + s);
                assertFalse(t.paneTitle().contains("TITLE"), "the window title was set by a key: " + t.paneTitle());
                assertEquals(before, t.paneTitle());
                t.type("q");
                t.waitUntil("the REPL again", x -> !x.contains("F3 CORS"));
            }
        } finally {
            LocalRgw.deleteBucket(hostile);
        }
    }

    /** Ctrl-Z gives the shell its terminal back; fg redraws the screen and keys work again (raw mode). */
    @Test
    void ctrlZThenFgRedrawsAndKeysStillWork(@TempDir Path dir) throws Exception {
        String launcher = LocalRgw.projectDir().resolve("s3sh").toString();
        try (Tmux t = Tmux.start("tuisusp", 80, 24, env(dir), "bash --norc --noprofile -i")) {
            t.waitFor("bash");
            t.type("PS1='job''shell$ '").keys("Enter");              // a prompt the typed line itself does not show
            t.waitFor("jobshell$");
            t.type(launcher + " --endpoint " + LocalRgw.endpoint() + " --tui").keys("Enter");
            t.waitFor("F3 CORS");
            t.waitFor(" buckets");           // the list is loaded (the status bar counts it; ours may be below the fold)
            t.keys("C-z");
            String s = t.waitFor("Stopped");
            assertFalse(s.contains("F3 CORS"), "the alternate screen is left while stopped\n" + s);
            t.type("echo line-$((6*7))").keys("Enter");
            t.waitFor("line-42");                                        // the shell has a working terminal
            t.type("fg").keys("Enter");
            t.waitFor("F3 CORS");                                        // drawn again
            t.keys("F1");                                                // a key without Enter: raw mode is back
            t.waitFor("Tab / Shift-Tab");
            t.keys("Escape");
            t.waitUntil("the help to close", x -> !x.contains("Tab / Shift-Tab"));
            t.type("q");
            s = t.waitUntil("the shell again", x -> !x.contains("F3 CORS") && x.contains("jobshell$"));
            t.type("stty -a | grep -o 'intr = [^;]*'").keys("Enter");
            t.waitFor("intr = ^C");
        }
    }

    @Test
    void openFromTheReplEditCorsQuitAndTheReplStillWorks(@TempDir Path dir) throws Exception {
        String launcher = LocalRgw.projectDir().resolve("s3sh").toString();
        try (StallProxy proxy = new StallProxy(URI.create(LocalRgw.endpoint()));
             Tmux t = Tmux.start("tui", 80, 24, env(dir),
                     launcher + " --endpoint " + proxy.endpoint() + "; stty -a | grep -o 'intr = [^;]*'")) {
            t.waitFor("s3:// >");
            t.type("cd " + bucket).keys("Enter");
            String prompt = "s3://" + bucket + "/ >";
            t.waitFor(prompt);
            t.type("tui").keys("Enter");

            String s = t.waitFor("readme.txt");                     // opens where the REPL was
            assertTrue(s.contains("F3 CORS") && s.contains("s3://" + bucket + "/"), s);
            t.keys("Enter");                                        // site/ comes first
            t.waitFor("index.html");
            t.keys("Left");
            t.waitFor("readme.txt");

            t.keys("F3");
            s = t.waitFor("CORS of s3://" + bucket);
            t.waitFor("http://example.com");
            t.type("e");
            t.waitFor("Push these changes to s3://" + bucket + "?");       // the shell's own cors edit, in a dialog
            t.waitFor("+    <AllowedOrigin>https://edited.example.org");      // the diff, before anything is sent
            String log = Files.readString(dir.resolve("editor.log"));
            assertTrue(log.startsWith("tty ") && log.contains("cors-" + bucket), "the editor had the terminal: " + log);
            t.type("y");
            t.waitFor(": CORS updated: rule 1");                  // the push path reports (verified by read-back)
            t.waitFor("edited.example.org");                        // the table shows the new rule
            t.type("q");

            // back in the REPL, at the same place
            t.waitUntil("a new prompt after the full-screen mode", x -> !x.contains("F3 CORS") && x.split(java.util.regex.Pattern.quote(prompt), -1).length >= 3);
            proxy.stall(true);
            t.type("ls").keys("Enter");
            t.waitUntil("the listing to be held by the proxy", x -> proxy.held() > 0);
            t.keys("C-c");
            s = t.waitFor("interrupted");
            proxy.stall(false);
            t.type("info s3://" + bucket).keys("Enter");
            s = t.waitFor("https://edited.example.org");            // the new rules, as 'cors show' would print them
            t.type("pwd").keys("Enter");
            s = t.waitFor("s3://" + bucket + "/\n");
            assertTrue(s.contains("> pwd\n"), "typed text is echoed again\n" + s);
            t.type("exit").keys("Enter");
            s = t.waitFor("[pane command exited]");
            assertTrue(s.contains("intr = ^C"), "the tty is given back with intr ^C\n" + s);
        }
        var stored = LocalRgw.store().getCors(bucket).orElseThrow();
        assertTrue(stored.rules().get(0).allowedOrigins().contains("https://edited.example.org"), stored.toString());
    }
}
