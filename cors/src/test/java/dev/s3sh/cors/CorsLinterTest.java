package dev.s3sh.cors;

import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.s3sh.cors.CorsEvaluatorRgwTest.config;
import static dev.s3sh.cors.CorsEvaluatorRgwTest.rule;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CorsLinterTest {
    static final CorsRule CLEAN_GET = rule(List.of("GET", "HEAD"), List.of("https://app.example.test"), List.of(), List.of(), 600);
    static final CorsRule CLEAN_PUT = rule(List.of("PUT"), List.of("https://app.example.test"),
            List.of("Content-Type", "Authorization", "x-amz-*"), List.of("ETag"), 600);

    static List<CorsWarning> about(List<CorsWarning> warnings, int rule, String fragment) {
        return warnings.stream().filter(w -> w.rule() == rule && w.message().contains(fragment)).toList();
    }

    @Test
    void aCarefulConfigurationHasNoWarnings() {
        assertEquals(List.of(), CorsLinter.lint(config(CLEAN_GET), Dialect.RGW));
        assertEquals(List.of(), CorsLinter.lint(config(rule(List.of("GET", "HEAD", "PUT"), List.of("https://app.example.test"),
                List.of("Content-Type", "Authorization", "x-amz-*"), List.of("ETag"), 600)), Dialect.RGW));
    }

    @Test
    void tutorialSecondRuleIsNeverUsedOnRgwAndTheWarningNamesARequest() {
        List<CorsWarning> rgw = CorsLinter.lint(CorsTemplates.tutorialExample(), Dialect.RGW);
        List<CorsWarning> trap = about(rgw, 2, "is never used on RGW before the 2026 change");
        assertEquals(1, trap.size(), rgw.toString());
        assertTrue(trap.get(0).message().contains("the PUT preflight from http://example.com is denied there although RGW after the change (full-match"), trap.get(0).message());
        assertEquals(CorsWarning.Severity.WARNING, trap.get(0).severity());
        assertEquals(List.of(), about(CorsLinter.lint(CorsTemplates.tutorialExample(), Dialect.AWS), 2, "RGW"));
    }

    @Test
    void overlappingOriginsMakeARulePartlyUnreachable() {
        CorsConfiguration c = config(CLEAN_GET, rule(List.of("PUT"), List.of("https://app.example.test", "https://other.example.test"),
                List.of("Content-Type", "Authorization", "x-amz-*"), List.of("ETag"), null));
        List<CorsWarning> w = about(CorsLinter.lint(c, Dialect.RGW), 2, "partly unreachable on RGW");
        assertEquals(1, w.size());
        assertTrue(w.get(0).message().contains("the PUT preflight from https://app.example.test"), w.get(0).message());
    }

    @Test
    void wildcardEarlierRuleCapturesALaterWildcard() {
        CorsConfiguration c = config(rule(List.of("GET"), List.of("https://*"), List.of(), List.of(), null),
                rule(List.of("DELETE"), List.of("https://*.example.test"), List.of(), List.of(), null));
        List<CorsWarning> w = about(CorsLinter.lint(c, Dialect.RGW), 2, "is never used on RGW");
        assertEquals(1, w.size(), CorsLinter.lint(c, Dialect.RGW).toString());
        assertTrue(w.get(0).message().contains("the DELETE preflight from https://app.example.test"), w.get(0).message());
    }

    @Test
    void aRuleCoveredByAnEarlierOneIsShadowedInBothDialects() {
        CorsConfiguration c = config(CLEAN_GET, rule(List.of("GET"), List.of("https://app.example.test"), List.of(), List.of("x-extra"), 5));
        for (Dialect d : Dialect.values()) {
            assertEquals(1, about(CorsLinter.lint(c, d), 2, "is shadowed by rule 1").size(), d.id());
        }
    }

    @Test
    void starOriginWithWritesIsAWarningButNotWithReadsOnly() {
        CorsConfiguration writes = config(rule(List.of("GET", "PUT", "DELETE"), List.of("*"), List.of("Content-Type"), List.of("ETag"), null));
        assertEquals(1, about(CorsLinter.lint(writes, Dialect.RGW), 1, "AllowedOrigin * with PUT, DELETE").size());
        CorsConfiguration reads = config(rule(List.of("GET"), List.of("*"), List.of(), List.of(), null));
        assertEquals(List.of(), CorsLinter.lint(reads, Dialect.RGW));
    }

    @Test
    void httpNextToHttps() {
        CorsConfiguration c = config(rule(List.of("GET"), List.of("http://app.example.test", "https://app.example.test"), List.of(), List.of(), null));
        assertEquals(1, about(CorsLinter.lint(c, Dialect.AWS), 1, "plain http origins (http://app.example.test)").size());
        assertEquals(List.of(), CorsLinter.lint(config(rule(List.of("GET"), List.of("http://localhost:8080"), List.of(), List.of(), null)), Dialect.AWS));
    }

    @Test
    void anyHeaderForWrites() {
        CorsConfiguration c = config(rule(List.of("PUT"), List.of("https://app.example.test"), List.of("*"), List.of("ETag"), null));
        List<CorsWarning> w = CorsLinter.lint(c, Dialect.RGW);
        assertEquals(1, about(w, 1, "AllowedHeader * with PUT").size(), w.toString());
        assertEquals(1, w.size(), "AllowedHeader * covers Content-Type and the signing headers: " + w);
    }

    @Test
    void uploadsNeedETagContentTypeAndSigningHeaders() {
        CorsConfiguration c = config(rule(List.of("PUT"), List.of("https://app.example.test"), List.of(), List.of(), null));
        List<CorsWarning> w = CorsLinter.lint(c, Dialect.RGW);
        assertEquals(1, about(w, 1, "does not expose ETag").size(), w.toString());
        assertEquals(CorsWarning.Severity.INFO, about(w, 1, "Content-Type header").get(0).severity());
        assertEquals(1, about(w, 1, "but not Authorization, x-amz-date, x-amz-content-sha256").size(), w.toString());
        CorsConfiguration partial = config(rule(List.of("PUT"), List.of("https://app.example.test"), List.of("Content-*", "authorization"),
                List.of("etag"), null));
        List<CorsWarning> p = CorsLinter.lint(partial, Dialect.RGW);
        assertEquals(1, p.size(), p.toString());
        assertTrue(p.get(0).message().contains("but not x-amz-date, x-amz-content-sha256"), p.toString());
    }

    @Test
    void originsBrowsersNeverSend() {
        CorsConfiguration c = config(rule(List.of("GET"), List.of("https://app.example.test/", "HTTPS://App.example.test", " https://x.test",
                "example.com", "https://a *.test"), List.of(), List.of(), null));
        List<CorsWarning> w = CorsLinter.lint(c, Dialect.RGW);
        assertEquals(1, about(w, 1, "'https://app.example.test/' never matches").size(), w.toString());
        assertTrue(about(w, 1, "'https://app.example.test/' never matches").get(0).message().contains("e.g. 'https://app.example.test'"));
        assertEquals(1, about(w, 1, "'HTTPS://App.example.test' has capital letters").size(), w.toString());
        assertEquals(1, about(w, 1, "' https://x.test' has spaces around it").size(), w.toString());
        assertEquals(1, about(w, 1, "e.g. 'https://example.com'").size(), w.toString());
        assertEquals(1, about(w, 1, "holds whitespace").size(), w.toString());
    }

    @Test
    void ruleWithoutMethods() {
        CorsConfiguration c = config(rule(List.of(), List.of("https://app.example.test"), List.of(), List.of(), null), CLEAN_GET);
        List<CorsWarning> w = CorsLinter.lint(c, Dialect.RGW);
        assertEquals(1, about(w, 1, "has no AllowedMethod").size(), w.toString());
        assertEquals(1, about(w, 2, "is never used on RGW").size(), w.toString());
    }
}
