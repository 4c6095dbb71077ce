package dev.s3sh.shell;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.s3sh.command.Prompter;
import dev.s3sh.config.Profile;
import dev.s3sh.config.ResolvedProfile;
import dev.s3sh.cors.CorsConfiguration;
import dev.s3sh.cors.CorsNormalizer;
import dev.s3sh.cors.CorsRule;
import dev.s3sh.cors.CorsXml;
import dev.s3sh.store.ObjectStore;
import dev.s3sh.store.S3ObjectStore;
import dev.s3sh.testing.BucketFleet;
import dev.s3sh.testing.FaultProxy;
import dev.s3sh.testing.FaultProxy.Fault;
import dev.s3sh.testing.LocalRgw;
import dev.s3sh.testing.ShellHarness;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code cors apply} at scale with faults, on two real RGWs standing in for two clusters: 280
 * buckets on the shared RGW and 40 on a second instance of its own, each reached through its own
 * {@link FaultProxy} and its own profile. Faults: one cluster going down after the plan for the
 * whole push, a burst of connection resets in the middle of the pushes, SlowDown answers. For every
 * bucket the report is checked against a fresh read made directly (not through the proxy): nothing
 * is half-applied without being said; every bucket that changed is undone by {@code cors undo
 * --batch} to exactly what it held before; a change made between plan and push is skipped and
 * kept. The proxies count the requests the servers work on at once: never more than {@code --jobs}
 * per endpoint, or the default.
 */
@Timeout(value = 900, unit = TimeUnit.SECONDS) // a guard against a hang, not a speed check
class CorsApplyFleetIT {
    static final int LOCAL = 280, SECOND = 40;
    static final String PREFIX = "it-applyfleet-a", SECOND_PREFIX = "it-applyfleet-b";
    static final String GLOB = "s3://it-applyfleet-*";
    static final ObjectMapper JSON = new ObjectMapper();

    static final CorsConfiguration DESIRED = config(new CorsRule("fleet", List.of("GET", "HEAD"),
            List.of("https://app.example.com", "https://admin.example.com"), List.of("Authorization"), List.of("ETag"), 300));
    static final CorsConfiguration THEIRS = config(new CorsRule("theirs", List.of("GET"), List.of("https://elsewhere.example.org"),
            List.of(), List.of(), null));

    static LocalRgw.Instance second;
    static ObjectStore secondDirect;
    static FaultProxy proxyA, proxyB;
    static Path dir, desiredFile;

    static CorsConfiguration config(CorsRule... rules) {
        return new CorsConfiguration(List.of(rules));
    }

    /** A quarter without CORS, a quarter already holding the desired rules, the rest each their own, so a wrong undo shows. */
    static CorsConfiguration initial(int i) {
        return switch (i % 4) {
            case 0 -> null;
            case 1 -> DESIRED;
            default -> config(new CorsRule("own-" + i, List.of("GET", "HEAD"), List.of("https://site" + i + ".example.com"),
                    List.of("Content-Type"), List.of("ETag"), 60 + i));
        };
    }

    @BeforeAll
    static void fleets() throws Exception {
        dir = Files.createTempDirectory("s3sh-apply-fleet");
        desiredFile = dir.resolve("desired.xml");
        Files.writeString(desiredFile, CorsXml.write(DESIRED));
        BucketFleet.ensure(LocalRgw.store(), PREFIX, LOCAL, CorsApplyFleetIT::initial);
        second = LocalRgw.Instance.start("apply");
        secondDirect = new S3ObjectStore(second.profile("second-direct"));
        BucketFleet.ensure(secondDirect, SECOND_PREFIX, SECOND, CorsApplyFleetIT::initial);
        proxyA = FaultProxy.to(URI.create(LocalRgw.endpoint()));
        proxyB = FaultProxy.to(URI.create(second.endpoint()));
    }

    @AfterAll
    static void tearDown() throws Exception {
        if (proxyA != null) proxyA.close();
        if (proxyB != null) proxyB.close();
        if (secondDirect != null) secondDirect.close();
        if (second != null) second.close();
    }

