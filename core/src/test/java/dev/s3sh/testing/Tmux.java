package dev.s3sh.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A real terminal for end-to-end tests: a detached tmux session on its own server socket, typed at
 * with {@code send-keys} and read with {@code capture-pane}. Waits are bounded and fail with the
 * screen in the message.
 */
public final class Tmux implements AutoCloseable {
    private final String socket;
    private final String target;

    private Tmux(String socket) {
        this.socket = socket;
        this.target = socket + ":0";
    }

    /** Starts {@code command} (run by sh) in a {@code columns}x{@code rows} window with exactly {@code env}. */
    public static Tmux start(String name, int columns, int rows, Map<String, String> env, String command) throws Exception {
        Tmux t = new Tmux("s3sh-" + name + "-" + ProcessHandle.current().pid());
        t.run(env, "new-session", "-d", "-s", t.socket, "-x", Integer.toString(columns), "-y", Integer.toString(rows),
                command + "; echo '[pane command exited]'; sleep 600");
        t.tmux("set-option", "-t", t.socket, "history-limit", "5000");
        return t;
    }

    private String run(Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("tmux", "-L", socket));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        if (env != null) {
            pb.environment().clear();
            pb.environment().putAll(env);
        }
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) throw new IllegalStateException("tmux " + String.join(" ", args) + " failed: " + out);
        return out;
    }

    private String tmux(String... args) throws IOException, InterruptedException {
        return run(null, args);
    }

    /** tmux's own view of the pane, e.g. {@code #{pane_title}}: what an escape sequence may have changed. */
    public String display(String format) throws Exception {
        return tmux("display-message", "-p", "-t", target, format).strip();
    }

    /** Keys by tmux name (Enter, Escape, F3, C-c, Left, ...). */
    public Tmux keys(String... keys) throws Exception {
        List<String> args = new ArrayList<>(List.of("send-keys", "-t", target));
        args.addAll(List.of(keys));
        tmux(args.toArray(String[]::new));
        return this;
    }

    /** Text typed literally, character by character. */
    public Tmux type(String text) throws Exception {
        tmux("send-keys", "-t", target, "-l", text);
        return this;
    }

    /** What the window shows now. */
    public String screen() throws Exception {
        return tmux("capture-pane", "-p", "-t", target);
    }

    /** The pane's title, as an OSC 0/2 sequence would set it (tests check no name could). */
    public String paneTitle() throws Exception {
        return tmux("display-message", "-p", "-t", target, "#{pane_title}").strip();
    }

    /** The window plus its scroll-back. */
    public String history() throws Exception {
        return tmux("capture-pane", "-p", "-S", "-2000", "-t", target);
    }

    public String waitFor(String text) throws Exception {
        return waitUntil("the screen to show '" + text + "'", s -> s.contains(text));
    }

    public String waitUntil(String what, Predicate<String> condition) throws Exception {
        String s = "";
        for (int i = 0; i < 600; i++) {      // a bound against a hang (≈ 60 s), not a speed check
            s = screen();
            if (condition.test(s)) return s;
            Thread.sleep(100);
        }
        throw new AssertionError("timed out waiting for " + what + "; the screen:\n" + s + "\n--- with scroll-back:\n" + history());
    }

    @Override
    public void close() {
        try {
            tmux("kill-server");
        } catch (Exception ignored) {
            // already gone
        }
    }
}
