package dev.s3sh.cors;

import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One test per class of disagreement between {@code cors check --dialect rgw} and a real RGW 16.2.15 (issue 15),
 * each from Ceph's source and confirmed with curl against the local RGW; each failed before its fix.
 */
class CorsRgwTruthTest {
    private static CorsConfiguration config(CorsRule... rules) {
        return new CorsConfiguration(List.of(rules));
    }

    private static CorsRule rule(List<String> methods, List<String> origins, List<String> headers, List<String> expose, String maxAge) {
        return new CorsRule(null, methods, origins, headers, expose, null, maxAge == null ? null : new BigInteger(maxAge));
    }

    private static CorsDecision preflight(CorsConfiguration c, Dialect d, String origin, String method, String... headers) {
        return CorsEvaluator.evaluate(c, d, CorsRequest.preflight(origin, method, List.of(headers)));
    }

    /** Class 2: MaxAgeSeconds beyond 2^31-1 is accepted, stored as uint32 and sent as is; 2^32-1 and up, or negative, send none. */
    @Test
    void maxAgeIsSentAsRgwStoresIt() {
        Map<String, String> expected = Map.of("3000000000", "3000000000", "4294967294", "4294967294", "2147483648", "2147483648",
                "-18446744073709551615", "1", "-0", "0", "0", "0");
        expected.forEach((written, sent) -> {
            CorsDecision d = preflight(config(rule(List.of("GET"), List.of("*"), List.of(), List.of(), written)), Dialect.RGW, "https://a.test", "GET");
            assertTrue(d.allowed(), written);
            assertEquals(sent, d.headers().get("access-control-max-age"), written);
        });
        for (String none : List.of("4294967295", "4294967296", "-1", "99999999999999999999", "-99999999999999999999")) {
            CorsDecision d = preflight(config(rule(List.of("GET"), List.of("*"), List.of(), List.of(), none)), Dialect.RGW_2026, "https://a.test", "GET");
            assertTrue(d.allowed(), none);
            assertNull(d.headers().get("access-control-max-age"), none);
        }
        CorsRule huge = rule(List.of("GET"), List.of("*"), List.of(), List.of(), "3000000000");
        assertTrue(CorsValidator.isValid(CorsValidator.validate(config(huge), Dialect.RGW)));
        assertTrue(CorsValidator.validate(config(huge), Dialect.RGW).get(0).message().contains("sends Access-Control-Max-Age: 3000000000"));
        assertFalse(CorsValidator.isValid(CorsValidator.validate(config(huge), Dialect.AWS)));
        assertEquals(List.of(new BigInteger("3000000000")), CorsNormalizer.rgwStoredForm(config(huge)).rules().stream().map(CorsRule::maxAge).toList());
    }

    /** Class 3: RGW stores AllowedMethod get/Put in capitals, so GET and PUT are allowed. */
    @Test
    void lowerCaseMethodsAreHeldInCapitals() {
        CorsConfiguration c = config(rule(List.of("get", "Put"), List.of("https://a.test"), List.of(), List.of(), null));
        for (Dialect d : List.of(Dialect.RGW, Dialect.RGW_2026)) {
            assertTrue(preflight(c, d, "https://a.test", "PUT").allowed(), d.id());
            assertTrue(CorsEvaluator.evaluate(c, d, CorsRequest.actual("GET", "https://a.test", false)).allowed(), d.id());
            assertFalse(preflight(c, d, "https://a.test", "get").allowed(), "the request's method stays case-sensitive");
        }
        assertTrue(CorsLinter.lint(c, Dialect.RGW).stream().anyMatch(w -> w.message().contains("allows PUT but does not expose ETag")),
                "the linter sees the rule as RGW holds it");
    }

    /** Request header values lose their surrounding spaces in the HTTP layer: Origin ' https://a.test ' is https://a.test. */
    @Test
    void requestHeaderValuesAreTrimmed() {
        CorsConfiguration c = config(rule(List.of("GET"), List.of("https://a.test"), List.of(), List.of(), null));
        CorsDecision d = CorsEvaluator.evaluate(c, Dialect.RGW, new CorsRequest(true, "OPTIONS", "  https://a.test \t", " GET ", null, false));
        assertTrue(d.allowed(), d.reason());
        assertEquals("https://a.test", d.headers().get("access-control-allow-origin"));
        assertEquals("GET", d.headers().get("access-control-allow-methods"));
        CorsDecision blank = CorsEvaluator.evaluate(config(rule(List.of("GET"), List.of("*"), List.of(), List.of(), null)), Dialect.RGW,
                CorsRequest.actual("GET", "   ", false));
        assertEquals("*", blank.headers().get("access-control-allow-origin"), "a blank Origin is an empty one");
    }

