package dev.s3sh.shell;

import dev.s3sh.app.CorsHistory;
import dev.s3sh.command.ExitCode;

import dev.s3sh.completions.CompletionEngine;
import dev.s3sh.config.Profile;
import dev.s3sh.cors.CorsConfiguration;
import dev.s3sh.cors.CorsNormalizer;
import dev.s3sh.cors.CorsRule;
import dev.s3sh.cors.CorsXml;
import dev.s3sh.shell.commands.BuiltinCommands;
import dev.s3sh.store.S3ObjectStore;
import dev.s3sh.store.Timeouts;
import dev.s3sh.testing.FaultProxy;
import dev.s3sh.testing.FaultProxy.Fault;
import dev.s3sh.testing.LocalRgw;
import dev.s3sh.testing.ShellHarness;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * s3sh against the real RGW through {@link FaultProxy}: listings, {@code cors set}, the push of
 * {@code cors edit} and tab completion meet delays, cut answers, resets, refused connections and
 * 500/503. Each ends in one plain sentence within the (short, test) timeouts, with the SDK's retries
 * where they are safe, a server configuration that is what the report says (checked by reading the
 * bucket directly, not through the proxy), and a session that works again once the proxy passes.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS) // a guard against a hang, not a speed check
class FaultIT {
    /** Short enough for a test, long enough for the loopback RGW on a busy machine. */
    static final Timeouts SHORT = new Timeouts(Duration.ofMillis(1000), Duration.ofMillis(2500),
            Duration.ofMillis(2500), Duration.ofMillis(8000));
    /** A delay well past the attempt timeout (and below the proxy's own socket timeout). */
    static final long SLOW_MS = 6000;
    static final AtomicInteger FAULTS = new AtomicInteger();

    private static String bucket;
    private static FaultProxy proxy;
    private ShellHarness shell;

    static final CorsConfiguration OLD = config("https://old.example.test", "GET");
    static final CorsConfiguration NEW = config("https://new.example.test", "GET", "HEAD");

    static CorsConfiguration config(String origin, String... methods) {
        return new CorsConfiguration(List.of(new CorsRule("fault", List.of(methods), List.of(origin), List.of("content-type"),
                List.of("ETag"), 300)));
    }

    @BeforeAll
    static void start() {
        bucket = LocalRgw.newBucket("fault");
        for (int i = 0; i < 5; i++) {
            LocalRgw.store().putObject(bucket, "dir/key-" + i + ".txt", ("v" + i).getBytes(StandardCharsets.UTF_8), "text/plain");
        }
        proxy = FaultProxy.to(java.net.URI.create(LocalRgw.endpoint()));
    }

    @AfterAll
    static void stop() {
        proxy.close();
        LocalRgw.deleteBucket(bucket);
        System.out.println("FaultIT: faults injected " + FAULTS.get());
    }

    static Profile throughProxy() {
        return proxy.profile();
    }

    @BeforeEach
    void open() {
        proxy.pass();
        proxy.forget();
        LocalRgw.store().putCors(bucket, OLD);
        shell = new ShellHarness(throughProxy(), p -> new S3ObjectStore(p, null, SHORT));
    }

    @AfterEach
    void sessionSurvives() {
        FAULTS.addAndGet(proxy.injected() - before);
        proxy.pass();
        ShellHarness.Result r = shell.run("ls", "s3://" + bucket + "/dir/");
        assertEquals(ExitCode.OK, r.status(), "the same session works once the endpoint is back\n" + r);
        assertTrue(r.out().contains("key-4.txt"), r.toString());
        shell.close();
    }

    private int before;

    private void inject(Fault f) {
        before = proxy.injected();
        proxy.fault(f);
    }

    static void oneSentence(ShellHarness.Result r) {
        String err = r.err().strip();
        assertFalse(err.isEmpty(), "a message\n" + r);
        assertFalse(r.err().contains("Exception") || r.err().contains("\tat ") || r.err().contains("at dev.")
                || r.out().contains("Exception"), "no stack trace\n" + r);
        assertTrue(err.lines().count() <= 3, "a short message\n" + r);
    }

