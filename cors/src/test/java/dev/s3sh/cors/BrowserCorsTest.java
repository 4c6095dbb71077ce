package dev.s3sh.cors;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BrowserCorsTest {
    static final String APP = "http://app.example.test";

    static CorsRule rule(List<String> methods, List<String> origins, List<String> headers, List<String> expose) {
        return new CorsRule(null, methods, origins, headers, expose, null);
    }

    static CorsConfiguration config(CorsRule... rules) {
        return new CorsConfiguration(List.of(rules));
    }

    static final CorsConfiguration TRAP = config(
            rule(List.of("GET"), List.of(APP), List.of(), List.of()),
            rule(List.of("GET", "PUT", "DELETE"), List.of("*"), List.of("*"), List.of()));

    @Test
    void simpleRequestsNeedNoPreflight() {
        assertNull(BrowserCors.plan(APP, BrowserCors.Fetch.of("GET")).preflight());
        assertNull(BrowserCors.plan(APP, BrowserCors.Fetch.of("HEAD")).preflight());
        assertNull(BrowserCors.plan(APP, BrowserCors.Fetch.of("POST").header("Content-Type", "text/plain;charset=UTF-8")).preflight());
        assertNull(BrowserCors.plan(APP, BrowserCors.Fetch.of("GET").header("Accept", "text/html").header("Range", "bytes=0-9")
                .header("Content-Language", "en-GB")).preflight());
    }

    @Test
    void otherMethodsAndUnsafeHeadersArePreflighted() {
        BrowserCors.Plan put = BrowserCors.plan(APP, BrowserCors.Fetch.of("PUT").header("Content-Type", "text/plain"));
        assertEquals("PUT", put.preflight().requestMethod());
        assertNull(put.preflight().requestHeaders(), "text/plain is safelisted: no Access-Control-Request-Headers");
        assertEquals("PUT", put.actual().method());

        BrowserCors.Plan json = BrowserCors.plan(APP, BrowserCors.Fetch.of("POST").header("Content-Type", "application/json"));
        assertEquals("content-type", json.preflight().requestHeaders());

        BrowserCors.Plan custom = BrowserCors.plan(APP, BrowserCors.Fetch.of("GET").header("X-B", "1").header("x-a", "2")
                .header("Accept", "*/*").header("Range", "bytes=-5"));
        assertEquals("GET", custom.preflight().requestMethod());
        assertEquals("range,x-a,x-b", custom.preflight().requestHeaders(), "lowercased, sorted, safelisted ones left out");

        String longValue = "a".repeat(129);
        assertEquals("accept", BrowserCors.plan(APP, BrowserCors.Fetch.of("GET").header("Accept", longValue)).preflight().requestHeaders());
        assertEquals("content-language", BrowserCors.plan(APP, BrowserCors.Fetch.of("GET").header("Content-Language", "en:GB"))
                .preflight().requestHeaders());
    }

    @Test
    void anAuthorizationHeaderMakesASignedActualRequest() {
        BrowserCors.Plan p = BrowserCors.plan(APP, BrowserCors.Fetch.of("GET").header("Authorization", "AWS4-HMAC-SHA256 x")
                .header("x-amz-date", "20261128T000000Z"));
        assertEquals("authorization,x-amz-date", p.preflight().requestHeaders());
        assertTrue(p.actual().authorized());
        assertFalse(BrowserCors.plan(APP, BrowserCors.Fetch.of("GET")).actual().authorized());
    }

    @Test
    void rgwFirstOriginMatchBlocksAtThePreflightWhereAwsAllows() {
        BrowserCors.Fetch put = BrowserCors.Fetch.of("PUT");
        BrowserCors.Verdict rgw = BrowserCors.verdict(TRAP, Dialect.RGW, APP, put);
        assertFalse(rgw.allowed());
        assertEquals("preflight", rgw.blockedAt());
        assertFalse(rgw.actualSent(), "a failed preflight stops the PUT");
        assertEquals(1, rgw.preflightDecision().rule());
        assertNull(rgw.actualDecision());

        BrowserCors.Verdict aws = BrowserCors.verdict(TRAP, Dialect.AWS, APP, put);
        assertTrue(aws.allowed(), aws.reason());
        assertEquals(2, aws.actualDecision().rule());
    }

    @Test
    void aBlockedSimpleRequestStillReachesTheServer() {
        BrowserCors.Verdict v = BrowserCors.verdict(config(rule(List.of("GET"), List.of(APP), List.of(), List.of())), Dialect.RGW,
                "http://evil.example.org", BrowserCors.Fetch.of("GET"));
        assertFalse(v.allowed());
        assertEquals("response", v.blockedAt());
        assertTrue(v.actualSent());
        assertNull(v.preflightDecision());
        assertEquals("no Access-Control-Allow-Origin header", v.reason());
    }

    @Test
    void noConfigurationBlocksEverything() {
        assertFalse(BrowserCors.verdict(null, Dialect.RGW, APP, BrowserCors.Fetch.of("GET")).allowed());
        BrowserCors.Verdict put = BrowserCors.verdict(null, Dialect.RGW, APP, BrowserCors.Fetch.of("PUT"));
        assertEquals("preflight", put.blockedAt());
        assertEquals(403, put.preflightDecision().status());
    }

    @Test
    void credentialsFailOnRgwButPassOnAwsWithAnEchoedOrigin() {
        CorsConfiguration exact = config(rule(List.of("GET"), List.of(APP), List.of(), List.of()));
        BrowserCors.Fetch cred = BrowserCors.Fetch.of("GET").withCredentials();
        BrowserCors.Verdict rgw = BrowserCors.verdict(exact, Dialect.RGW, APP, cred);
        assertFalse(rgw.allowed());
        assertTrue(rgw.reason().contains("Access-Control-Allow-Credentials"), rgw.reason());
        assertTrue(BrowserCors.verdict(exact, Dialect.AWS, APP, cred).allowed());
        assertTrue(BrowserCors.verdict(exact, Dialect.RGW, APP, BrowserCors.Fetch.of("GET")).allowed());

        BrowserCors.Verdict star = BrowserCors.verdict(TRAP, Dialect.RGW, "http://evil.example.org", cred);
        assertTrue(star.reason().contains("is * but the request sends credentials"), star.reason());
    }

    @Test
    void preflightChecksFollowTheFetchStandard() {
        BrowserCors.Fetch custom = BrowserCors.Fetch.of("PUT").header("X-Custom", "1");
        Map<String, String> ok = Map.of("access-control-allow-origin", APP, "access-control-allow-methods", "PUT",
                "access-control-allow-headers", "X-Custom");
        assertNull(BrowserCors.preflightProblem(APP, custom, 200, ok), "header names compare case-insensitively");
        assertEquals("preflight: the answer's status 403 is not ok", BrowserCors.preflightProblem(APP, custom, 403, ok));
        assertEquals("preflight: Access-Control-Allow-Methods does not list PUT", BrowserCors.preflightProblem(APP, custom, 200,
                Map.of("access-control-allow-origin", APP, "access-control-allow-methods", "GET, DELETE", "access-control-allow-headers", "x-custom")));
        assertNull(BrowserCors.preflightProblem(APP, BrowserCors.Fetch.of("GET").header("X-Custom", "1"), 200,
                Map.of("access-control-allow-origin", APP, "access-control-allow-headers", "x-custom")), "a simple method needs no Allow-Methods");
        assertEquals("preflight: Access-Control-Allow-Origin http://other.test is not the page's origin " + APP,
                BrowserCors.preflightProblem(APP, custom, 200, Map.of("access-control-allow-origin", "http://other.test")));

        Map<String, String> star = Map.of("access-control-allow-origin", "*", "access-control-allow-methods", "*", "access-control-allow-headers", "*");
        assertNull(BrowserCors.preflightProblem(APP, custom, 200, star));
        assertEquals("preflight: Access-Control-Allow-Headers does not list authorization",
                BrowserCors.preflightProblem(APP, BrowserCors.Fetch.of("GET").header("Authorization", "x"), 200, star),
                "* never covers Authorization");
    }

    @Test
    void exposedHeadersAreReadable() {
        BrowserCors.Fetch get = BrowserCors.Fetch.of("GET");
        Map<String, String> etag = Map.of("access-control-expose-headers", "ETag,x-amz-request-id");
        assertTrue(BrowserCors.readable(get, etag, "etag"));
        assertFalse(BrowserCors.readable(get, Map.of(), "ETag"));
        assertTrue(BrowserCors.readable(get, Map.of(), "Content-Type"), "safelisted response header");
        assertTrue(BrowserCors.readable(get, Map.of("access-control-expose-headers", "*"), "ETag"));
        assertFalse(BrowserCors.readable(get.withCredentials(), Map.of("access-control-expose-headers", "*"), "ETag"));
    }

    @org.junit.jupiter.api.Test
    void localNetworkAccessAddressSpaces() {
        for (String h : List.of("127.0.0.1", "localhost", "s3.localhost", "[::1]", "::1", "0.0.0.0", "::ffff:127.0.0.1")) {
            assertEquals(BrowserCors.AddressSpace.LOOPBACK, BrowserCors.addressSpace(h), h);
        }
        for (String h : List.of("10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.10", "169.254.169.254", "100.64.0.1", "fd00::1", "fe80::1", "[fe80::1%eth0]")) {
            assertEquals(BrowserCors.AddressSpace.LOCAL, BrowserCors.addressSpace(h), h);
        }
        for (String h : List.of("8.8.8.8", "172.32.0.1", "2600:3c00::1", "172.15.0.1")) {
            assertEquals(BrowserCors.AddressSpace.PUBLIC, BrowserCors.addressSpace(h), h);
        }
        for (String h : List.of("us-east-1.linodeobjects.com", "", "300.1.1.1")) {
            assertEquals(BrowserCors.AddressSpace.UNKNOWN, BrowserCors.addressSpace(h), h);
        }
        assertTrue(BrowserCors.localNetworkWarning("127.0.0.1").contains("Chrome 142"));
        assertEquals(null, BrowserCors.localNetworkWarning("8.8.8.8"));
        // a resolved name: judged by its address, named by both
        assertTrue(BrowserCors.localNetworkWarning("b.s3.example.test", "127.0.0.1").startsWith("the endpoint b.s3.example.test (127.0.0.1) is a loopback address"));
        assertEquals(null, BrowserCors.localNetworkWarning("s3.example.com", "8.8.8.8"));
    }

    @org.junit.jupiter.api.Test
    void starDoesNotCountWithCredentials() {
        Map<String, String> h = Map.of("access-control-allow-origin", "https://a.test", "access-control-allow-credentials", "true",
                "access-control-allow-methods", "PUT", "access-control-allow-headers", "*", "access-control-expose-headers", "*");
        BrowserCors.Fetch plain = BrowserCors.Fetch.of("PUT").header("x-a", "1");
        assertEquals(null, BrowserCors.preflightProblem("https://a.test", plain, 200, h));
        assertTrue(BrowserCors.preflightProblem("https://a.test", plain.withCredentials(), 200, h).contains("x-a"));
        assertTrue(BrowserCors.readable(plain, h, "ETag"));
        assertFalse(BrowserCors.readable(plain.withCredentials(), h, "ETag"));
    }
}