    /** Expose headers: LF written as backslash-n, comma only after something written, empty result not sent, spaces around gone. */
    @Test
    void exposeHeadersAreWrittenAsRgwWritesThem() {
        CorsDecision d = preflight(config(rule(List.of("GET"), List.of("*"), List.of(), List.of(" ETag ", "a\nb", ""), null)), Dialect.RGW,
                "https://a.test", "GET");
        assertEquals("ETag ,a\\nb,", d.headers().get("access-control-expose-headers"));
        CorsDecision empty = preflight(config(rule(List.of("GET"), List.of("*"), List.of(), List.of(""), null)), Dialect.RGW, "https://a.test", "GET");
        assertFalse(empty.headers().containsKey("access-control-expose-headers"), empty.headers().toString());
        CorsDecision leading = preflight(config(rule(List.of("GET"), List.of("*"), List.of(), List.of("", "ETag"), null)), Dialect.RGW, "https://a.test", "GET");
        assertEquals("ETag", leading.headers().get("access-control-expose-headers"));
    }

    /** Origin-first against full-match: the same rules, one request, two answers; everything else equal. */
    @Test
    void bothRgwBehaviours() {
        CorsConfiguration c = config(rule(List.of("GET"), List.of("https://a.test"), List.of(), List.of(), "60"),
                rule(List.of("PUT"), List.of("https://a.test"), List.of("content-type"), List.of("ETag"), "5"));
        CorsDecision old = preflight(c, Dialect.RGW, "https://a.test", "PUT", "Content-Type");
        CorsDecision now = preflight(c, Dialect.RGW_2026, "https://a.test", "PUT", "Content-Type");
        assertEquals(403, old.status());
        assertEquals("AccessDenied", old.errorCode());
        assertEquals(200, now.status());
        assertEquals(2, now.rule());
        assertEquals(Map.of("access-control-allow-origin", "https://a.test", "vary", "Origin", "access-control-allow-methods", "PUT",
                "access-control-allow-headers", "Content-Type", "access-control-expose-headers", "ETag", "access-control-max-age", "5"), now.headers());
        // an actual request is matched on origin and method only (headers are not part of it)
        CorsDecision actual = CorsEvaluator.evaluate(c, Dialect.RGW_2026,
                CorsRequest.actual("PUT", "https://a.test", false).withRequestHeaders("x-nope"));
        assertTrue(actual.allowed());
        assertEquals(2, actual.rule());
        assertFalse(CorsEvaluator.evaluate(c, Dialect.RGW, CorsRequest.actual("PUT", "https://a.test", false)).allowed());
        // where the first origin rule fits, both agree
        assertEquals(preflight(c, Dialect.RGW, "https://a.test", "GET").headers(), preflight(c, Dialect.RGW_2026, "https://a.test", "GET").headers());
        assertEquals(Dialect.RGW_2026, Dialect.of("rgw-2026"));
        assertEquals(Dialect.RGW_2026, Dialect.of("full-match"));
        assertEquals(Dialect.RGW, Dialect.of("origin-first"));
        assertEquals("full-match", Dialect.RGW_2026.ruleChoice());
    }

    /** CR, LF or another control character in AllowedHeader / ExposeHeader is refused on every dialect (CVE-2020-10753). */
    @Test
    void controlCharactersInHeaderNamesAreRefused() {
        for (Dialect d : Dialect.values()) {
            List<CorsProblem> p = CorsValidator.validate(config(rule(List.of("GET"), List.of("*"), List.of("x-a\r\nSet-Cookie: a=b"),
                    List.of("ETag\nX-Injected: 1"), null)), d);
            assertEquals(2, CorsValidator.errors(p).size(), p.toString());
            assertTrue(p.stream().allMatch(x -> !x.render().contains("\n") && x.message().contains("CVE-2020-10753")), p.toString());
        }
    }

    /** Chromium caps Max-Age at 7200 s: the linter says so, judged on what the server sends. */
    @Test
    void maxAgeAboveChromiumCapIsLinted() {
        CorsConfiguration c = config(rule(List.of("GET"), List.of("https://a.test"), List.of(), List.of(), "86400"));
        assertTrue(CorsLinter.lint(c, Dialect.RGW).stream().anyMatch(w -> w.message().contains("Chromium's cap of 7200")));
        CorsConfiguration dropped = config(rule(List.of("GET"), List.of("https://a.test"), List.of(), List.of(), "4294967295"));
        assertTrue(CorsLinter.lint(dropped, Dialect.RGW).stream().noneMatch(w -> w.message().contains("Chromium's cap")),
                "RGW sends no max age for 4294967295");
    }

    /** A JSON document gets a note: RGW and s3cmd setcors read only XML. */
    @Test
    void jsonDocumentsGetANote() {
        CorsDocument doc = CorsParser.read("{\"CORSRules\":[{\"AllowedOrigins\":[\"*\"],\"AllowedMethods\":[\"GET\"]}]}"
                .getBytes(java.nio.charset.StandardCharsets.UTF_8), "c.json");
        assertTrue(CorsValidator.isValid(CorsValidator.validate(doc, Dialect.RGW)));
        List<CorsProblem> notes = CorsValidator.notes(doc, Dialect.RGW);
        assertEquals(1, notes.size());
        assertTrue(notes.get(0).render().contains("RGW and s3cmd setcors read only XML"), notes.get(0).render());
    }
}