    static Stream<Arguments> refusingFaults() {
        return Stream.of(
                Arguments.of(Fault.delay(SLOW_MS), "did not answer in time"),
                Arguments.of(Fault.cut(0), "request to"),
                Arguments.of(Fault.cut(40), "request to"),
                Arguments.of(Fault.reset(), "request to"),
                Arguments.of(Fault.refuse(), "cannot connect to"),
                Arguments.of(Fault.status(500), "internal error (500)"),
                Arguments.of(Fault.status(503), "unavailable right now (503)"));
    }

    @ParameterizedTest(name = "ls under {0}")
    @MethodSource("refusingFaults")
    void aListingUnderAFaultEndsInOneSentence(Fault fault, String expected) {
        inject(fault);
        ShellHarness.Result r = shell.run("ls", "s3://" + bucket + "/dir/");
        assertEquals(ExitCode.FAILURE, r.status(), r.toString());
        oneSentence(r);
        assertTrue(r.err().contains(expected), "expected '" + expected + "'\n" + r);
        // bounded: the SDK makes up to 4 attempts, and the JDK's HTTP client repeats a GET once on a
        // broken connection, so at most 8 requests, never without end
        assertTrue(proxy.seen().size() <= 8, "attempts: " + proxy.seen().size());
        if (fault.kind() == Fault.Kind.STATUS || fault.kind() == Fault.Kind.RESET) {
            assertTrue(proxy.seen().size() >= 2, "a 5xx or a reset is retried: " + proxy.seen());
        }
    }

    static Stream<Arguments> passingAfterRetries() {
        return Stream.of(Arguments.of(1, Fault.status(503)), Arguments.of(2, Fault.status(500)),
                Arguments.of(1, Fault.reset()), Arguments.of(1, Fault.cut(0)));
    }

    @ParameterizedTest(name = "ls after {0} x {1}")
    @MethodSource("passingAfterRetries")
    void aListingSucceedsWhenTheFaultPassesWithinTheRetries(int times, Fault fault) {
        before = proxy.injected();
        proxy.failFirst(times, fault);
        ShellHarness.Result r = shell.run("ls", "s3://" + bucket + "/dir/");
        assertEquals(ExitCode.OK, r.status(), r.toString());
        assertTrue(r.out().contains("key-0.txt"), r.toString());
        assertEquals(times + 1, proxy.seen().size(), "retried: " + proxy.seen());
    }

    /** PUT-only faults: the request never reached the server, or it did and only the answer was lost. */
    static Stream<Arguments> pushFaults() {
        return Stream.of(
                Arguments.of("PUT", Fault.status(500), false),
                Arguments.of("PUT", Fault.status(503), false),
                Arguments.of("PUT", Fault.reset(), false),
                Arguments.of("PUT", Fault.cut(0), true),
                Arguments.of("PUT", Fault.cut(12), true),
                Arguments.of("PUT", Fault.delay(SLOW_MS), true),
                Arguments.of("GET", Fault.status(503), false),
                Arguments.of("GET", Fault.reset(), false),
                Arguments.of("*", Fault.refuse(), false));
    }

    private void injectOn(String method, Fault f) {
        before = proxy.injected();
        if (method.equals("*")) proxy.fault(f);
        else proxy.faultOn(method, f);
    }

    private Path newDocument() throws Exception {
        Path file = shell.stateDir().resolve("new-cors.xml");
        Files.writeString(file, CorsXml.write(NEW));
        return file;
    }

    private static CorsConfiguration onServer() {
        return LocalRgw.store().getCors(bucket).orElse(null);
    }

    private int historyEntries() throws Exception {
        return new CorsHistory(shell.stateDir(), shell.session().profile().endpointLabel(), bucket).entries().size();
    }

