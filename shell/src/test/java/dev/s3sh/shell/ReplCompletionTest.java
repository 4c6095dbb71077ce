package dev.s3sh.shell;

import dev.s3sh.completions.*;

import dev.s3sh.session.Session;
import dev.s3sh.store.StoreException;
import dev.s3sh.testing.CountingStore;
import dev.s3sh.testing.MemoryStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Presses Tab in the real REPL — its own LineReader with the completer wired in — on an xterm-type
 * test terminal fed through a pipe, and reads what it rendered.
 */
class ReplCompletionTest {
    @TempDir
    Path tmp;

    private CountingStore store;
    private Session session;
    private ReplDriver repl;
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
        repl = new ReplDriver(session, CompletionTestSupport.registry(), tmp.resolve("history"));
        repl.awaitText("test s3:// > ");
    }

    @AfterEach
    void stop() throws Exception {
        repl.close();
        session.close();
    }

    private void press(String k) throws Exception {
        repl.press(k);
    }

    private List<String> screen() {
        return repl.screen();
    }

    private void await(String what, java.util.function.Predicate<List<String>> condition) throws InterruptedException {
        repl.await(what, condition);
    }

    private void awaitText(String text) throws InterruptedException {
        repl.awaitText(text);
    }

    private void awaitLine(String line) throws InterruptedException {
        repl.awaitLine(line);
    }

    @Test
    void tabCompletesABucketThenListsAmbiguousKeysThenCompletesOne() throws Exception {
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
        press("ls s3://alpha/\t");
        await("the level", lines -> lines.stream().anyMatch(l -> l.contains("dir/") && l.contains("top.txt")));
        press("\u0015ls s3://alpha/\t");
        press("\u0015pwd\n");
        awaitLine("s3://");
        assertEquals(1, completionRequests.get());
    }

    @Test
    void anErrorIsOneHintAboveTheLineAndTheLineStaysIntact() throws Exception {
        press("ls s3://secret/\t");
        awaitLine("(access denied to s3://secret/: check the key's permissions)");
        press("x\n");
        awaitLine("x"); // ls ran the line as typed, completion's failure left it alone
        assertTrue(screen().stream().noneMatch(l -> l.contains("Exception") || l.contains("\tat ")), String.join("\n", screen()));
    }

    @Test
    void linesThatLookSecretStayOutOfHistory() throws Exception {
        press("pwd\n");
        awaitLine("s3://");
        press("profile set --secret-key wJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEY12\n");
        repl.close();
        String history = Files.readString(tmp.resolve("history"));
        assertTrue(history.contains("pwd"), history);
        assertFalse(history.contains("secret"), history);
    }
}
