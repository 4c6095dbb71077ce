package dev.s3sh.shell;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.s3sh.command.ExitCode;
import dev.s3sh.config.Profile;
import dev.s3sh.config.ResolvedProfile;
import dev.s3sh.cors.CorsConfiguration;
import dev.s3sh.cors.CorsParser;
import dev.s3sh.store.S3ObjectStore;
import dev.s3sh.testing.BucketFleet;
import dev.s3sh.testing.FaultProxy;
import dev.s3sh.testing.FaultProxy.Fault;
import dev.s3sh.testing.LocalRgw;
import dev.s3sh.testing.ShellHarness;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code cors audit} at scale on real servers: 300 buckets on the shared RGW and a fleet on a
 * second RGW of its own (another cluster: its own ports and state, its own profile), through
 * {@code --profiles}; a failure is a row; through the fault proxy, the number of requests the server
 * works on at once stays within {@code --jobs} and the default, and SlowDown answers are waited out.
 */
@Timeout(value = 600, unit = TimeUnit.SECONDS) // a guard against a hang, not a speed check
class CorsAuditIT {
    static final int LOCAL = 300, SECOND = 12;
    static final String PREFIX = "it-audit-fleet", SECOND_PREFIX = "it-audit-fleet-b";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static LocalRgw.Instance second;