    @BeforeEach
    void sameStart() {
        proxyA.pass();
        proxyB.pass();
        BucketFleet.reset(LocalRgw.store(), PREFIX, LOCAL, CorsApplyFleetIT::initial);
        BucketFleet.reset(secondDirect, SECOND_PREFIX, SECOND, CorsApplyFleetIT::initial);
        proxyA.forget();
        proxyB.forget();
    }

    /** A shell whose profile "a" goes through proxy A to the shared RGW, "b" through proxy B to the second. */
    static ShellHarness shell() {
        Profile a = new Profile("a", proxyA.uri(), "us-east-1", LocalRgw.accessKey(), LocalRgw.secretKey(), null, true, "rgw");
        Profile s = second.profile("b");
        Profile b = new Profile("b", proxyB.uri(), s.region(), s.accessKey(), s.secretKey(), null, true, "rgw");
        ShellHarness shell = new ShellHarness(a);
        shell.session().catalog().remember(ResolvedProfile.of(b, "this test"));
        shell.stateDir(dir.resolve("state"));
        return shell;
    }

    static String key(String profile, String bucket) {
        return profile + "/" + bucket;
    }

    static CorsConfiguration stored(CorsConfiguration c) {
        return c == null ? null : CorsNormalizer.rgwStoredForm(CorsNormalizer.trimmed(c));
    }

    /** What each bucket held before the test: its starting configuration, stored form. */
    static Map<String, CorsConfiguration> before() {
        Map<String, CorsConfiguration> out = new HashMap<>();
        for (int i = 0; i < LOCAL; i++) out.put(key("a", BucketFleet.name(PREFIX, i)), stored(initial(i)));
        for (int i = 0; i < SECOND; i++) out.put(key("b", BucketFleet.name(SECOND_PREFIX, i)), stored(initial(i)));
        return out;
    }

    /** Every bucket's rules read now, directly from each RGW (not through a proxy), in parallel. */
    static Map<String, CorsConfiguration> freshRead() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            Map<String, Future<CorsConfiguration>> reads = new HashMap<>();
            for (int i = 0; i < LOCAL; i++) {
                String b = BucketFleet.name(PREFIX, i);
                reads.put(key("a", b), pool.submit(() -> LocalRgw.store().getCors(b).map(CorsNormalizer::rgwStoredForm).orElse(null)));
            }
            for (int i = 0; i < SECOND; i++) {
                String b = BucketFleet.name(SECOND_PREFIX, i);
                reads.put(key("b", b), pool.submit(() -> secondDirect.getCors(b).map(CorsNormalizer::rgwStoredForm).orElse(null)));
            }
            Map<String, CorsConfiguration> out = new HashMap<>();
            for (Map.Entry<String, Future<CorsConfiguration>> e : reads.entrySet()) out.put(e.getKey(), e.getValue().get());
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    static Map<String, JsonNode> rows(ShellHarness.Result r) throws Exception {
        JsonNode doc = JSON.readTree(r.out());
        Map<String, JsonNode> out = new HashMap<>();
        for (JsonNode b : doc.path("buckets")) out.put(key(b.path("profile").asText(), b.path("bucket").asText()), b);
        return out;
    }

