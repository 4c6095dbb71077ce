package dev.s3sh.it;

import dev.s3sh.command.ExitCode;
import dev.s3sh.store.ObjectInfo;
import dev.s3sh.store.ObjectStore;
import dev.s3sh.store.S3ObjectStore;
import dev.s3sh.store.StoreException;
import dev.s3sh.store.Timeouts;
import dev.s3sh.testing.FaultProxy;
import dev.s3sh.testing.FaultProxy.Fault;
import dev.s3sh.testing.LocalRgw;
import dev.s3sh.testing.ShellHarness;
import dev.s3sh.testing.TypedRepl;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static dev.s3sh.testing.TypedRepl.awaitTrue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Multipart transfers through {@link FaultProxy}: a part upload reset once, every part refused, the
 * CompleteMultipartUpload answer cut, a ranged download cut mid-body, and Ctrl-C typed into the real
 * REPL during an upload and while the completion's answer is held back. What s3sh reports is checked against the server, read directly (not
 * through the proxy): the object's size and ETag, and that no multipart upload is left behind.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS) // a guard against a hang, not a speed check
class MultipartFaultIT {
    static final long SIZE = 20L << 20;
    static final String PART = "5M";
    /** Short enough for a test, long enough for a 5 MiB part on a busy machine. */
    static final Timeouts SHORT = new Timeouts(Duration.ofMillis(2000), Duration.ofMillis(8000),
            Duration.ofMillis(10_000), Duration.ofMillis(40_000));
    static final long HOLD_MS = 20_000; // an answer held back far longer than the test waits
    static int faults;
    static int interrupts;

    @TempDir
    static Path dir;
    static Path file;
    static String fileMd5;
    static String bucket;
    static ObjectStore store;
    static FaultProxy proxy;
    private ShellHarness shell;
    private int before;

    @BeforeAll
    static void start() throws Exception {
        store = LocalRgw.store();
        bucket = LocalRgw.newBucket("mpfault");
        file = ItSupport.randomFile(dir, "twenty.bin", SIZE, 7);
        fileMd5 = ItSupport.md5(file);
        store.putObject(bucket, "marker/seen.txt", new byte[]{1}, "text/plain");
        proxy = FaultProxy.to(URI.create(LocalRgw.endpoint()));
    }

    @AfterAll
    static void stop() {
        proxy.close();
        LocalRgw.deleteBucket(bucket);
        System.out.println("MultipartFaultIT: faults injected " + faults + ", interrupts tested " + interrupts);
    }

    @BeforeEach
    void open() {
        proxy.pass();
        proxy.forget();
        before = proxy.injected();
        shell = new ShellHarness(proxy.profile(), p -> new S3ObjectStore(p, null, SHORT));
    }

    @AfterEach
    void close() {
        faults += proxy.injected() - before;
        proxy.pass();
        shell.close();
    }

    private ShellHarness.Result put(String key) {
        return shell.run("put", "--part-size", PART, "--threads", "2", file.toString(), "s3://" + bucket + "/" + key);
    }

    static void oneSentence(ShellHarness.Result r) {
        assertEquals(ExitCode.FAILURE, r.status(), r.toString());
        String err = r.err().strip();
        assertFalse(err.isEmpty(), "a message\n" + r);
        assertFalse(r.err().contains("Exception") || r.err().contains("\tat ") || r.out().contains("Exception"), "no stack trace\n" + r);
        assertEquals(1, err.lines().count(), "one sentence\n" + r);
    }

    static void nothingLeft(String key) {
        assertEquals(List.of(), store.listUploads(bucket, key), "the multipart upload was aborted");
        StoreException missing = assertThrows(StoreException.class, () -> store.stat(bucket, key));
        assertEquals("NoSuchKey", missing.code());
    }

    static void stored(String key) {
        ObjectInfo info = store.stat(bucket, key);
        assertEquals(SIZE, info.size());
        assertTrue(info.plainEtag().endsWith("-4"), info.etag());
        assertEquals(List.of(), store.listUploads(bucket, key), "no upload left open");
    }

    /** How often each part number was sent, by part number. */
    private static Map<String, Long> partSends() {
        Map<String, Long> sends = new TreeMap<>();
        for (FaultProxy.Seen s : proxy.seen()) {
            String part = partNumber(s);
            if (part != null) sends.merge(part, 1L, Long::sum);
        }
        return sends;
    }

    private static String resetPartNumber() {
        return proxy.seen().stream().filter(s -> s.fault().kind() == Fault.Kind.RESET).map(MultipartFaultIT::partNumber)
                .findFirst().orElseThrow(() -> new AssertionError("no part was reset\n" + proxy.seen()));
    }

