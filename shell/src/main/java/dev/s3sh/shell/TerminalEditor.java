package dev.s3sh.shell;

import dev.s3sh.command.EditorLauncher;

import org.jline.terminal.Attributes;
import org.jline.terminal.Terminal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs {@code $VISUAL}, else {@code $EDITOR}, on the real terminal: saves the terminal's attributes,
 * gives the editor the terminal (inheritIO), and restores them afterwards, because JLine's pause()
 * is a no-op on POSIX (docs/architecture.md, terminal facts). Without an editor variable, JLine's built-in nano is used.
 */
public final class TerminalEditor implements EditorLauncher {
    private final Terminal terminal;
    private final Map<String, String> env;

    public TerminalEditor(Terminal terminal, Map<String, String> env) {
        this.terminal = terminal;
        this.env = env;
    }

    /** The editor command line from VISUAL or EDITOR, split on spaces; empty when neither is set. */
    public static List<String> editorCommand(Map<String, String> env) {
        String editor = env.getOrDefault("VISUAL", "");
        if (editor.isBlank()) editor = env.getOrDefault("EDITOR", "");
        List<String> command = new ArrayList<>();
        for (String part : editor.trim().split("\\s+")) if (!part.isEmpty()) command.add(part);
        return command;
    }

    /**
     * Waits for the editor. Interrupted (Ctrl-C reached s3sh), it ends the editor before returning, so
     * that it does not go on using the terminal the shell takes back; the file stays as the editor left it.
     */
    static void waitFor(Process process, String name) throws InterruptedException {
        int status;
        try {
            status = process.waitFor();
        } catch (InterruptedException e) {
            process.destroy();
            try {
                if (!process.waitFor(2, java.util.concurrent.TimeUnit.SECONDS)) process.destroyForcibly();
            } catch (InterruptedException again) {
                process.destroyForcibly();
            }
            throw e;
        }
        if (status != 0) throw new IllegalStateException("the editor '" + name + "' exited with status " + status);
    }

    @Override
    public void edit(Path file) throws Exception {
        List<String> command = editorCommand(env);
        if (command.isEmpty()) {
            var nano = new org.jline.builtins.Nano(terminal, file.getParent());
            nano.open(file.getFileName().toString());
            nano.run();
            return;
        }
        command.add(file.toString());
        Attributes saved = terminal.getAttributes();
        terminal.flush();
        try {
            waitFor(new ProcessBuilder(command).inheritIO().start(), command.get(0));
        } finally {
            terminal.setAttributes(saved);
            terminal.flush();
        }
    }
}