    /**
     * The report against the servers, bucket by bucket: a bucket said applied or unchanged holds the
     * new rules; skipped, it holds what was changed meanwhile; failed, it holds what the report says
     * it holds (as before, the new rules) or, when the report could not tell, the batch can undo it;
     * not tried, it holds what it held. Any bucket that holds something else than before was either
     * changed meanwhile by someone else or can be undone by the batch.
     */
    static void assertReportMatchesServers(ShellHarness.Result r, Map<String, CorsConfiguration> before,
                                           Map<String, CorsConfiguration> meanwhile) throws Exception {
        Map<String, JsonNode> rows = rows(r);
        Map<String, CorsConfiguration> now = freshRead();
        assertEquals(LOCAL + SECOND, rows.size(), "one row per bucket of both clusters\n" + r.err());
        CorsConfiguration desired = stored(DESIRED);
        for (Map.Entry<String, JsonNode> e : rows.entrySet()) {
            String k = e.getKey();
            JsonNode row = e.getValue();
            String result = row.path("result").asText();
            CorsConfiguration held = now.get(k);
            CorsConfiguration was = meanwhile.getOrDefault(k, before.get(k));
            String why = k + ": " + row;
            assertTrue(before.containsKey(k), "a bucket of the fleet: " + why);
            switch (result) {
                case "applied", "unchanged" -> assertEquals(desired, held, why);
                case "skipped" -> {
                    assertTrue(meanwhile.containsKey(k), "only a bucket changed between plan and push is skipped: " + why);
                    assertEquals(meanwhile.get(k), held, "the change made meanwhile is kept: " + why);
                }
                case "not-run" -> assertEquals(was, held, why);
                case "failed" -> {
                    switch (row.path("server").asText()) {
                        case "as-before" -> assertEquals(was, held, why);
                        case "new-rules" -> assertEquals(desired, held, why);
                        case "other" -> assertTrue(row.path("undoable").asBoolean(), why);
                        case "unknown" -> assertTrue(row.path("undoable").asBoolean() || java.util.Objects.equals(was, held),
                                "could not tell what it holds: then it holds what it held, or the batch can undo it: " + why);
                        default -> throw new AssertionError("a failed bucket says what it holds: " + why);
                    }
                }
                default -> throw new AssertionError("unexpected result: " + why);
            }
            if (meanwhile.containsKey(k)) {
                assertEquals("skipped", result, "a change between plan and push is never overwritten: " + why);
            } else if (!java.util.Objects.equals(before.get(k), held)) {
                assertTrue(row.path("undoable").asBoolean(), "changed by the batch, so the batch can undo it: " + why);
            }
        }
        for (String k : meanwhile.keySet()) assertEquals(meanwhile.get(k), now.get(k), "kept: " + k);
    }

    /** {@code cors undo --batch}: every bucket back to what it held before, the ones changed meanwhile left as they were changed. */
    static ShellHarness.Result undoAndCheck(ShellHarness shell, String batch, Map<String, CorsConfiguration> before,
                                            Map<String, CorsConfiguration> meanwhile) throws Exception {
        proxyA.forget();
        proxyB.forget();
        ShellHarness.Result undo = shell.run("cors", "undo", "--batch", batch, "--yes", "--output", "json");
        assertEquals(0, undo.status(), undo.toString());
        Map<String, CorsConfiguration> now = freshRead();
        for (Map.Entry<String, CorsConfiguration> e : before.entrySet()) {
            CorsConfiguration expected = meanwhile.getOrDefault(e.getKey(), e.getValue());
            assertEquals(expected, now.get(e.getKey()), e.getKey() + " after cors undo --batch " + batch);
        }
        assertTrue(proxyA.maxInFlight() <= 4 && proxyB.maxInFlight() <= 4,
                "the undo keeps the default bound: " + proxyA.maxInFlight() + ", " + proxyB.maxInFlight());
        return undo;
    }

    static long count(ShellHarness.Result r, String profile, String result) throws Exception {
        return rows(r).values().stream()
                .filter(x -> x.path("profile").asText().equals(profile) && x.path("result").asText().equals(result)).count();
    }

    static void report(String what, ShellHarness.Result r, long millis) throws Exception {
        JsonNode counts = JSON.readTree(r.out()).path("counts");
        System.out.printf("[fleet] %s: %d buckets, counts %s, max in flight a=%d b=%d, %d ms%n", what, LOCAL + SECOND, counts,
                proxyA.maxInFlight(), proxyB.maxInFlight(), millis);
    }

    // ---------------------------------------------------------------------------------------------

