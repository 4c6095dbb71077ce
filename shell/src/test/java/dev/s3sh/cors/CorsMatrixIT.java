package dev.s3sh.cors;

import dev.s3sh.testing.LocalRgw;
import dev.s3sh.testing.RawHttp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The evaluator's RGW answers against the real RGW: for each configuration of a matrix (wildcards, case
 * variants, first-origin-match traps, header patterns, no configuration), real OPTIONS preflights and
 * actual GETs (anonymous and signed) go over HTTP, and status, allowed and every Access-Control-* and
 * Vary header must agree with {@link CorsEvaluator} for {@link Dialect#RGW}. Every disagreement is listed.
 */
class CorsMatrixIT {
    private static final String KEY = "obj";
    private static final Map<String, Integer> SEEN = new java.util.TreeMap<>();
    private static String bucket;
    private static URI endpoint;

    static final List<String> ORIGINS = Arrays.asList(
            "https://app.example.test", "  https://app.example.test ", "http://example.com", "http://sub.example.com", "https://example.com",
            "http://aa.example.test", "http://a.example.test", "HTTPS://APP.EXAMPLE.TEST", "https://App.Example.test",
            "http://evil.test", "http://x.example.org", "https://anything.test", "", null);
    static final List<String> METHODS = Arrays.asList("GET", "PUT", "POST", "DELETE", "HEAD", "get", "PATCH", "", null);
    static final List<String> HEADER_SETS = Arrays.asList(null, "Content-Type", "x-amz-date, Authorization",
            "X-Custom-Thing;x-amz-meta-a", "x-bar-foo", "X-Upper", "content-type,,  ORIGIN", "x-amz-date=x-amz-acl\tcontent-md5", "*");

    @BeforeAll
    static void setUp() throws Exception {
        endpoint = URI.create(LocalRgw.endpoint());
        bucket = LocalRgw.newBucket("corsmatrix");
        String path = "/" + bucket + "/" + KEY;
        List<String[]> headers = RawHttp.signed(endpoint, "PUT", path, List.<String[]>of(new String[]{"x-amz-acl", "public-read"}),
                LocalRgw.accessKey(), LocalRgw.secretKey(), "us-east-1");
        RawHttp.Response put = RawHttp.send(endpoint, "PUT", path, headers, "hi".getBytes(StandardCharsets.UTF_8));
        assertEquals(200, put.status(), "public-read PUT of the test object: " + put);
    }

    @AfterAll
    static void tearDown() {
        if (bucket != null) LocalRgw.deleteBucket(bucket);
    }

    static Map<String, CorsConfiguration> configurations() {
        Map<String, CorsConfiguration> c = new LinkedHashMap<>();
        c.put("tutorial", CorsTemplates.tutorialExample());
        c.put("star-get", config(rule(List.of("GET", "HEAD"), List.of("*"), List.of("x-amz-*", "Content-Type"), List.of("ETag", "x-amz-request-id"), 600)));
        c.put("trap-then-star", config(
                rule(List.of("GET"), List.of("https://app.example.test", "http://*.example.com"), List.of("Content-Type", "X-Custom-*"), List.of(), null),
                rule(List.of("PUT", "POST", "DELETE", "GET"), List.of("*"), List.of("*"), List.of("ETag"), 0)));
        c.put("wildcard-quirks", config(
                rule(List.of("GET", "PUT"), List.of("http://a*a.example.test", "*.example.org", "https://*"), List.of("*-Foo", "x-amz-meta-*", "x-amz-date", "authorization"),
                        List.of("*", "ETag"), 60)));
        c.put("case", config(
                rule(List.of("DELETE", "GET"), List.of("https://App.Example.test"), List.of("X-Upper", "CONTENT-TYPE"), List.of("x-b", "ETag", "x-b"), 5),
                rule(List.of("GET", "PUT", "HEAD"), List.of("https://app.example.test", "http://example.com"), List.of("x-upper", "Origin"), List.of(), 7)));
        c.put("all-methods", config(rule(List.of("GET", "PUT", "POST", "DELETE", "HEAD"), List.of("*"), List.of("*"), List.of(), null)));
        c.put("literal-only", config(
                rule(List.of("POST"), List.of("http://evil.test"), List.of(), List.of("x-amz-version-id"), 1),
                rule(List.of("GET", "POST"), List.of("https://example.com", "http://evil.test"), List.of("content-md5", "x-amz-acl"), List.of(), 2)));
        // issue 15 class 3: pushed as written, RGW stores the methods in capitals; the evaluator must predict from that.
        c.put("lower-case-methods", config(rule(List.of("get", "Put"), List.of("https://app.example.test", "*"), List.of("content-type"), List.of("ETag"), null)));
        // issue 15 class 2: MaxAgeSeconds numbers RGW accepts beyond an int (the store sends our own XML), one origin
        // each: sent as is (2^31, 3000000000), RGW's "invalid" marker 2^32-1 and 2^32 and more (no header), negative
        c.put("max-age-beyond-int", config(
                bigMaxAge(List.of("GET", "PUT"), List.of("https://app.example.test"), List.of("content-type"), List.of(), "3000000000"),
                bigMaxAge(List.of("GET"), List.of("http://example.com"), List.of(), List.of(), "4294967295"),
                bigMaxAge(List.of("GET"), List.of("https://example.com"), List.of(), List.of(), "5000000000"),
                bigMaxAge(List.of("GET"), List.of("http://evil.test"), List.of(), List.of(), "-1"),
                bigMaxAge(List.of("GET", "DELETE"), List.of("*"), List.of("*"), List.of(), "2147483648")));
        c.put("none", null);
        return c;
    }

    @Test
    void evaluatorAgreesWithRgw() throws Exception {
        List<String> disagreements = new ArrayList<>();
        int cases = 0;
        String path = "/" + bucket + "/" + KEY;
        for (Map.Entry<String, CorsConfiguration> entry : configurations().entrySet()) {
            CorsConfiguration config = entry.getValue();
            if (config == null) {
                LocalRgw.store().deleteCors(bucket);
            } else {
                LocalRgw.store().putCors(bucket, config);
                // the store reads back the max age RGW keeps, exactly (none where RGW keeps none)
                List<CorsRule> stored = LocalRgw.store().getCors(bucket).orElseThrow().rules();
                assertEquals(config.rules().size(), stored.size(), entry.getKey());
                for (int i = 0; i < stored.size(); i++) {
                    long kept = config.rules().get(i).rgwMaxAge();
                    assertEquals(kept < 0 ? null : BigInteger.valueOf(kept), stored.get(i).maxAge(), entry.getKey() + " rule " + (i + 1) + " max age read back");
                }
            }
            int rotation = 0;
            for (String origin : ORIGINS) {
                for (String method : METHODS) {
                    for (int k = 0; k < 2; k++) {
                        String acrh = HEADER_SETS.get((rotation++) % HEADER_SETS.size());
                        CorsRequest request = new CorsRequest(true, "OPTIONS", origin, method, acrh, false);
                        cases++;
                        compare(entry.getKey(), config, request, path, false, disagreements);
                    }
                }
                for (boolean authorized : List.of(false, true)) {
                    for (String[] extra : List.of(new String[]{null, null}, new String[]{null, "x-amz-date, x-nope"}, new String[]{"PUT", null})) {
                        CorsRequest request = new CorsRequest(false, "GET", origin, extra[0], extra[1], authorized);
                        cases++;
                        compare(entry.getKey(), config, request, path, false, disagreements);
                    }
                }
            }
        }
        String missingPath = "/" + bucket + "-missing/" + KEY;
        for (String origin : Arrays.asList("https://app.example.test", "", null)) {
            for (String method : Arrays.asList("PUT", null)) {
                cases++;
                compare("missing-bucket", null, new CorsRequest(true, "OPTIONS", origin, method, "Content-Type", false), missingPath, true, disagreements);
            }
            cases++;
            compare("missing-bucket", null, CorsRequest.actual("GET", origin, false), missingPath, true, disagreements);
        }
        System.out.println("CORS matrix against the local RGW: " + (cases - disagreements.size()) + "/" + cases + " cases agree; RGW answers seen: " + SEEN);
        disagreements.stream().limit(60).forEach(System.out::println);
        for (String kind : List.of("preflight 200 allowed", "preflight 200 denied", "preflight 403 denied", "preflight 400 denied",
                "preflight 404 denied", "actual 200 allowed", "actual 200 denied", "actual 404 denied")) {
            assertTrue(SEEN.getOrDefault(kind, 0) > 0, "the matrix should include a '" + kind + "' answer: " + SEEN);
        }
        assertTrue(cases >= 300, "the matrix should hold at least 300 cases, has " + cases);
        assertTrue(disagreements.isEmpty(), disagreements.size() + " of " + cases + " cases disagree with RGW, first ones:\n"
                + String.join("\n", disagreements.subList(0, Math.min(30, disagreements.size()))));
    }

    /**
     * Issue 15 class 2 end to end through s3sh: a MaxAgeSeconds beyond 2^31-1 that RGW accepts survives
     * {@code cors set} (the SDK's Integer model used to drop it), reads back exactly in {@code cors show}, and
     * {@code cors check} predicts the very Access-Control-Max-Age RGW sends to a real preflight.
     */
    @Test
    void maxAgeBeyondAnIntSurvivesSetShowAndCheck() throws Exception {
        String b = LocalRgw.newBucket("maxage");
        java.nio.file.Path file = java.nio.file.Files.createTempFile("maxage", ".xml");
        try (dev.s3sh.testing.ShellHarness sh = dev.s3sh.testing.ShellHarness.local()) {
            java.nio.file.Files.writeString(file, "<CORSConfiguration><CORSRule><AllowedMethod>GET</AllowedMethod>"
                    + "<AllowedOrigin>https://app.example.test</AllowedOrigin><MaxAgeSeconds>3000000000</MaxAgeSeconds>"
                    + "</CORSRule></CORSConfiguration>");
            var set = sh.run("cors", "set", file.toString(), "s3://" + b, "--yes");
            assertEquals(0, set.status(), set.toString());
            var show = sh.run("cors", "show", "s3://" + b);
            assertTrue(show.out().contains("<MaxAgeSeconds>3000000000</MaxAgeSeconds>"), show.toString());
            var table = sh.run("cors", "show", "s3://" + b, "--output", "table");
            assertTrue(table.out().lines().anyMatch(l -> l.startsWith("1 ") && l.contains(" 3000000000 ")), table.toString());
            var check = sh.run("cors", "check", "s3://" + b, "--origin", "https://app.example.test", "--method", "GET");
            assertEquals(0, check.status(), check.toString());
            RawHttp.Response rgw = RawHttp.send(endpoint, "OPTIONS", "/" + b + "/" + KEY, List.of(
                    new String[]{"Origin", "https://app.example.test"}, new String[]{"Access-Control-Request-Method", "GET"}), null);
            assertEquals(200, rgw.status(), rgw.toString());
            assertEquals("3000000000", rgw.headers().get("access-control-max-age"), rgw.toString());
            assertTrue(check.out().contains("access-control-max-age: " + rgw.headers().get("access-control-max-age") + "\n"), check.toString());
        } finally {
            java.nio.file.Files.deleteIfExists(file);
            LocalRgw.deleteBucket(b);
        }
    }

    private static void compare(String name, CorsConfiguration config, CorsRequest request, String path, boolean missingBucket,
                                List<String> disagreements) throws Exception {
        CorsDecision expected = missingBucket ? CorsEvaluator.bucketMissing(Dialect.RGW, request)
                : CorsEvaluator.evaluate(config, Dialect.RGW, request);
        RawHttp.Response actual = send(request, path);
        Map<String, String> cors = new LinkedHashMap<>();
        actual.headers().forEach((k, v) -> {
            if (k.startsWith("access-control-") || k.equals("vary")) cors.put(k, v);
        });
        boolean allowed = cors.containsKey("access-control-allow-origin") && (!request.preflight() || actual.status() == 200);
        SEEN.merge((request.preflight() ? "preflight " : "actual ") + actual.status() + (allowed ? " allowed" : " denied"), 1, Integer::sum);
        if (expected.status() != actual.status() || expected.allowed() != allowed || !expected.headers().equals(cors)) {
            disagreements.add(name + " " + describe(request) + ": evaluator " + expected.status() + " allowed=" + expected.allowed()
                    + " " + expected.headers() + " / RGW " + actual.status() + " allowed=" + allowed + " " + cors);
        }
    }

    private static RawHttp.Response send(CorsRequest r, String path) throws Exception {
        List<String[]> headers = new ArrayList<>();
        if (r.origin() != null) headers.add(new String[]{"Origin", r.origin()});
        if (r.requestMethod() != null) headers.add(new String[]{"Access-Control-Request-Method", r.requestMethod()});
        if (r.requestHeaders() != null) headers.add(new String[]{"Access-Control-Request-Headers", r.requestHeaders()});
        if (r.authorized()) {
            headers.addAll(RawHttp.signed(endpoint, r.method(), path, List.of(), LocalRgw.accessKey(), LocalRgw.secretKey(), "us-east-1"));
        }
        return RawHttp.send(endpoint, r.method(), path, headers, null);
    }

    private static String describe(CorsRequest r) {
        return (r.preflight() ? "OPTIONS" : r.method() + (r.authorized() ? " signed" : ""))
                + " Origin=" + show(r.origin()) + " ACRM=" + show(r.requestMethod()) + " ACRH=" + show(r.requestHeaders());
    }

    private static String show(String s) {
        return s == null ? "(none)" : "'" + s + "'";
    }

    static CorsConfiguration config(CorsRule... rules) {
        return new CorsConfiguration(List.of(rules));
    }

    static CorsRule rule(List<String> methods, List<String> origins, List<String> headers, List<String> expose, Integer maxAge) {
        return new CorsRule(null, methods, origins, headers, expose, maxAge);
    }

    static CorsRule bigMaxAge(List<String> methods, List<String> origins, List<String> headers, List<String> expose, String maxAge) {
        return new CorsRule(null, methods, origins, headers, expose, null, new BigInteger(maxAge));
    }
}
