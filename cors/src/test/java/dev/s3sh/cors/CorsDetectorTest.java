package dev.s3sh.cors;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CorsDetectorTest {
    private static CorsRule rule(List<String> methods, List<String> origins, List<String> headers) {
        return new CorsRule(null, methods, origins, headers, List.of(), null);
    }

    private static CorsConfiguration config(CorsRule... rules) {
        return new CorsConfiguration(List.of(rules));
    }

    @Test
    void aMethodOnlyALaterRuleAllowsIsTheProbe() {
        CorsDetector.Probe p = CorsDetector.probe(config(rule(List.of("GET"), List.of("https://a.test"), List.of()),
                rule(List.of("GET", "PUT"), List.of("https://a.test"), List.of()))).orElseThrow();
        assertEquals("https://a.test", p.request().origin());
        assertEquals("PUT", p.request().requestMethod());
        assertTrue(p.request().preflight());
        assertEquals(403, p.originFirst().status());
        assertEquals(200, p.fullMatch().status());
        assertEquals(1, p.originRule());
        assertEquals(2, p.fullMatchRule());
        assertTrue(p.why().contains("rule 1"), p.why());
    }

    @Test
    void aHeaderOnlyALaterRuleAllowsIsTheProbe() {
        CorsDetector.Probe p = CorsDetector.probe(config(rule(List.of("PUT"), List.of("https://*.a.test"), List.of("content-type")),
                rule(List.of("PUT"), List.of("*"), List.of("x-amz-*")))).orElseThrow();
        assertEquals("PUT", p.request().requestMethod());
        assertEquals(List.of("x-amz-probe"), p.request().requestHeaderNames(Dialect.RGW));
        assertTrue(CorsMatching.originMatches(Dialect.RGW, List.of("https://*.a.test"), p.request().origin()), p.request().origin());
        assertFalse(CorsEvaluator.evaluate(config(rule(List.of("PUT"), List.of("https://*.a.test"), List.of("content-type")),
                rule(List.of("PUT"), List.of("*"), List.of("x-amz-*"))), Dialect.RGW, p.request()).allowed());
    }

    @Test
    void noProbeWhenTheBehavioursNeverDiffer() {
        assertEquals(Optional.empty(), CorsDetector.probe(null));
        assertEquals(Optional.empty(), CorsDetector.probe(config()));
        assertEquals(Optional.empty(), CorsDetector.probe(config(rule(List.of("GET", "PUT"), List.of("*"), List.of("*")))));
        // disjoint origins: the first origin rule is the only one
        assertEquals(Optional.empty(), CorsDetector.probe(config(rule(List.of("GET"), List.of("https://a.test"), List.of()),
                rule(List.of("PUT"), List.of("https://b.test"), List.of()))));
        // the later rule allows nothing the first does not
        assertEquals(Optional.empty(), CorsDetector.probe(config(rule(List.of("GET", "PUT"), List.of("*"), List.of("*")),
                rule(List.of("PUT"), List.of("https://a.test"), List.of("x-a")))));
    }

    @Test
    void everyProbeReallyDiffers() {
        CorsConfiguration tutorial = CorsTemplates.tutorialExample();
        List<CorsRequest> requests = CorsDetector.differingRequests(tutorial, 100);
        assertFalse(requests.isEmpty());
        for (CorsRequest r : requests) {
            assertFalse(CorsEvaluator.evaluate(tutorial, Dialect.RGW, r).allowed(), r.toString());
            assertTrue(CorsEvaluator.evaluate(tutorial, Dialect.RGW_2026, r).allowed(), r.toString());
            assertTrue(CorsEvaluator.evaluate(tutorial, Dialect.AWS, r).allowed(), "AWS is full-match too: " + r);
        }
    }

    @Test
    void interpretsTheAnswer() {
        CorsDetector.Probe p = CorsDetector.probe(CorsTemplates.tutorialExample()).orElseThrow();
        CorsDetector.Detection old = CorsDetector.interpret(p, 403, Map.of("Content-Type", "application/xml"));
        assertEquals(CorsDetector.Behaviour.ORIGIN_FIRST, old.behaviour());
        assertTrue(old.exact());
        assertEquals("origin-first", old.behaviour().id());
        Map<String, String> answer = new LinkedHashMap<>();
        p.fullMatch().headers().forEach((k, v) -> answer.put(k.toUpperCase(), " " + v));
        answer.put("X-Amz-Request-Id", "tx1");
        CorsDetector.Detection now = CorsDetector.interpret(p, 200, answer);
        assertEquals(CorsDetector.Behaviour.FULL_MATCH, now.behaviour());
        assertTrue(now.exact(), now.explanation());
        assertEquals(Dialect.RGW_2026, now.behaviour().dialect());
        CorsDetector.Detection loose = CorsDetector.interpret(p, 200, Map.of("access-control-allow-origin", p.request().origin()));
        assertEquals(CorsDetector.Behaviour.FULL_MATCH, loose.behaviour());
        assertFalse(loose.exact());
        assertEquals(CorsDetector.Behaviour.UNKNOWN, CorsDetector.interpret(p, 404, Map.of()).behaviour());
        assertEquals(CorsDetector.Behaviour.UNKNOWN, CorsDetector.interpret(p, 200, Map.of()).behaviour());
    }
}
