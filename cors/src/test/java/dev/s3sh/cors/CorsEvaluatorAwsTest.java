package dev.s3sh.cors;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.s3sh.cors.CorsEvaluatorRgwTest.TUTORIAL;
import static dev.s3sh.cors.CorsEvaluatorRgwTest.config;
import static dev.s3sh.cors.CorsEvaluatorRgwTest.headers;
import static dev.s3sh.cors.CorsEvaluatorRgwTest.preflight;
import static dev.s3sh.cors.CorsEvaluatorRgwTest.rule;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The AWS column of docs/rgw-cors-semantics.md rule by rule. */
class CorsEvaluatorAwsTest {
    CorsDecision eval(CorsConfiguration c, CorsRequest r) {
        return CorsEvaluator.evaluate(c, Dialect.AWS, r);
    }

    @Test
    void firstFullMatchDecides() {
        CorsDecision d = eval(TUTORIAL, CorsRequest.preflight("http://example.com", "PUT", List.of("Content-Type", "Authorization")));
        assertTrue(d.allowed());
        assertEquals(2, d.rule());
        assertEquals(headers("access-control-allow-origin", "http://example.com", "access-control-allow-methods", "PUT, POST, DELETE",
                "access-control-allow-headers", "content-type, authorization", "access-control-expose-headers", "ETag",
                "access-control-max-age", "3000", "access-control-allow-credentials", "true",
                "vary", "Origin, Access-Control-Request-Headers, Access-Control-Request-Method"), d.headers());
    }

    @Test
    void literalStarSendsStarWithoutCredentials() {
        CorsConfiguration c = config(rule(List.of("GET", "HEAD"), List.of("*"), List.of(), List.of("ETag", "x-b"), null));
        CorsDecision d = eval(c, preflight("http://q.com", "GET", null));
        assertEquals(headers("access-control-allow-origin", "*", "access-control-allow-methods", "GET, HEAD",
                "access-control-expose-headers", "ETag, x-b",
                "vary", "Origin, Access-Control-Request-Headers, Access-Control-Request-Method"), d.headers());
        assertEquals("*", eval(c, CorsRequest.actual("GET", "http://q.com", true)).headers().get("access-control-allow-origin"));
    }

    @Test
    void headerListSplitsOnCommasOnly() {
        CorsConfiguration c = config(rule(List.of("PUT"), List.of("http://p.com"), List.of("x-amz-date", "content-type"), List.of(), null));
        assertTrue(eval(c, preflight("http://p.com", "PUT", "X-Amz-Date , Content-Type")).allowed());
        assertFalse(eval(c, preflight("http://p.com", "PUT", "x-amz-date;content-type")).allowed());
    }

    @Test
    void deniedPreflightIs403AndCarriesNoVary() {
        CorsDecision d = eval(TUTORIAL, preflight("http://example.com", "PUT", "x-other"));
        assertEquals(403, d.status());
        assertEquals("AccessForbidden", d.errorCode());
        assertNull(d.rule());
        assertEquals(Map.of(), d.headers());
        assertEquals("add <AllowedHeader>x-other</AllowedHeader> to rule 2", d.suggestion());
    }

    @Test
    void statusesForMissingPiecesAndBucket() {
        assertEquals(400, eval(TUTORIAL, preflight(null, "GET", null)).status());
        assertEquals(400, eval(TUTORIAL, preflight("http://example.com", null, null)).status());
        assertEquals(403, eval(null, preflight("http://example.com", "GET", null)).status());
        assertEquals(400, CorsEvaluator.bucketMissing(Dialect.AWS, preflight(null, "GET", null)).status());
        assertEquals(403, CorsEvaluator.bucketMissing(Dialect.AWS, preflight("http://example.com", "GET", null)).status());
        assertEquals(404, CorsEvaluator.bucketMissing(Dialect.AWS, CorsRequest.actual("GET", "http://example.com", false)).status());
    }

    @Test
    void actualRequestIsJudgedOnAcrmAndAcrh() {
        CorsConfiguration c = config(rule(List.of("GET"), List.of("*"), List.of("x-a"), List.of(), null));
        assertEquals(Map.of(), eval(c, CorsRequest.actual("GET", "http://q.com", false).withRequestHeaders("x-a, x-c")).headers());
        assertEquals("x-a", eval(c, CorsRequest.actual("GET", "http://q.com", false).withRequestHeaders("X-A")).headers()
                .get("access-control-allow-headers"));
        assertEquals(Map.of(), eval(c, CorsRequest.actual("GET", "http://q.com", false).withRequestMethod("PUT")).headers());
    }

    @Test
    void wildcardIsAPlainGlob() {
        CorsConfiguration c = config(rule(List.of("GET"), List.of("http://a*a.test", "http://*.example.com"), List.of(), List.of(), 0));
        assertFalse(eval(c, preflight("http://a.test", "GET", null)).allowed());
        assertTrue(eval(c, preflight("http://aa.test", "GET", null)).allowed());
        assertTrue(eval(c, preflight("http://x.example.com", "GET", null)).allowed());
        assertEquals("0", eval(c, preflight("http://aa.test", "GET", null)).headers().get("access-control-max-age"));
    }
}
