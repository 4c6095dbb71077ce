package dev.s3sh.cors;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** docs/rgw-cors-semantics.md rule by rule for RGW; each case restates an answer measured on the real server. */
class CorsEvaluatorRgwTest {
    static final CorsConfiguration TUTORIAL = CorsTemplates.tutorialExample();

    static CorsRule rule(List<String> methods, List<String> origins, List<String> headers, List<String> expose, Integer maxAge) {
        return new CorsRule(null, methods, origins, headers, expose, maxAge);
    }

    static CorsConfiguration config(CorsRule... rules) {
        return new CorsConfiguration(List.of(rules));
    }

    static Map<String, String> headers(String... nameValue) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < nameValue.length; i += 2) m.put(nameValue[i], nameValue[i + 1]);
        return m;
    }

    static CorsRequest preflight(String origin, String method, String acrh) {
        return new CorsRequest(true, "OPTIONS", origin, method, acrh, false);
    }

    CorsDecision eval(CorsConfiguration c, CorsRequest r) {
        return CorsEvaluator.evaluate(c, Dialect.RGW, r);
    }

    @Test
    void firstOriginMatchDeniesWhatALaterRuleAllows() {
        CorsDecision d = eval(TUTORIAL, CorsRequest.preflight("http://example.com", "PUT", List.of()));
        assertFalse(d.allowed());
        assertEquals(1, d.rule());
        assertEquals(403, d.status());
        assertEquals("AccessDenied", d.errorCode());
        assertEquals(Map.of(), d.headers());
        assertTrue(d.suggestion().contains("add <AllowedMethod>PUT</AllowedMethod> to rule 1"), d.suggestion());
        assertTrue(d.suggestion().contains("move rule 2 before it"), d.suggestion());
        assertTrue(d.explanation().stream().anyMatch(s -> s.contains("GET HEAD, not PUT")), d.explanation().toString());
    }

    @Test
    void preflightEchoesOriginOnlyRequestedMethodAndHeadersAsSent() {
        CorsDecision d = eval(TUTORIAL, preflight("https://app.example.com", "GET", "AUTHORIZATION"));
        assertTrue(d.allowed());
        assertEquals(1, d.rule());
        assertEquals(200, d.status());
        assertEquals(headers("access-control-allow-origin", "https://app.example.com", "vary", "Origin",
                "access-control-allow-methods", "GET", "access-control-allow-headers", "AUTHORIZATION",
                "access-control-expose-headers", "Access-Control-Allow-Origin", "access-control-max-age", "3000"), d.headers());
        assertEquals(List.copyOf(d.headers().keySet()), List.of("access-control-allow-origin", "vary", "access-control-allow-methods",
                "access-control-allow-headers", "access-control-expose-headers", "access-control-max-age"));
    }

    @Test
    void preflightEchoesEvenForLiteralStar() {
        CorsDecision d = eval(config(rule(List.of("GET"), List.of("*"), List.of(), List.of(), null)), preflight("http://x.test", "GET", null));
        assertEquals(headers("access-control-allow-origin", "http://x.test", "vary", "Origin", "access-control-allow-methods", "GET"), d.headers());
    }

    @Test
    void actualRequestSendsStarWithoutAuthorizationAndEchoesWithIt() {
        CorsConfiguration c = config(rule(List.of("GET"), List.of("*"), List.of("x-a"), List.of("ETag", "x-b"), 5));
        CorsDecision anon = eval(c, CorsRequest.actual("GET", "http://q.com", false));
        assertEquals(headers("access-control-allow-origin", "*", "access-control-allow-methods", "GET",
                "access-control-expose-headers", "ETag,x-b", "access-control-max-age", "5"), anon.headers());
        assertEquals(200, anon.status());
        CorsDecision signed = eval(c, CorsRequest.actual("GET", "http://q.com", true));
        assertEquals("http://q.com", signed.headers().get("access-control-allow-origin"));
        assertEquals("Origin", signed.headers().get("vary"));
    }

    @Test
    void actualRequestDropsDisallowedRequestHeadersAndKeepsTheRest() {
        CorsConfiguration c = config(rule(List.of("GET"), List.of("*"), List.of("x-a"), List.of(), null));
        CorsDecision d = eval(c, CorsRequest.actual("GET", "http://q.com", false).withRequestHeaders("x-a, x-c"));
        assertTrue(d.allowed());
        assertEquals("x-a", d.headers().get("access-control-allow-headers"));
    }

    @Test
    void actualRequestWithDisallowedAcrmGetsNoCorsHeaders() {
        CorsConfiguration c = config(rule(List.of("GET"), List.of("*"), List.of(), List.of(), null));
        CorsDecision d = eval(c, CorsRequest.actual("GET", "http://q.com", false).withRequestMethod("PUT"));
        assertFalse(d.allowed());
        assertEquals(200, d.status());
        assertEquals(Map.of(), d.headers());
        assertEquals(1, d.rule());
    }

    @Test
    void headerListSplitsOnCommaSemicolonEqualsSpaceAndTab() {
        CorsConfiguration c = config(rule(List.of("PUT"), List.of("http://p.com"), List.of("x-amz-*", "Content-Type"), List.of(), null));
        for (String acrh : List.of("X-AMZ-DATE;content-type", "x-amz-date=content-type", "x-amz-date\tcontent-type", "x-amz-date content-type")) {
            CorsDecision d = eval(c, preflight("http://p.com", "PUT", acrh));
            assertTrue(d.allowed(), acrh);
            assertEquals(acrh.replaceAll("[;=\t ]", ","), d.headers().get("access-control-allow-headers"), acrh);
        }
        assertEquals("x-amz-date", eval(c, preflight("http://p.com", "PUT", " ,, x-amz-date ,")).headers().get("access-control-allow-headers"));
        assertFalse(eval(c, preflight("http://p.com", "PUT", "")).headers().containsKey("access-control-allow-headers"));
    }

    @Test
    void oneDisallowedHeaderDeniesThePreflight() {
        CorsConfiguration c = config(rule(List.of("PUT"), List.of("http://p.com"), List.of("x-amz-*"), List.of(), null),
                rule(List.of("PUT"), List.of("http://p.com"), List.of("*"), List.of(), null));
        CorsDecision d = eval(c, preflight("http://p.com", "PUT", "x-amz-date,foo"));
        assertFalse(d.allowed());
        assertEquals(1, d.rule());
        assertTrue(d.suggestion().startsWith("add <AllowedHeader>foo</AllowedHeader> to rule 1"), d.suggestion());
        assertFalse(eval(c, preflight("http://p.com", "PUT", "*")).allowed(), "a requested '*' is only matched by AllowedHeader *");
    }

    @Test
    void headersMatchCaseInsensitivelyOriginsCaseSensitively() {
        CorsConfiguration c = config(rule(List.of("GET"), List.of("https://App.Example.test"), List.of("X-Upper"), List.of(), null));
        assertTrue(eval(c, preflight("https://App.Example.test", "GET", "x-UPPER")).allowed());
        assertFalse(eval(c, preflight("https://app.example.test", "GET", null)).allowed());
    }

    @Test
    void wildcardMayMatchEmptyAndPrefixAndSuffixMayOverlap() {
        CorsConfiguration c = config(rule(List.of("GET"), List.of("http://*.example.com", "http://a*a.test", "*.z.org"), List.of(), List.of(), null));
        for (String origin : List.of("http://.example.com", "http://a.test", "http://aa.test", "http://abca.test", ".z.org", "x.z.org")) {
            assertTrue(eval(c, preflight(origin, "GET", null)).allowed(), origin);
        }
        for (String origin : List.of("http://a", "HTTP://aa.test", "http://example.com", "https://x.example.com")) {
            assertFalse(eval(c, preflight(origin, "GET", null)).allowed(), origin);
        }
    }

    @Test
    void spaceInsideAWildcardPatternBreaksIt() {
        CorsConfiguration c = config(rule(List.of("GET"), List.of("http://b c*"), List.of(), List.of(), null));
        assertFalse(eval(c, preflight("http://b c", "GET", null)).allowed());
        assertFalse(eval(c, preflight("http://b cx", "GET", null)).allowed());
        assertTrue(eval(c, preflight("http://b c*", "GET", null)).allowed(), "the literal pattern still matches itself");
    }

    @Test
    void exposeHeadersAreJoinedWithCommaAsGivenAndStarIsLiteral() {
        CorsConfiguration c = config(rule(List.of("GET"), List.of("http://p.com"), List.of(), List.of("x-b", "ETag", "x-b", "*"), 0));
        CorsDecision d = eval(c, preflight("http://p.com", "GET", null));
        assertEquals("x-b,ETag,x-b,*", d.headers().get("access-control-expose-headers"));
        assertEquals("0", d.headers().get("access-control-max-age"));
    }

    @Test
    void maxAgeOnlyWhenSetAndNotNegative() {
        assertFalse(eval(config(rule(List.of("GET"), List.of("*"), List.of(), List.of(), null)), preflight("http://p.com", "GET", null))
                .headers().containsKey("access-control-max-age"));
        assertFalse(eval(config(rule(List.of("GET"), List.of("*"), List.of(), List.of(), -1)), preflight("http://p.com", "GET", null))
                .headers().containsKey("access-control-max-age"));
    }

    @Test
    void missingOriginOrMethodIs400BeforeTheConfigurationIsLookedAt() {
        for (CorsConfiguration c : new CorsConfiguration[]{TUTORIAL, null}) {
            CorsDecision noOrigin = eval(c, preflight(null, "GET", null));
            assertEquals(400, noOrigin.status());
            assertEquals("InvalidArgument", noOrigin.errorCode());
            assertNull(noOrigin.rule());
            assertEquals(400, eval(c, preflight("http://example.com", null, null)).status());
        }
    }

    @Test
    void emptyMethodAndLowercaseMethodAre403() {
        assertEquals(403, eval(TUTORIAL, preflight("http://example.com", "", null)).status());
        CorsDecision lower = eval(TUTORIAL, preflight("http://example.com", "get", null));
        assertEquals(403, lower.status());
        assertEquals("methods are case-sensitive: send GET, not get", lower.suggestion());
        assertEquals(403, eval(TUTORIAL, preflight("http://example.com", "PATCH", null)).status());
    }

    @Test
    void noConfigurationIs403ForPreflightsAndNoHeadersForActualRequests() {
        CorsDecision d = eval(null, preflight("http://p.com", "GET", null));
        assertEquals(403, d.status());
        assertEquals("AccessDenied", d.errorCode());
        assertTrue(d.suggestion().contains("<AllowedOrigin>http://p.com</AllowedOrigin>"), d.suggestion());
        CorsDecision actual = eval(null, CorsRequest.actual("GET", "http://p.com", false));
        assertEquals(200, actual.status());
        assertEquals(Map.of(), actual.headers());
    }

    @Test
    void missingBucketIs404BeforeAnythingElse() {
        for (CorsRequest r : List.of(preflight(null, null, null), preflight("http://p.com", "GET", null), CorsRequest.actual("GET", "http://p.com", false))) {
            CorsDecision d = CorsEvaluator.bucketMissing(Dialect.RGW, r);
            assertEquals(404, d.status());
            assertEquals("NoSuchBucket", d.errorCode());
            assertFalse(d.allowed());
        }
    }

    @Test
    void emptyOriginIsMatchedOnlyByStarAndGetsNoHeadersOnAPreflight() {
        CorsConfiguration c = config(rule(List.of("GET"), List.of("http://p*"), List.of(), List.of(), null),
                rule(List.of("PUT"), List.of("*"), List.of(), List.of(), null));
        CorsDecision put = eval(c, preflight("", "PUT", null));
        assertEquals(200, put.status());
        assertEquals(Map.of(), put.headers());
        assertFalse(put.allowed());
        assertEquals(403, eval(c, preflight("", "GET", null)).status());
        assertEquals("*", eval(config(rule(List.of("GET"), List.of("*"), List.of(), List.of(), null)),
                CorsRequest.actual("GET", "", false)).headers().get("access-control-allow-origin"));
    }

    @Test
    void actualRequestWithoutOriginIsNotCors() {
        CorsDecision d = eval(TUTORIAL, CorsRequest.actual("GET", null, false));
        assertEquals(200, d.status());
        assertFalse(d.allowed());
        assertEquals(Map.of(), d.headers());
    }

    @Test
    void unknownOriginSuggestsTheRuleThatHasTheMethod() {
        CorsDecision d = eval(TUTORIAL, CorsRequest.preflight("https://other.test", "DELETE", List.of()));
        assertNull(d.rule());
        assertEquals("add <AllowedOrigin>https://other.test</AllowedOrigin> to rule 2", d.suggestion());
    }
}