    /** Every tenth bucket lets any origin write, every tenth one further depends on the RGW version, every tenth a plain rule; the rest have none. */
    static CorsConfiguration cors(int i) {
        String xml = switch (i % 10) {
            case 0 -> "<CORSConfiguration><CORSRule><AllowedOrigin>*</AllowedOrigin><AllowedMethod>PUT</AllowedMethod></CORSRule></CORSConfiguration>";
            case 1 -> "<CORSConfiguration><CORSRule><AllowedOrigin>https://app.example.com</AllowedOrigin><AllowedMethod>GET</AllowedMethod></CORSRule>"
                    + "<CORSRule><AllowedOrigin>https://*.example.com</AllowedOrigin><AllowedMethod>GET</AllowedMethod><AllowedMethod>PUT</AllowedMethod></CORSRule></CORSConfiguration>";
            case 2 -> "<CORSConfiguration><CORSRule><AllowedOrigin>https://app.example.com</AllowedOrigin><AllowedMethod>GET</AllowedMethod>"
                    + "<AllowedMethod>HEAD</AllowedMethod></CORSRule></CORSConfiguration>";
            default -> null;
        };
        try {
            return xml == null ? null : CorsParser.parse(xml, "fleet");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @BeforeAll
    static void fleets() throws Exception {
        BucketFleet.ensure(LocalRgw.store(), PREFIX, LOCAL, CorsAuditIT::cors);
        second = LocalRgw.Instance.start("audit");
        try (S3ObjectStore store = new S3ObjectStore(second.profile("second"))) {
            BucketFleet.ensure(store, SECOND_PREFIX, SECOND, CorsAuditIT::cors);
        }
    }

    @AfterAll
    static void stopSecond() throws Exception {
        if (second != null) second.close();
    }

    private static ShellHarness shell(Profile profile, Profile... others) {
        ShellHarness shell = new ShellHarness(profile);
        for (Profile p : others) shell.session().catalog().remember(ResolvedProfile.of(p, "this test"));
        return shell;
    }

    private static List<JsonNode> rows(String out) throws Exception {
        List<JsonNode> rows = new ArrayList<>();
        for (String line : out.strip().split("\n")) if (!line.isBlank()) rows.add(JSON.readTree(line));
        return rows;
    }

    @Test
    void twoClustersThroughTheirProfilesOneRowPerBucket() throws Exception {
        try (ShellHarness shell = shell(LocalRgw.profile(), second.profile("second"))) {
            ShellHarness.Result r = shell.run("cors", "audit", "s3://" + PREFIX + "-*", "--profiles", "local,second", "--output", "json");
            assertEquals(ExitCode.FAILURE, r.status(), "buckets that let any origin write are error-level\n" + r.err());
            List<JsonNode> rows = rows(r.out());
            assertEquals(LOCAL + SECOND, rows.size(), r.err());
            Set<String> seen = new HashSet<>();
            for (JsonNode row : rows) {
                String profile = row.get("profile").asText();
                String bucket = row.get("bucket").asText();
                assertTrue(seen.add(profile + "/" + bucket), "one row per bucket: " + row);
                assertEquals("null", String.valueOf(row.get("error")), row.toString());
                int n = Integer.parseInt(bucket.substring(bucket.lastIndexOf('-') + 1));
                assertEquals(cors(n) != null, row.get("cors").asBoolean(), row.toString());
                assertEquals(n % 10 == 0, row.get("anyOriginWrite").asBoolean(), row.toString());
                assertEquals(n % 10 == 0, row.get("findings").get("error").asInt() > 0, row.toString());
                assertEquals(n % 10 == 1, row.get("versionDependent").asBoolean(), row.toString());
            }
            for (int i = 0; i < LOCAL; i++) assertTrue(seen.contains("local/" + BucketFleet.name(PREFIX, i)), "local bucket " + i);
            for (int i = 0; i < SECOND; i++) assertTrue(seen.contains("second/" + BucketFleet.name(SECOND_PREFIX, i)), "second bucket " + i);
            assertTrue(rows.stream().filter(x -> x.get("profile").asText().equals("second"))
                    .allMatch(x -> x.get("endpoint").asText().equals(second.endpoint())), "the second profile's rows come from the second RGW");
        }
    }

    @Test
    void aBucketOrAClusterThatFailsIsOneRowAndTheAuditGoesOn() throws Exception {
        Profile down = new Profile("down", URI.create("http://127.0.0.1:9"), "us-east-1", LocalRgw.accessKey(),
                LocalRgw.secretKey(), null, true, "rgw");
        try (ShellHarness shell = new ShellHarness(LocalRgw.profile(), p -> new S3ObjectStore(p, null, FaultIT.SHORT))) {
            shell.session().catalog().remember(ResolvedProfile.of(down, "this test"));
            ShellHarness.Result r = shell.run("cors", "audit", "s3://" + BucketFleet.name(PREFIX, 2), "s3://it-audit-no-such-bucket",
                    "--profiles", "local,down", "--output", "csv");
            assertEquals(ExitCode.FAILURE, r.status(), r.toString());
            List<String> lines = r.out().strip().lines().toList();
            assertTrue(lines.get(0).startsWith("profile,endpoint,bucket,state"), r.out());
            assertEquals(5, lines.size(), "a header, then each bucket on each cluster, the one that is down too\n" + r.out());
            assertTrue(lines.stream().anyMatch(l -> l.startsWith("local,") && l.contains("," + BucketFleet.name(PREFIX, 2) + ",set,1,0,")), r.out());
            assertTrue(lines.stream().anyMatch(l -> l.contains(",it-audit-no-such-bucket,failed,") && l.contains("NoSuchBucket")), r.out());
            assertEquals(2, lines.stream().filter(l -> l.startsWith("down,") && l.contains(",failed,") && l.contains("ConnectionRefused")).count(), r.out());

            ShellHarness.Result clean = shell.run("cors", "audit", "s3://" + BucketFleet.name(PREFIX, 2));
            assertEquals(ExitCode.OK, clean.status(), "a clean bucket exits 0\n" + clean);
            assertTrue(clean.out().contains("1 bucket: 1 with CORS, 0 with errors"), clean.out());
            assertEquals(ExitCode.USAGE, shell.run("cors", "audit", "--jobs", "0").status());
        }
    }

    @Test
    void jobsBoundWhatReachesTheServerAndTheDefaultStaysLow() throws Exception {
        try (FaultProxy proxy = FaultProxy.to(URI.create(LocalRgw.endpoint()));
             ShellHarness shell = new ShellHarness(proxy.profile())) {
            proxy.fault(Fault.delay(20)); // each answer held a little, so requests overlap the way a busy server makes them
            ShellHarness.Result r = shell.run("cors", "audit", "s3://" + PREFIX + "-*", "--jobs", "3", "--output", "json");
            assertEquals(LOCAL, rows(r.out()).size(), r.err());
            assertTrue(proxy.maxInFlight() <= 3, "at most 3 at once, saw " + proxy.maxInFlight());
            assertTrue(proxy.maxInFlight() >= 2, "requests do run in parallel, saw " + proxy.maxInFlight());

            proxy.forget();
            r = shell.run("cors", "audit", "s3://" + PREFIX + "-*", "--output", "json");
            assertEquals(LOCAL, rows(r.out()).size(), r.err());
            assertTrue(proxy.maxInFlight() <= dev.s3sh.app.CorsAudit.DEFAULT_JOBS && proxy.maxInFlight() <= 8,
                    "by default a few at once (at most 8), saw " + proxy.maxInFlight());
        }
    }

    @Test
    void slowDownAnswersAreWaitedOutAndEveryBucketIsStillRead() throws Exception {
        try (FaultProxy proxy = FaultProxy.to(URI.create(LocalRgw.endpoint()));
             ShellHarness shell = new ShellHarness(proxy.profile())) {
            int slowDowns = 40;
            proxy.failFirstOn("GET", "cors", slowDowns, Fault.slowDown());
            ShellHarness.Result r = shell.run("cors", "audit", "s3://" + PREFIX + "-*", "--output", "json");
            List<JsonNode> rows = rows(r.out());
            assertEquals(LOCAL, rows.size(), r.err());
            for (JsonNode row : rows) assertEquals("null", String.valueOf(row.get("error")), "no bucket fails: " + row);
            assertEquals(slowDowns, proxy.injected(), "the proxy answered SlowDown as told");
            long read = proxy.seen().stream().filter(s -> s.forwarded() && s.target().contains("cors")).count();
            assertEquals(LOCAL, read, "every bucket was read once it was let through");
            JsonNode one = rows.get(0);
            assertNotNull(one.get("bucket"));
            assertFalse(r.out().contains("SlowDown"));
        }
    }
}
