package dev.s3sh.it;

import dev.s3sh.store.ObjectStore;
import dev.s3sh.testing.LocalRgw;
import dev.s3sh.testing.ShellHarness;
import dev.s3sh.testing.Tmux;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Object keys that are terminal escape sequences, stored on the real RGW (it accepts them), through
 * every command that names a key and through Tab completion in a real terminal. Nothing may reach
 * the terminal raw: the sequences show as {@code \x1b}, the title and the clipboard stay as they were.
 */
class HostileNamesIT {
    static final String CLIP = "clip-\u001b]52;c;aGFja2Vk\u0007.txt";
    static final String TITLE = "\u001b]0;PWNED\u0007\u001b[2J";
    static final String CSI_DIR = "dir-\u009b31m\u202e/";
    static final String NEWLINE = "fake\ns3sh: error: line.txt";
    /** Every hostile name this class stores, for docs/reliability.md's count. */
    static final List<String> KEYS = List.of(CLIP, TITLE, CSI_DIR + "inner.txt", NEWLINE);

    private static String bucket;
    private static ObjectStore store;

    @BeforeAll
    static void seed() {
        store = LocalRgw.store();
        bucket = LocalRgw.newBucket("hostile-names");
        for (String key : KEYS) store.putObject(bucket, key, "x".getBytes(), "text/plain");
    }

    @AfterAll
    static void drop() {
        LocalRgw.deleteBucket(bucket);
    }

    private static void clean(ShellHarness.Result r) {
        String all = r.out() + r.err();
        for (char c : all.toCharArray()) {
            boolean control = c < 0x20 && c != '\n' || c == 0x7f || c >= 0x80 && c < 0xa0 || c == 0x202e;
            assertFalse(control, "raw U+" + String.format("%04X", (int) c) + " reached the terminal: " + r);
        }
        assertFalse(all.contains("\ns3sh: error: line.txt"), "a key's line feed faked a line: " + r);
    }

    private static ShellHarness.Result ok(ShellHarness shell, String... words) {
        ShellHarness.Result r = shell.run(words);
        assertEquals(0, r.status(), r.toString());
        clean(r);
        return r;
    }

    @Test
    void everyCommandThatNamesAKeyShowsItEscaped(@TempDir Path dir) throws Exception {
        String b = "s3://" + bucket + "/";
        try (ShellHarness shell = ShellHarness.local()) {
            assertTrue(ok(shell, "ls", "-r", b).out().contains("clip-\\x1b]52;c;aGFja2Vk\\x07.txt"));
            ok(shell, "cd", b + CSI_DIR);
            assertTrue(ok(shell, "pwd").out().contains("dir-\\x9b31m\\u202e/"));
            ok(shell, "cd", "/");
            ok(shell, "du", b);
            assertTrue(ok(shell, "stat", b + CLIP).out().contains("clip-\\x1b]52"));
            ok(shell, "stat", b + NEWLINE);
            ok(shell, "get", b + CLIP, dir.toString() + "/");
            ok(shell, "get", "-r", b, dir.resolve("all").toString());
            ok(shell, "get", b + NEWLINE, dir.resolve("nl.txt").toString());
            ok(shell, "cp", b + CLIP, b + "copy/" + CLIP);
            ok(shell, "mv", b + "copy/" + CLIP, b + "moved/" + TITLE);
            assertTrue(ok(shell, "rm", b + "moved/" + TITLE).out().contains("deleted"));
            ok(shell, "cat", b + CLIP);
            ok(shell, "ls", "-l", b);
        }
        assertTrue(Files.exists(dir.resolve(CLIP)), "the name is kept as it is on disk");
    }

    @Test
    void jsonKeepsTheExactNameWithoutARawControl() throws Exception {
        try (ShellHarness shell = ShellHarness.local()) {
            ShellHarness.Result r = ok(shell, "ls", "-r", "s3://" + bucket + "/", "--output", "json");
            assertTrue(r.out().contains("clip-\\u001B]52;c;aGFja2Vk\\u0007.txt"), r.out());
            assertTrue(r.out().contains("dir-\\u009b31m\\u202e/"), r.out());
        }
    }

    /** The REPL in tmux: Tab on a key that sets the title must neither set it nor clear the screen. */
    @Test
    void tabCompletionInARealTerminalShowsTheEscapeAndLeavesTheTitle(@TempDir Path dir) throws Exception {
        Map<String, String> env = new HashMap<>(LocalRgw.childEnv());
        env.put("LANG", "C.UTF-8");
        env.put("TERM", "xterm-256color");
        env.put("XDG_STATE_HOME", dir.resolve("state").toString());
        env.put("XDG_CACHE_HOME", dir.resolve("cache").toString());
        env.put("S3SH_NO_ARCHIVE", "1");
        env.remove("TMUX");
        String launcher = LocalRgw.projectDir().resolve("s3sh").toString();
        try (Tmux t = Tmux.start("names", 120, 30, env, launcher + " --endpoint " + LocalRgw.endpoint())) {
            t.waitFor("s3:// >");
            String before = t.display("#{pane_title}");
            t.type("ls s3://" + bucket + "/").keys("Enter");    // fills the listing cache: the Tab below needs no second press
            t.waitFor("clip-\\x1b]52");
            t.type("stat s3://" + bucket + "/cl").keys("Tab");
            String s = t.waitUntil("the completed name", x -> x.contains("/clip-") && x.contains(".txt"));
            assertEquals(before, t.display("#{pane_title}"), "completing the name left the title: " + s);
            s = t.waitFor("clip-$'\\x1b]52;c;aGFja2Vk\\x07.txt'");  // inserted quoted, as the shell reads it back
            t.keys("C-u");
            t.type("stat s3://" + bucket + "/").keys("Tab");
            s = t.waitFor("\\x1b]0;PWNED\\x07\\x1b[2J");        // the menu shows the names escaped
            assertEquals(before, t.display("#{pane_title}"), "the title is unchanged: " + s);
            assertFalse(t.display("#{pane_title}").contains("PWNED"));
            assertTrue(s.contains("s3:// >"), "the screen was not cleared: " + s);
        }
    }
}