    @ParameterizedTest(name = "cors set, {0} gets {1}")
    @MethodSource("pushFaults")
    void corsSetUnderAFaultReportsWhatTheServerHolds(String method, Fault fault, boolean reachedServer) throws Exception {
        Path doc = newDocument();
        injectOn(method, fault);
        ShellHarness.Result r = shell.run("cors", "set", doc.toString(), "s3://" + bucket, "--yes");
        if (reachedServer) {
            assertEquals(ExitCode.OK, r.status(), r.toString());
            assertTrue(r.out().contains("the answer was lost") && r.out().contains("read-back shows"), "truthful\n" + r);
            assertTrue(CorsNormalizer.sameRules(onServer(), CorsNormalizer.rgwStoredForm(NEW)), "the server holds the new rules");
            assertEquals(1, historyEntries(), "the previous rules are saved: 'cors undo' works");
        } else {
            assertEquals(ExitCode.FAILURE, r.status(), r.toString());
            oneSentence(r);
            assertTrue(CorsNormalizer.sameRules(onServer(), CorsNormalizer.rgwStoredForm(OLD)), "the server still holds the old rules");
            assertTrue(proxy.writes().isEmpty(), "nothing written: " + proxy.writes());
            assertEquals(0, historyEntries(), "no history entry for a push that did not happen");
            if (method.equals("PUT")) assertTrue(r.err().contains("still holds the previous configuration"), r.toString());
        }
    }

    @ParameterizedTest(name = "cors edit, {0} gets {1}")
    @MethodSource("pushFaults")
    void corsEditKeepsTheEditWheneverThePushFails(String method, Fault fault, boolean reachedServer) throws Exception {
        AtomicInteger edits = new AtomicInteger();
        Path[] edited = new Path[1];
        shell.editor(file -> {
            edits.incrementAndGet();
            edited[0] = file;
            assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
            Files.writeString(file, CorsXml.write(NEW));
        });
        injectOn(method, fault);
        ShellHarness.Result r = shell.run("cors", "edit", "s3://" + bucket, "--yes");
        if (reachedServer) {
            assertEquals(ExitCode.OK, r.status(), r.toString());
            assertFalse(Files.exists(edited[0]), "the edit file is removed after a push");
            assertTrue(CorsNormalizer.sameRules(onServer(), CorsNormalizer.rgwStoredForm(NEW)));
            return;
        }
        assertEquals(ExitCode.FAILURE, r.status(), r.toString());
        oneSentence(r);
        assertTrue(CorsNormalizer.sameRules(onServer(), CorsNormalizer.rgwStoredForm(OLD)), "the server still holds the old rules");
        assertTrue(proxy.writes().isEmpty(), "nothing written: " + proxy.writes());
        if (edits.get() == 0) {
            // the live configuration could not be read: the editor never opened, nothing to keep
            try (var files = Files.list(shell.stateDir().resolve("edit"))) {
                assertEquals(0, files.count(), "no stray edit file");
            } catch (java.nio.file.NoSuchFileException e) {
                // the edit folder was never made
            }
            return;
        }
        assertTrue(r.err().contains("your edit is kept in " + edited[0]), "the path is printed\n" + r);
        assertTrue(Files.readString(edited[0]).contains("https://new.example.test"), "the edit survives");
    }

    @Test
    void tabCompletionUnderFaultsOffersNothingQuicklyAndRecovers() throws Exception {
        CompletionEngine engine = CompletionEngine.forSession(shell.session(), BuiltinCommands.registry());
        for (Fault f : List.of(Fault.delay(SLOW_MS), Fault.refuse(), Fault.status(503), Fault.reset())) {
            inject(f);
            FAULTS.addAndGet(1);
            CompletionEngine.Result result = engine.complete(List.of("ls"), "s3://" + bucket + "/dir/k");
            assertTrue(result.suggestions().isEmpty(), f + ": " + result);
            assertFalse(result.hints().isEmpty(), f + ": a hint says why: " + result);
            assertFalse(String.join(" ", result.hints()).contains("Exception"), result.hints().toString());
        }
        proxy.pass();
        List<String> values = List.of();
        for (int i = 0; i < 40 && values.isEmpty(); i++) { // an earlier slow listing may still be in flight
            values = engine.complete(List.of("ls"), "s3://" + bucket + "/dir/k").suggestions().stream()
                    .map(CompletionEngine.Suggestion::value).toList();
            if (values.isEmpty()) Thread.sleep(250);
        }
        assertTrue(values.contains("s3://" + bucket + "/dir/key-3.txt"), values.toString());
    }
}
