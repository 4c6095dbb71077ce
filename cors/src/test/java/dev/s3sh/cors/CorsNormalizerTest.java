package dev.s3sh.cors;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CorsNormalizerTest {
    private static CorsConfiguration one(CorsRule r) {
        return new CorsConfiguration(List.of(r));
    }

    @Test
    void rgwStoredFormOrdersAndDeduplicatesAsRgwDoes() {
        CorsConfiguration sent = one(new CorsRule("", List.of("post", "HEAD", "GET", "COPY", "DELETE", "PUT", "GET"),
                List.of("https://b.example", "https://a.example", "https://b.example", " https://c.example"),
                List.of("x-b", "X-a", "x-b", "a", "\u00e4", "z"),
                List.of("x-b", "x-a", "x-b"), -1));
        CorsRule stored = CorsNormalizer.rgwStoredForm(sent).rules().get(0);
        assertEquals(new CorsRule(null, List.of("GET", "PUT", "DELETE", "HEAD", "POST", "COPY"),
                List.of(" https://c.example", "https://a.example", "https://b.example"),
                List.of("X-a", "a", "x-b", "z", "\u00e4"),
                List.of("x-b", "x-a", "x-b"), null), stored);
    }

    @Test
    void byteOrderIsUtf8UnsignedNotUtf16() {
        // U+FF21 (EF BC A1) sorts before U+1F600 (F0 9F 98 80) in UTF-8 but after it in UTF-16
        List<String> sorted = CorsNormalizer.rgwStoredForm(one(new CorsRule(null, List.of("GET"),
                List.of("\uD83D\uDE00", "\uFF21", "B", "a"), List.of(), List.of(), null))).rules().get(0).allowedOrigins();
        assertEquals(List.of("B", "a", "\uFF21", "\uD83D\uDE00"), sorted);
    }

    @Test
    void storedFormIsIdempotentAndKeepsRuleOrder() {
        CorsConfiguration c = new CorsConfiguration(List.of(
                new CorsRule("z", List.of("PUT", "GET"), List.of("b", "a"), List.of(), List.of(), 5),
                new CorsRule("a", List.of("GET"), List.of("*"), List.of(), List.of(), null)));
        CorsConfiguration once = CorsNormalizer.rgwStoredForm(c);
        assertEquals(once, CorsNormalizer.rgwStoredForm(once));
        assertEquals(List.of("z", "a"), once.rules().stream().map(CorsRule::id).toList());
    }

    @Test
    void trimmedStripsEveryValueAndTheId() {
        CorsConfiguration c = one(new CorsRule(" id ", List.of(" GET"), List.of("\thttps://a.example "), List.of("x-a "),
                List.of(" ETag"), 3));
        assertEquals(one(new CorsRule("id", List.of("GET"), List.of("https://a.example"), List.of("x-a"), List.of("ETag"), 3)),
                CorsNormalizer.trimmed(c));
    }

    @Test
    void sameRulesComparesByStructure() {
        CorsConfiguration pushed = CorsParserTest.EXAMPLE;
        assertTrue(CorsNormalizer.sameRules(pushed, CorsNormalizer.rgwStoredForm(pushed)));
        assertTrue(CorsNormalizer.sameRules(pushed, pushed));
        assertTrue(CorsNormalizer.sameRules(null, null));
        assertFalse(CorsNormalizer.sameRules(pushed, null));
        assertTrue(CorsNormalizer.sameRules(
                one(new CorsRule("", List.of("get"), List.of("*"), List.of(), List.of(), null)),
                one(new CorsRule(null, List.of("GET"), List.of("*"), List.of(), List.of(), null))));

        CorsRule base = new CorsRule("r", List.of("GET"), List.of("*"), List.of("a"), List.of("e"), 5);
        List<CorsRule> different = List.of(
                new CorsRule("s", List.of("GET"), List.of("*"), List.of("a"), List.of("e"), 5),
                new CorsRule("r", List.of("PUT"), List.of("*"), List.of("a"), List.of("e"), 5),
                new CorsRule("r", List.of("GET"), List.of("x"), List.of("a"), List.of("e"), 5),
                new CorsRule("r", List.of("GET"), List.of("*"), List.of("A"), List.of("e"), 5),
                new CorsRule("r", List.of("GET"), List.of("*"), List.of("a"), List.of(), 5),
                new CorsRule("r", List.of("GET"), List.of("*"), List.of("a"), List.of("e"), null),
                new CorsRule("r", List.of("GET"), List.of(" *"), List.of("a"), List.of("e"), 5));
        for (CorsRule d : different) assertFalse(CorsNormalizer.sameRules(one(base), one(d)), d.toString());
        // rule order matters: RGW and AWS both try rules in order
        CorsRule other = different.get(1);
        assertFalse(CorsNormalizer.sameRules(new CorsConfiguration(List.of(base, other)), new CorsConfiguration(List.of(other, base))));
        assertFalse(CorsNormalizer.sameRules(new CorsConfiguration(List.of(base)), new CorsConfiguration(List.of(base, base))));
    }
}