    private static String partNumber(FaultProxy.Seen s) {
        if (!s.method().equals("PUT")) return null;
        Matcher m = PART_NUMBER.matcher(s.target());
        return m.find() ? m.group(1) : null;
    }

    private static final Pattern PART_NUMBER = Pattern.compile("[?&]partNumber=(\\d+)");

    private long partPuts() {
        return proxy.seen().stream().filter(s -> s.method().equals("PUT") && s.target().contains("partNumber=")).count();
    }

    @Test
    void aPartResetOnceIsRetriedAndTheUploadCompletes() {
        proxy.failFirstOn("PUT", 1, Fault.reset());
        ShellHarness.Result r = put("reset-once.bin");
        assertEquals(ExitCode.OK, r.status(), r.toString());
        assertEquals(1, proxy.injected() - before);
        // Each of the four parts reached the server, and the one that was reset was sent again. A
        // busy machine may add a retry of its own (a part slower than the socket timeout), so the
        // count per part is "at least", with the reset part at least twice.
        Map<String, Long> sends = partSends();
        assertEquals(List.of("1", "2", "3", "4"), List.copyOf(sends.keySet()), "every part sent\n" + proxy.seen());
        String resetPart = resetPartNumber();
        assertTrue(sends.get(resetPart) >= 2, "the reset part " + resetPart + " was sent again\n" + proxy.seen());
        stored("reset-once.bin");
    }

    @ParameterizedTest(name = "every part PUT under {0}")
    @MethodSource("partFaults")
    void everyPartFailingEndsInOneSentenceAndAbortsTheUpload(Fault fault, String key, String expected) {
        proxy.faultOn("PUT", fault);
        ShellHarness.Result r = put(key);
        oneSentence(r);
        assertTrue(r.err().contains(expected), "expected '" + expected + "'\n" + r);
        assertTrue(proxy.seen().stream().anyMatch(s -> s.method().equals("DELETE") && s.forwarded()), "an abort was sent");
        nothingLeft(key);
    }

    static Stream<Arguments> partFaults() {
        return Stream.of(Arguments.of(Fault.status(503), "refused.bin", "(503)"),
                Arguments.of(Fault.cut(0), "cut.bin", "request to"));
    }

    @Test
    void aCompleteWhoseAnswerIsCutIsReportedAsWhatTheServerHolds() throws Exception {
        // every answer to CompleteMultipartUpload is cut after the server assembled the object
        proxy.faultOn("POST", "uploadId=", Fault.cut(20));
        ShellHarness.Result r = put("complete-cut.bin");
        assertTrue(proxy.injected() - before >= 1, "the complete was cut");
        assertEquals(List.of(), store.listUploads(bucket, "complete-cut.bin"), "no upload left open\n" + r);
        // the server holds the object, so the truthful report is success, said to rest on the read-back
        stored("complete-cut.bin");
        assertEquals(ExitCode.OK, r.status(), "the server holds the object, yet a failure was reported\n" + r);
        assertTrue(r.out().contains("read-back"), r.toString());
        Path back = dir.resolve("complete-cut.back");
        assertEquals(ExitCode.OK, direct("get", "s3://" + bucket + "/complete-cut.bin", back.toString()).status());
        assertEquals(fileMd5, ItSupport.md5(back));
    }

    /** Runs one command straight against the RGW (no proxy). */
    private static ShellHarness.Result direct(String... words) {
        try (ShellHarness local = ShellHarness.local()) {
            return local.run(words);
        }
    }

    @Test
    void aDownloadCutMidBodyEveryTimeFailsAndLeavesNoFile() throws Exception {
        assertEquals(ExitCode.OK, direct("put", "--part-size", PART, file.toString(),
                "s3://" + bucket + "/dl/every.bin").status());
        Path target = Files.createDirectories(dir.resolve("dl-every")).resolve("x.bin");
        proxy.faultOn("GET", Fault.cut(1 << 20));
        ShellHarness.Result r = shell.run("get", "--part-size", PART, "--threads", "2", "s3://" + bucket + "/dl/every.bin",
                target.toString());
        oneSentence(r);
        assertTrue(r.err().contains("broke off"), r.toString());
        assertFalse(Files.exists(target), "no file under the final name\n" + r);
        assertEquals(List.of(), files(target.getParent()), "no .part- file left");
    }

