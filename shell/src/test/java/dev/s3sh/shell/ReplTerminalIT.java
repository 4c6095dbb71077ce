package dev.s3sh.shell;

import dev.s3sh.testing.LocalRgw;
import dev.s3sh.testing.Tmux;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The REPL in a real terminal (tmux) with the launcher: keys and surroundings that used to spill JVM output on the screen. */
class ReplTerminalIT {
    static Map<String, String> env(Path dir, Path state) {
        Map<String, String> env = new HashMap<>(LocalRgw.childEnv());
        env.put("LANG", "C.UTF-8");
        env.put("TERM", "xterm-256color");
        env.put("HOME", dir.toString());
        env.put("XDG_STATE_HOME", state.toString());
        env.put("XDG_CACHE_HOME", dir.resolve("cache").toString());
        env.put("S3SH_NO_ARCHIVE", "1");
        env.remove("TMUX");
        return env;
    }

    private static String launcher() {
        return LocalRgw.projectDir().resolve("s3sh") + " --endpoint " + LocalRgw.endpoint();
    }

    @Test
    void outputPipedFromATerminalGetsNoJLineWarning(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("out.txt"), err = dir.resolve("err.txt");
        try (Tmux t = Tmux.start("piped", 100, 30, env(dir, dir.resolve("state")),
                launcher() + " 2>" + err + " | cat > " + out + "; echo PIPED-DONE; sleep 30")) {
            for (int i = 0; i < 600 && !(java.nio.file.Files.exists(out) && java.nio.file.Files.readString(out).contains("s3:// >")); i++) {
                Thread.sleep(200);
            }
            t.type("exit").keys("Enter");
            t.waitFor("PIPED-DONE");
        }
        String errors = java.nio.file.Files.readString(err);
        assertTrue(java.nio.file.Files.readString(out).contains("s3:// >"), "the REPL ran: " + java.nio.file.Files.readString(out));
        assertFalse(errors.contains("Unable to create a system terminal") || errors.contains("WARNING"), errors);
    }

    @Test
    void ctrlBackslashPrintsNoThreadDumpAndTheQuitKeyComesBack(@TempDir Path dir) throws Exception {
        try (Tmux t = Tmux.start("quit", 100, 30, env(dir, dir.resolve("state")),
                "stty quit '^\\'; " + launcher() + "; stty -a | grep -o 'quit = [^;]*'; sleep 30")) {
            t.waitFor("s3:// >");
            t.keys("C-\\");
            t.type("pwd").keys("Enter");
            t.waitFor("s3://\n");
            t.keys("C-\\");
            t.type("exit").keys("Enter");
            String after = t.waitFor("quit = ");
            String all = t.history();
            assertFalse(all.contains("Full thread dump") || all.contains("java.lang.Thread.State"), all);
            assertTrue(after.contains("quit = ^\\"), "the terminal's quit key is given back: " + after);
        }
    }

    @Test
    void anUnwritableHistoryFolderIsSaidOnceInOneSentence(@TempDir Path dir) throws Exception {
        Path notAFolder = Files.writeString(dir.resolve("state-file"), "a file where XDG_STATE_HOME should be a folder");
        try (Tmux t = Tmux.start("history", 160, 40, env(dir, notAFolder), launcher() + "; sleep 30")) {
            t.waitFor("s3:// >");
            for (int i = 0; i < 3; i++) {
                t.type("pwd").keys("Enter");
            }
            t.type("exit").keys("Enter");
            t.waitUntil("the shell ended", s -> s.lines().filter(l -> l.contains("s3:// >")).count() >= 4);
            String all = t.history();
            assertFalse(all.contains("WARNING") || all.contains("at org.jline") || all.contains("Exception"), all);
            assertEquals(1, all.lines().filter(l -> l.contains("history is not kept")).count(), all);
        }
    }
}
