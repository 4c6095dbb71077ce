package dev.s3sh.completions;

import dev.s3sh.session.Session;
import dev.s3sh.shell.CommandRegistry;
import dev.s3sh.shell.CommandRunner;
import dev.s3sh.shell.Repl;
import dev.s3sh.store.StoreException;
import dev.s3sh.testing.CountingStore;
import dev.s3sh.testing.MemoryStore;
import org.jline.terminal.Size;
import org.jline.terminal.impl.ExternalTerminal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Presses Tab in the real REPL — its own LineReader with the completer wired in — on an xterm-type
 * test terminal fed through a pipe, and reads what it rendered.
 */
class ReplCompletionTest {
    @TempDir
    Path tmp;

    private CountingStore store;
    private Session session;
    private PipedOutputStream keys;
    private final ByteArrayOutputStream rendered = new ByteArrayOutputStream();
    private Thread repl;
    private final AtomicInteger completionRequests = new AtomicInteger();

    @BeforeEach
    void start() throws Exception {
        store = new CountingStore(new MemoryStore()
                .with("alpha", "dir/a.txt", "tools/x", "top.txt")
                .with("secret", "x"));
        store.beforeEachCall(bucket -> {
            if (!Thread.currentThread().getName().equals("s3sh-listing")) return; // a command's own request
            completionRequests.incrementAndGet();
            if ("secret".equals(bucket)) {
                throw new StoreException("AccessDenied", 403, "access denied to s3://secret/: check the key's permissions");
            }
        });
        session = new Session(CompletionTestSupport.profile(), p -> store);
        CommandRegistry registry = CompletionTestSupport.registry();
        PipedInputStream in = new PipedInputStream(4096);
        keys = new PipedOutputStream(in);
        ExternalTerminal terminal = new ExternalTerminal("test", "xterm", in, rendered, StandardCharsets.UTF_8);
        terminal.setSize(new Size(120, 40));
        repl = new Thread(() -> {
            try (terminal) {
                new Repl(terminal, session, registry, new CommandRunner(registry, false, List.of()), false,
                        tmp.resolve("history"), Map.of()).run();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, "repl-under-test");
        repl.start();
    }

    @AfterEach
    void stop() throws Exception {
        if (repl.isAlive()) press("\u0015exit\n");
        repl.join(10_000);
        session.close();
    }

    private void press(String k) throws Exception {
        keys.write(k.getBytes(StandardCharsets.UTF_8));
        keys.flush();
    }

    /** The rendered output as lines, escape sequences removed and carriage returns taken as line starts. */
    private List<String> screen() {
        String raw;
        synchronized (rendered) {
            raw = rendered.toString(StandardCharsets.UTF_8);
        }
        return raw.replaceAll("\u001B\\[[0-9;?]*[A-Za-z]|\u001B[=>]", "").replace("\r\n", "\n").replace('\r', '\n').lines().toList();
    }

    private void await(String what, Predicate<List<String>> condition) throws InterruptedException {
        for (int i = 0; i < 500; i++) {
            if (condition.test(screen())) return;
            Thread.sleep(20);
        }
        fail("the screen never showed " + what + ":\n" + String.join("\n", screen()));
    }

    private void awaitText(String text) throws InterruptedException {
        await("'" + text + "'", lines -> lines.stream().anyMatch(l -> l.contains(text)));
    }

    private void awaitLine(String line) throws InterruptedException {
        await("the line '" + line + "'", lines -> lines.contains(line));
    }

    @Test
    void tabCompletesABucketThenListsAmbiguousKeysThenCompletesOne() throws Exception {
        awaitText("test s3:// > ");
        press("ls s3://al\t");
        awaitText("s3://alpha/");
        press("to\t");
        await("both candidates", lines -> lines.stream().anyMatch(l -> l.contains("tools/") && l.contains("top.txt")));
        press("p\t\n");
        awaitLine("top.txt"); // what ls printed for the completed path
        assertEquals(1, store.listBucketCalls());
        assertEquals(2, completionRequests.get(), "one ListBuckets, one listing of 'to' that also answered 'top'");
    }

    @Test
    void aRepeatedTabCostsNoRequest() throws Exception {
        awaitText("test s3:// > ");
        press("ls s3://alpha/\t");
        await("the level", lines -> lines.stream().anyMatch(l -> l.contains("dir/") && l.contains("top.txt")));
        press("\u0015ls s3://alpha/\t");
        press("\u0015pwd\n");
        awaitLine("s3://");
        assertEquals(1, completionRequests.get());
    }

    @Test
    void anErrorIsOneHintAboveTheLineAndTheLineStaysIntact() throws Exception {
        awaitText("test s3:// > ");
        press("ls s3://secret/\t");
        awaitLine("(access denied to s3://secret/: check the key's permissions)");
        press("x\n");
        awaitLine("x"); // ls ran the line as typed, completion's failure left it alone
        assertTrue(screen().stream().noneMatch(l -> l.contains("Exception") || l.contains("\tat ")), String.join("\n", screen()));
    }

    @Test
    void linesThatLookSecretStayOutOfHistory() throws Exception {
        awaitText("test s3:// > ");
        press("pwd\n");
        awaitLine("s3://");
        press("profile set --secret-key wJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEY12\n");
        press("exit\n");
        repl.join(10_000);
        String history = Files.readString(tmp.resolve("history"));
        assertTrue(history.contains("pwd"), history);
        assertFalse(history.contains("secret"), history);
    }
}