    @Test
    void aClusterDownForTheWholePushAndChangesBetweenPlanAndPushAreReportedNeverHalfApplied() throws Exception {
        Map<String, CorsConfiguration> before = before();
        Map<String, CorsConfiguration> meanwhile = new HashMap<>();
        // buckets whose plan pushes (i % 4 != 1): two get other rules, one loses its rules
        String other1 = BucketFleet.name(PREFIX, 2), other2 = BucketFleet.name(PREFIX, 100), removed = BucketFleet.name(PREFIX, 3);
        meanwhile.put(key("a", other1), stored(THEIRS));
        meanwhile.put(key("a", other2), stored(THEIRS));
        meanwhile.put(key("a", removed), null);
        proxyA.fault(Fault.delay(15)); // each answer held a little, so requests overlap as on a busy server
        List<String> asked = new ArrayList<>();
        try (ShellHarness shell = shell()) {
            shell.prompter(Prompter.confirming(question -> {
                asked.add(question);
                proxyB.fault(Fault.refuse()); // the second cluster goes down after the plan, for the whole push
                LocalRgw.store().putCors(other1, THEIRS);
                LocalRgw.store().putCors(other2, THEIRS);
                LocalRgw.store().deleteCors(removed);
                return true;
            }));
            long t0 = System.nanoTime();
            ShellHarness.Result r = shell.run("cors", "apply", desiredFile.toString(), GLOB, "--profiles", "a,b", "--output", "json");
            long ms = (System.nanoTime() - t0) / 1_000_000;
            report("cluster b down after the plan, 3 changes meanwhile", r, ms);
            assertEquals(1, r.status(), "failed and skipped buckets make the exit status 1: " + r.err());
            assertEquals(1, asked.size(), "one confirmation for the whole batch: " + asked);
            int pushesA = LOCAL - LOCAL / 4, pushesB = SECOND - SECOND / 4;
            assertEquals(3, count(r, "a", "skipped"), r.out());
            assertEquals(pushesA - 3, count(r, "a", "applied"), r.out());
            assertEquals(pushesB, count(r, "b", "failed"), "every push to the cluster that is down failed: " + r.out());
            assertEquals(SECOND / 4 + LOCAL / 4, count(r, "a", "unchanged") + count(r, "b", "unchanged"), r.out());

            int maxA = proxyA.maxInFlight(), maxB = proxyB.maxInFlight();
            assertTrue(maxA <= 4, "the default bound (4 per endpoint) holds at the server, saw " + maxA);
            assertTrue(maxA >= 2, "the pushes run in parallel, saw " + maxA);
            assertTrue(maxB <= 4, "the default bound holds on the other endpoint too, saw " + maxB);
            assertTrue(proxyB.writes().isEmpty(), "nothing reached the cluster that was down: " + proxyB.writes());

            proxyB.pass(); // the cluster is back: what does it hold?
            assertReportMatchesServers(r, before, meanwhile);
            for (int i = 0; i < SECOND; i++) {
                String k = key("b", BucketFleet.name(SECOND_PREFIX, i));
                assertFalse(rows(r).get(k).path("undoable").asBoolean(), "nothing to undo where nothing was pushed: " + k);
            }
            undoAndCheck(shell, JSON.readTree(r.out()).path("batch").asText(), before, meanwhile);
        }
    }

