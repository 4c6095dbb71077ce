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
import dev.s3sh.testing.FaultProxy;
import dev.s3sh.testing.LocalRgw;
import dev.s3sh.testing.ShellHarness;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code cors apply} and {@code cors undo --batch} on the real local RGW, through {@link FaultProxy}
 * endpoints: dozens of buckets with --jobs counted at the proxy, an endpoint that is down, SlowDown
 * answers, a connection cut after the server did the work, and a change made by s3cmd or the store
 * between plan and push. Every bucket the server holds is compared by structure (the stored form, as
 * ClientInteropIT does) before, after each apply and after each batch undo.
 */
class CorsApplyIT {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Pattern BATCH = Pattern.compile("batch (\\d{8}-\\d{6}-[0-9a-f]{4})");
    static Path dir;
    static final List<String> buckets = new ArrayList<>();
    static final List<FaultProxy> proxies = new ArrayList<>();

    @BeforeAll
    static void setUp() throws Exception {
        dir = Files.createTempDirectory("s3sh-apply");
    }

    @AfterAll
    static void tearDown() throws Exception {
        proxies.forEach(FaultProxy::close);
        buckets.forEach(LocalRgw::deleteBucket);
        if (dir != null) {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** {@code n} buckets named PREFIX-NN; bucket i starts with {@link #initial}(i). */
    static List<String> buckets(String purpose, int n) {
        List<String> out = new ArrayList<>();
        String first = LocalRgw.newBucket(purpose);
        buckets.add(first);
        String prefix = first.substring(0, first.lastIndexOf('-'));
        out.add(first);
        for (int i = 1; i < n; i++) {
            String b = prefix + "-x" + i;
            LocalRgw.store().createBucket(b);
            buckets.add(b);
            out.add(b);
        }
        for (int i = 0; i < n; i++) {
            CorsConfiguration c = initial(i);
            if (c != null) LocalRgw.store().putCors(out.get(i), c);
        }
        return out;
    }

    /** Every third bucket has no CORS; the others each their own rules, so a wrong restore shows. */
    static CorsConfiguration initial(int i) {
        if (i % 3 == 0) return null;
        return config(new CorsRule("own-" + i, List.of("GET", "HEAD"), List.of("https://site" + i + ".example.com"),
                List.of("Content-Type"), List.of("ETag"), 60 + i));
    }

    static CorsConfiguration config(CorsRule... rules) {
        return new CorsConfiguration(List.of(rules));
    }

    static final CorsConfiguration DESIRED1 = config(new CorsRule("fleet", List.of("GET", "HEAD"),
            List.of("https://app.example.com", "https://admin.example.com"), List.of("Authorization"), List.of("ETag"), 300));
    static final CorsConfiguration DESIRED2 = config(new CorsRule("fleet2", List.of("PUT", "GET"),
            List.of("https://upload.example.com"), List.of("Content-Type", "x-amz-meta-*"), List.of(), 600));
    static final CorsConfiguration DESIRED3 = config(new CorsRule(null, List.of("GET"), List.of("https://three.example.com"),
            List.of(), List.of(), null));

    static Path file(String name, CorsConfiguration c) throws Exception {
        Path f = dir.resolve(name);
        Files.writeString(f, CorsXml.write(c));
        return f;
    }

    /** The bucket's rules as RGW stores them (null: none), read directly, not through the proxy. */
    static CorsConfiguration live(String bucket) {
        return LocalRgw.store().getCors(bucket).map(CorsNormalizer::rgwStoredForm).orElse(null);
    }

    static CorsConfiguration stored(CorsConfiguration c) {
        return c == null ? null : CorsNormalizer.rgwStoredForm(CorsNormalizer.trimmed(c));
    }

    static void assertHolds(CorsConfiguration expected, String bucket, String when) {
        assertEquals(stored(expected), live(bucket), bucket + " " + when);
    }

    static FaultProxy proxy() {
        FaultProxy p = FaultProxy.to(URI.create(LocalRgw.endpoint()));
        proxies.add(p);
        return p;
    }

    static Profile profile(String name, FaultProxy p) {
        return new Profile(name, p.uri(), "us-east-1", LocalRgw.accessKey(), LocalRgw.secretKey(), null, true, "rgw");
    }

    /** A shell whose session profile goes through {@code p}, knowing {@code others} for --profiles. */
    static ShellHarness shell(Profile own, Profile... others) {
        ShellHarness shell = new ShellHarness(own);
        for (Profile o : others) shell.session().catalog().remember(ResolvedProfile.of(o, "this test"));
        shell.stateDir(dir.resolve("state"));
        return shell;
    }

    static String batchId(ShellHarness.Result r) {
        Matcher m = BATCH.matcher(r.out());
        assertTrue(m.find(), "the batch id is printed: " + r);
        return m.group(1);
    }

    static String glob(List<String> bs) {
        String first = bs.get(0);
        return "s3://" + first.substring(0, first.lastIndexOf('-')) + "-*";
    }

    // ---------------------------------------------------------------- scale, the bound, an endpoint down, undo

    @Test
    void dozensOfBucketsUnderTheJobsBoundWithOneEndpointDownAreAppliedAndUndoneExactly() throws Exception {
        List<String> bs = buckets("apply-many", 36);
        FaultProxy good = proxy().fault(FaultProxy.Fault.delay(40)); // every answer held a while: the peak counts what the client had under way
        FaultProxy down = proxy().fault(FaultProxy.Fault.refuse());
        Path f = file("desired1.xml", DESIRED1);
        try (ShellHarness shell = shell(profile("good", good), profile("down", down))) {
            good.resetPeak();
            ShellHarness.Result r = shell.run("cors", "apply", f.toString(), glob(bs), "--profiles", "good,down", "--jobs", "3", "--yes");
            assertEquals(1, r.status(), "a profile that cannot be read is a failure: " + r);
            assertTrue(r.out().contains("[down] (every bucket)  cannot read: cannot list the buckets"), r.toString());
            assertTrue(r.out().contains("12 new") && r.out().contains("24 to change"), r.toString());
            assertTrue(r.out().contains("applied 36"), r.toString());
            int peak = good.peakHolding();
            assertTrue(peak <= 3, "--jobs 3 bounds the requests at the endpoint, peak " + peak);
            assertTrue(peak >= 2, "the pushes run in parallel, peak " + peak);
            for (String b : bs) assertHolds(DESIRED1, b, "after the apply");

            String id = batchId(r);
            ShellHarness.Result plain = shell.run("cors", "apply", f.toString(), glob(bs), "--yes");
            assertEquals(0, plain.status(), "a second apply finds every bucket unchanged: " + plain);
            assertTrue(plain.out().contains("36 unchanged"), plain.toString());
            assertFalse(plain.out().contains("batch "), "nothing pushed, no batch: " + plain);

            good.resetPeak();
            ShellHarness.Result undo = shell.run("cors", "undo", "--batch", id, "--yes", "--jobs", "2");
            assertEquals(0, undo.status(), undo.toString());
            assertTrue(good.peakHolding() <= 2, "--jobs 2 bounds the undo, peak " + good.peakHolding());
            for (int i = 0; i < bs.size(); i++) assertHolds(initial(i), bs.get(i), "after cors undo --batch");

            // each bucket's own history still works: a per-bucket undo puts the apply's rules back
            ShellHarness.Result one = shell.run("cors", "undo", "s3://" + bs.get(1), "--yes");
            assertEquals(0, one.status(), one.toString());
            assertHolds(DESIRED1, bs.get(1), "after cors undo of the undo on one bucket");
        }
    }

    // ---------------------------------------------------------------- faults during the pushes

    @Test
    void slowDownAndCutAnswersAreRetriedOrReportedAndEveryChangeUndoesExactly() throws Exception {
        List<String> bs = buckets("apply-faults", 8);
        FaultProxy p = proxy();
        Path f1 = file("f1.xml", DESIRED1);
        Path f2 = file("f2.xml", DESIRED2);
        Path f3 = file("f3.xml", DESIRED3);
        try (ShellHarness shell = shell(profile("flaky", p))) {
            // 1. one bucket's pushes always answered 503: it fails, holds its old rules, and says so
            String failing = bs.get(2);
            p.faultOn("PUT", "/" + failing + "?cors", FaultProxy.Fault.status(503));
            int sdkAttempts = sdkAttempts(p, failing);
            p.forget();
            ShellHarness.Result r1 = shell.run("cors", "apply", f1.toString(), glob(bs), "--yes", "-o", "json");
            assertEquals(1, r1.status(), r1.toString());
            JsonNode doc1 = JSON.readTree(r1.out());
            Map<String, JsonNode> byBucket1 = byBucket(doc1);
            assertEquals("failed", byBucket1.get(failing).path("result").asText(), r1.out());
            assertEquals("as-before", byBucket1.get(failing).path("server").asText(), r1.out());
            assertFalse(byBucket1.get(failing).path("undoable").asBoolean(), r1.out());
            assertEquals(7, doc1.path("counts").path("applied").asInt(), r1.out());
            long puts = p.seen().stream().filter(s -> s.method().equals("PUT") && s.target().contains("/" + failing + "?cors")).count();
            assertEquals(4L * sdkAttempts, puts, "the batch tried the busy bucket 4 times, each with the SDK's " + sdkAttempts + " attempts");
            int putsPerTry = sdkAttempts;
            for (int i = 0; i < bs.size(); i++) assertHolds(i == 2 ? initial(2) : DESIRED1, bs.get(i), "after apply 1");
            String id1 = doc1.path("batch").asText();

            // 2. one bucket's answer cut after the server did the work: the read-back shows it applied
            String cut = bs.get(4);
            p.faultOn("PUT", "/" + cut + "?cors", FaultProxy.Fault.cut(0));
            ShellHarness.Result r2 = shell.run("cors", "apply", f2.toString(), glob(bs), "--yes");
            assertEquals(0, r2.status(), r2.toString());
            assertTrue(r2.out().contains("s3://" + cut + ": applied (the answer was lost"), r2.toString());
            for (String b : bs) assertHolds(DESIRED2, b, "after apply 2");
            String id2 = batchId(r2);

            // 3. SlowDown answers for one more attempt than the SDK makes: the batch waits and tries the bucket again
            p.pass();
            int injected = p.injected();
            p.failFirstOn("PUT", putsPerTry + 1, FaultProxy.Fault.status(503));
            ShellHarness.Result r3 = shell.run("cors", "apply", f3.toString(), glob(bs), "--yes", "--jobs", "1");
            assertEquals(0, r3.status(), r3.toString());
            assertEquals(putsPerTry + 1, p.injected() - injected, "every 503 asked for was injected");
            for (String b : bs) assertHolds(DESIRED3, b, "after apply 3");
            String id3 = batchId(r3);

            // undoing an older batch first leaves every bucket alone: each changed since
            p.pass();
            ShellHarness.Result early = shell.run("cors", "undo", "--batch", id1, "--yes");
            assertEquals(1, early.status(), early.toString());
            assertTrue(early.out().contains("changed since the batch"), early.toString());
            for (String b : bs) assertHolds(DESIRED3, b, "after refusing to undo an older batch");

            // newest first, each undo restores exactly what its apply found
            assertEquals(0, shell.run("cors", "undo", "--batch", id3, "--yes").status());
            for (String b : bs) assertHolds(DESIRED2, b, "after undoing apply 3");
            assertEquals(0, shell.run("cors", "undo", "--batch", id2, "--yes").status());
            for (int i = 0; i < bs.size(); i++) assertHolds(i == 2 ? initial(2) : DESIRED1, bs.get(i), "after undoing apply 2");
            ShellHarness.Result u1 = shell.run("cors", "undo", "--batch", id1, "--yes");
            assertEquals(0, u1.status(), u1.toString());
            for (int i = 0; i < bs.size(); i++) assertHolds(initial(i), bs.get(i), "after undoing apply 1");
        }
    }

    /** How many PUTs one store call makes against a 503 (the SDK's own retries), counted at the proxy. */
    private static int sdkAttempts(FaultProxy p, String bucket) {
        p.forget();
        try (var store = new dev.s3sh.store.S3ObjectStore(profile("calibrate", p))) {
            store.putCors(bucket, DESIRED3);
            throw new AssertionError("the proxy answers 503 to this bucket's PUT");
        } catch (dev.s3sh.store.StoreException expected) {
            // counted below
        }
        int n = (int) p.seen().stream().filter(s -> s.method().equals("PUT")).count();
        assertTrue(n >= 1, "the store sent the PUT");
        return n;
    }

    private static Map<String, JsonNode> byBucket(JsonNode doc) {
        Map<String, JsonNode> out = new HashMap<>();
        for (JsonNode b : doc.path("buckets")) out.put(b.path("bucket").asText(), b);
        return out;
    }

    // ---------------------------------------------------------------- a change between plan and push

    @Test
    void aChangeMadeBetweenPlanAndPushByS3cmdOrTheStoreIsSkippedAndReportedNeverOverwritten() throws Exception {
        List<String> bs = buckets("apply-race", 6);
        FaultProxy p = proxy();
        Path s3cfg = s3cfg();
        CorsConfiguration theirs = config(new CorsRule("theirs", List.of("GET"), List.of("https://elsewhere.example.org"),
                List.of(), List.of(), null));
        Path theirsFile = file("theirs.xml", theirs);
        Path f = file("desired-race.xml", DESIRED1);
        List<String> asked = new ArrayList<>();
        try (ShellHarness shell = shell(profile("race", p))) {
            // without a terminal and without --yes: the plan, then a refusal; nothing written
            p.forget();
            ShellHarness.Result refused = shell.run("cors", "apply", f.toString(), glob(bs));
            assertEquals(2, refused.status(), refused.toString());
            assertTrue(refused.err().contains("add --yes"), refused.toString());
            assertTrue(p.writes().isEmpty(), "nothing written without confirmation: " + p.writes());

            shell.prompter(Prompter.confirming(question -> {
                asked.add(question);
                run(List.of("s3cmd", "-c", s3cfg.toString(), "setcors", theirsFile.toString(), "s3://" + bs.get(1)));
                LocalRgw.store().deleteCors(bs.get(2));
                return true;
            }));
            ShellHarness.Result r = shell.run("cors", "apply", f.toString(), glob(bs));
            assertEquals(1, r.status(), "a skipped bucket makes the exit status 1: " + r);
            assertEquals(1, asked.size(), "one confirmation for the whole batch: " + asked);
            assertTrue(r.err().contains("skipped   s3://" + bs.get(1) + ": changed on the server since the plan"), r.toString());
            assertTrue(r.err().contains("skipped   s3://" + bs.get(2) + ": changed on the server since the plan"), r.toString());
            assertHolds(theirs, bs.get(1), "keeps what s3cmd set meanwhile");
            assertHolds(null, bs.get(2), "keeps the removal made meanwhile");
            for (int i : new int[]{0, 3, 4, 5}) assertHolds(DESIRED1, bs.get(i), "was applied");

            ShellHarness.Result undo = shell.run("cors", "undo", "--batch", batchId(r), "--yes");
            assertEquals(0, undo.status(), undo.toString());
            assertHolds(theirs, bs.get(1), "the undo leaves the bucket the apply skipped alone");
            assertHolds(null, bs.get(2), "the undo leaves the bucket the apply skipped alone");
            for (int i : new int[]{0, 3, 4, 5}) assertHolds(initial(i), bs.get(i), "put back by the batch undo");
        }
    }

    // ---------------------------------------------------------------- bad input

    @Test
    void anInvalidFileIsExitThreeAndBadArgumentsExitTwoBeforeAnythingIsRead() throws Exception {
        FaultProxy p = proxy();
        Path bad = dir.resolve("bad.xml");
        Files.writeString(bad, "<CORSConfiguration><CORSRule><AllowedOrigin>https://a.example</AllowedOrigin>"
                + "<AllowedMethod>PATCH</AllowedMethod></CORSRule></CORSConfiguration>");
        Path good = file("good.xml", DESIRED1);
        try (ShellHarness shell = shell(profile("strict", p))) {
            p.forget();
            ShellHarness.Result r = shell.run("cors", "apply", bad.toString(), "s3://it-apply-nothing-*", "--yes");
            assertEquals(3, r.status(), r.toString());
            assertEquals(2, shell.run("cors", "apply", good.toString()).status());
            assertEquals(2, shell.run("cors", "apply", good.toString(), "s3://b/key", "--yes").status());
            assertEquals(2, shell.run("cors", "apply", good.toString(), "s3://b", "--jobs", "0", "--yes").status());
            assertEquals(2, shell.run("cors", "apply", good.toString(), "s3://b", "--profiles", "nobody", "--yes").status());
            assertEquals(2, shell.run("cors", "undo", "--batch", "../../etc/passwd", "--yes").status());
            assertEquals(2, shell.run("cors", "undo", "--batch", "20200101-000000-abcd", "--yes").status());
            assertTrue(p.seen().isEmpty(), "nothing was sent: " + p.seen());
        }
    }

    // ---------------------------------------------------------------- helpers

    static Path s3cfg() throws Exception {
        Path cfg = dir.resolve("s3cfg");
        if (Files.exists(cfg)) return cfg;
        URI endpoint = URI.create(LocalRgw.endpoint());
        String hostPort = endpoint.getHost() + ":" + endpoint.getPort();
        Files.createFile(cfg, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(cfg, "[default]\naccess_key = " + LocalRgw.accessKey() + "\nsecret_key = " + LocalRgw.secretKey()
                + "\nhost_base = " + hostPort + "\nhost_bucket = " + hostPort + "\nuse_https = False\nbucket_location = us-east-1\n");
        return cfg;
    }

    static String run(List<String> command) {
        try {
            Process proc = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(proc.getInputStream().readAllBytes());
            assertTrue(proc.waitFor(60, TimeUnit.SECONDS), "timed out: " + command);
            assertEquals(0, proc.exitValue(), command + ": " + out);
            return out;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