    @Test
    void aDownloadCutOnceResumesTheRangeToTheSameBytes() throws Exception {
        assertEquals(ExitCode.OK, direct("put", "--part-size", PART, file.toString(),
                "s3://" + bucket + "/dl/once.bin").status());
        Path target = Files.createDirectories(dir.resolve("dl-once")).resolve("x.bin");
        proxy.failFirstOn("GET", 1, Fault.cut(1 << 20));
        ShellHarness.Result r = shell.run("get", "--part-size", PART, "--threads", "2", "s3://" + bucket + "/dl/once.bin",
                target.toString());
        assertEquals(1, proxy.injected() - before);
        assertEquals(ExitCode.OK, r.status(), r.toString());
        assertTrue(r.out().contains("matches the ETag"), "verified\n" + r);
        assertEquals(fileMd5, ItSupport.md5(target), "the same bytes");
        assertEquals(List.of(target), files(target.getParent()), "no .part- file left");
        // four ranges and the resumed one; a busy machine may add a retry of its own, never fewer
        assertTrue(proxy.seen().stream().filter(s -> s.method().equals("GET")).count() >= 5, "four ranges, one resumed");
    }

    private static List<Path> files(Path folder) throws Exception {
        try (Stream<Path> s = Files.list(folder)) {
            return s.toList();
        }
    }

    /**
     * Runs {@code script} in the real REPL on a session through the proxy, then lets every request
     * pass and checks that the next command in the same session works and that no stack trace was shown.
     */
    private static void inRepl(Path tmp, TypedRepl.Script script) throws Exception {
        try {
            TypedRepl.Result r = new TypedRepl(proxy.profile(), p -> new S3ObjectStore(p, null, Timeouts.DEFAULT),
                    tmp.resolve("history")).run(keys -> {
                script.type(keys);
                proxy.pass();
                int next = keys.mark();
                keys.type("ls s3://" + bucket + "/marker/\r");
                keys.await(next, "seen.txt"); // the next ls in the same session
            });
            interrupts += r.ctrlCs();
            assertFalse(r.screen().contains("Exception"), r.screen());
        } finally {
            proxy.pass();
        }
    }

    private static String putLine(String key) {
        return "put --part-size " + PART + " --threads 2 " + file + " s3://" + bucket + "/" + key + "\r";
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void ctrlCInTheReplDuringAnUploadAbortsItAndTheSessionGoesOn(@TempDir Path tmp) throws Exception {
        String key = "repl/x.bin";
        inRepl(tmp, keys -> {
            proxy.faultOn("PUT", Fault.delay(HOLD_MS)); // parts reach the server, their answers are late
            keys.type(putLine(key));
            awaitTrue(() -> partPuts() > 0 && !store.listUploads(bucket, key).isEmpty(), "a part upload under way");
            int mark = keys.mark();
            keys.ctrlC();
            keys.await(mark, "interrupted");
            awaitTrue(() -> store.listUploads(bucket, key).isEmpty(), "the multipart upload aborted");
        });
        StoreException missing = assertThrows(StoreException.class, () -> store.stat(bucket, key));
        assertEquals("NoSuchKey", missing.code());
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void ctrlCInTheReplWhileTheCompletionIsAnsweredReportsWhatTheServerHolds(@TempDir Path tmp) throws Exception {
        String key = "repl/completing.bin";
        String url = "s3://" + bucket + "/" + key;
        inRepl(tmp, keys -> {
            // CompleteMultipartUpload reaches the server, which assembles the object; its answer is held back
            proxy.faultOn("POST", "uploadId=", Fault.delay(HOLD_MS));
            int mark = keys.mark();
            keys.type(putLine(key));
            awaitTrue(() -> proxy.seen().stream().anyMatch(s -> s.method().equals("POST") && s.target().contains("uploadId=")),
                    "the completion request");
            awaitTrue(() -> holds(key), "the server assembled the object");
            keys.ctrlC();
            // the object is stored: s3sh must say so, not report the put as failed or interrupted
            keys.await(mark, " -> " + url + "  (");
            String said = keys.screen().substring(mark);
            assertTrue(said.contains("read-back"), "the report rests on the read-back\n" + said);
            assertFalse(said.contains("interrupted"), "no failure reported for a stored object\n" + said);
            assertTrue(proxy.holding() > 0, "reported without waiting for the held answer\n" + said);
            awaitTrue(() -> store.listUploads(bucket, key).isEmpty(), "no multipart upload left open");
        });
        stored(key);
    }

    /** Whether the server (read directly) holds {@code key}. */
    private static boolean holds(String key) {
        try {
            store.stat(bucket, key);
            return true;
        } catch (StoreException e) {
            return false;
        }
    }
}