    @Test
    void connectionsResetInTheMiddleOfThePushesLeaveEveryBucketReportedAndUndoable() throws Exception {
        Map<String, CorsConfiguration> before = before();
        int burst = 30;
        // cluster b: every push to a bucket whose name ends in 1 is reset before it reaches the server
        int injectedBefore = proxyA.injected(); // counted over the proxy's life
        proxyB.faultOn("PUT", "1?cors", Fault.reset());
        try (ShellHarness shell = shell()) {
            // cluster a, once a third of its pushes went through: pushes to names ending in 1 are done by the
            // server and their answers reset; later, a burst of resets on any request (reads, pushes, read-backs)
            Thread trigger = new Thread(() -> {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
                int step = 0;
                while (System.nanoTime() < deadline && step < 2) {
                    long puts = proxyA.seen().stream().filter(x -> x.method().equals("PUT")).count();
                    if (step == 0 && puts >= 70) {
                        proxyA.faultOn("PUT", "1?cors", Fault.cut(0));
                        step++;
                    } else if (step == 1 && puts >= 140) {
                        proxyA.failFirst(burst, Fault.reset());
                        step++;
                    }
                    try {
                        Thread.sleep(5);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "reset-trigger");
            trigger.setDaemon(true);
            trigger.start();
            long t0 = System.nanoTime();
            ShellHarness.Result r = shell.run("cors", "apply", desiredFile.toString(), GLOB, "--profiles", "a,b", "--jobs", "3",
                    "--yes", "--output", "json");
            long ms = (System.nanoTime() - t0) / 1_000_000;
            trigger.join(10_000);
            report("resets mid-push (--jobs 3)", r, ms);
            int injected = proxyA.injected() - injectedBefore;
            assertTrue(injected >= burst, "the resets were injected in the middle of the pushes: " + injected);
            assertTrue(proxyA.maxInFlight() <= 3 && proxyB.maxInFlight() <= 3,
                    "--jobs 3 bounds each endpoint, saw " + proxyA.maxInFlight() + ", " + proxyB.maxInFlight());
            Map<String, JsonNode> rows = rows(r);
            for (String b : List.of(BucketFleet.name(SECOND_PREFIX, 11), BucketFleet.name(SECOND_PREFIX, 31))) {
                JsonNode row = rows.get(key("b", b));
                assertEquals("failed", row.path("result").asText(), row.toString());
                assertEquals("as-before", row.path("server").asText(), row.toString());
                assertFalse(row.path("undoable").asBoolean(), row.toString());
            }
            assertTrue(rows.values().stream().anyMatch(x -> x.path("message").asText().contains("the answer was lost")),
                    "a push the server did although its answer was reset is reported applied: " + r.out());
            proxyA.pass();
            proxyB.pass();
            assertReportMatchesServers(r, before, Map.of());
            undoAndCheck(shell, JSON.readTree(r.out()).path("batch").asText(), before, Map.of());
        }
    }

    @Test
    void slowDownAnswersAreWaitedOutAndEveryBucketIsAppliedThenUndone() throws Exception {
        Map<String, CorsConfiguration> before = before();
        int slowA = 40, slowB = 12;
        int injectedBefore = proxyA.injected() + proxyB.injected(); // counted over the proxies' life
        proxyA.failFirstOn("PUT", slowA, Fault.slowDown());
        proxyB.failFirstOn("PUT", slowB, Fault.slowDown());
        try (ShellHarness shell = shell()) {
            long t0 = System.nanoTime();
            ShellHarness.Result r = shell.run("cors", "apply", desiredFile.toString(), GLOB, "--profiles", "a,b", "--jobs", "6",
                    "--yes", "--output", "json");
            long ms = (System.nanoTime() - t0) / 1_000_000;
            report("SlowDown on the first " + slowA + "+" + slowB + " PUTs (--jobs 6)", r, ms);
            assertEquals(0, r.status(), "every bucket applied once the servers let the pushes through: " + r.err());
            assertEquals(slowA + slowB, proxyA.injected() + proxyB.injected() - injectedBefore, "the SlowDown answers were given");
            assertFalse(r.out().contains("SlowDown"), "no bucket reports a SlowDown it waited out");
            assertTrue(proxyA.maxInFlight() <= 6 && proxyB.maxInFlight() <= 6,
                    "--jobs 6 bounds each endpoint, saw " + proxyA.maxInFlight() + ", " + proxyB.maxInFlight());
            assertReportMatchesServers(r, before, Map.of());
            Set<String> applied = Set.copyOf(rows(r).entrySet().stream()
                    .filter(e -> e.getValue().path("result").asText().equals("applied")).map(Map.Entry::getKey).toList());
            assertEquals(LOCAL - LOCAL / 4 + SECOND - SECOND / 4, applied.size(), r.out());
            undoAndCheck(shell, JSON.readTree(r.out()).path("batch").asText(), before, Map.of());
        }
    }
}
