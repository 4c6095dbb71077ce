package dev.s3sh.shell;

import dev.s3sh.completions.*;

import dev.s3sh.session.Session;
import dev.s3sh.command.CommandRegistry;
import dev.s3sh.command.CommandRunner;
import dev.s3sh.shell.Repl;
import org.jline.terminal.Size;
import org.jline.terminal.impl.ExternalTerminal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Runs the real REPL (its own LineReader, completer and highlighter as wired in {@link Repl}) on an
 * xterm-type terminal fed through a pipe, on its own thread: a test presses keys and reads the
 * rendered screen.
 */
final class ReplDriver implements AutoCloseable {
    private final PipedOutputStream keys;
    private final ByteArrayOutputStream rendered = new ByteArrayOutputStream();
    private final Thread thread;

    ReplDriver(Session session, CommandRegistry registry, Path history) throws IOException {
        PipedInputStream in = new PipedInputStream(4096);
        keys = new PipedOutputStream(in);
        ExternalTerminal terminal = new ExternalTerminal("test", "xterm", in, rendered, StandardCharsets.UTF_8);
        terminal.setSize(new Size(160, 50));
        thread = new Thread(() -> {
            try (terminal) {
                new Repl(terminal, session, registry, new CommandRunner(registry, false, List.of()), false,
                        history, Map.of()).run();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }, "repl-under-test");
        thread.start();
    }

    void press(String k) throws IOException {
        keys.write(k.getBytes(StandardCharsets.UTF_8));
        keys.flush();
    }

    /** The rendered output as lines, escape sequences removed and carriage returns taken as line starts. */
    List<String> screen() {
        String raw;
        synchronized (rendered) {
            raw = rendered.toString(StandardCharsets.UTF_8);
        }
        return raw.replaceAll("\u001B\\[[0-9;?]*[A-Za-z]|\u001B[=>]", "").replace("\r\n", "\n").replace('\r', '\n')
                .lines().toList();
    }

    void await(String what, Predicate<List<String>> condition) throws InterruptedException {
        for (int i = 0; i < 1000; i++) {
            if (condition.test(screen())) return;
            Thread.sleep(20);
        }
        fail("the screen never showed " + what + ":\n" + String.join("\n", screen()));
    }

    /**
     * Presses {@code k} (ending in Tab) and waits for {@code condition}. A listing slower than the
     * REPL's budget (a loaded machine) shows "still listing" and finishes in the background; then
     * Tab is pressed again, as a user would, and is answered from the finished listing.
     */
    void tabUntil(String k, String what, Predicate<List<String>> condition) throws IOException, InterruptedException {
        int hints = stillListing();
        press(k);
        for (int i = 0; i < 1000; i++) {
            if (condition.test(screen())) return;
            if (stillListing() > hints) {
                hints = stillListing();
                Thread.sleep(200);
                press("\t");
            }
            Thread.sleep(20);
        }
        fail("the screen never showed " + what + ":\n" + String.join("\n", screen()));
    }

    private int stillListing() {
        return (int) screen().stream().filter(l -> l.contains("still listing")).count();
    }

    void awaitText(String text) throws InterruptedException {
        await("'" + text + "'", lines -> lines.stream().anyMatch(l -> l.contains(text)));
    }

    void awaitLine(String line) throws InterruptedException {
        await("the line '" + line + "'", lines -> lines.contains(line));
    }

    /** Types exit (after clearing the line) and waits for the REPL to end. */
    @Override
    public void close() throws Exception {
        if (thread.isAlive()) press("\u0015exit\n");
        thread.join(10_000);
    }
}
