package dev.s3sh.cors;

import dev.s3sh.cors.CorsDiff.Change;
import dev.s3sh.cors.CorsDiff.Type;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CorsDiffTest {
    static final CorsRule READS = new CorsRule("reads", List.of("GET"), List.of("https://a.example"), List.of(), List.of(), 300);
    static final CorsRule WRITES = new CorsRule(null, List.of("PUT", "POST"), List.of("https://a.example"), List.of("Content-*"), List.of("ETag"), null);
    static final CorsRule ANY = new CorsRule(null, List.of("GET"), List.of("*"), List.of(), List.of(), null);

    private static CorsConfiguration config(CorsRule... rules) {
        return new CorsConfiguration(List.of(rules));
    }

    @Test
    void noChanges() {
        CorsDiff d = CorsDiff.diff(config(READS, WRITES), config(READS, WRITES));
        assertTrue(d.isEmpty());
        assertEquals("", d.unified("a", "b"));
        assertEquals("no changes\n", d.render("a", "b"));
        assertTrue(CorsDiff.diff(null, null).isEmpty());
    }

    @Test
    void configurationAddedOrRemoved() {
        assertEquals(List.of("CORS configuration added (2 rules)"), CorsDiff.diff(null, config(READS, WRITES)).summary());
        assertEquals(List.of("CORS configuration removed (1 rule)"), CorsDiff.diff(config(READS), null).summary());
        String unified = CorsDiff.diff(null, config(ANY)).unified("none", "new");
        assertTrue(unified.startsWith("--- none\n+++ new\n@@ -0,0 +1,6 @@\n+<CORSConfiguration"), unified);
    }

    @Test
    void valueChangesInOneRule() {
        CorsRule edited = new CorsRule("reads", List.of("GET", "HEAD"), List.of("https://b.example"), List.of(), List.of(), 600);
        CorsDiff d = CorsDiff.diff(config(READS, WRITES), config(edited, WRITES));
        assertEquals(List.of(
                "rule 1: AllowedMethod 'HEAD' added",
                "rule 1: AllowedOrigin 'https://a.example' removed",
                "rule 1: AllowedOrigin 'https://b.example' added",
                "rule 1: MaxAgeSeconds '300' changed to '600'"), d.summary());
        Change c = d.changes().get(0);
        assertEquals(new Change(Type.VALUE_ADDED, 1, 1, "AllowedMethod", null, "HEAD"), c);
    }

    @Test
    void rulesAddedAndRemovedAroundUnchangedOnes() {
        CorsDiff d = CorsDiff.diff(config(READS, WRITES), config(ANY, READS));
        assertEquals(List.of(
                "rule 1 added: GET from *",
                "rule 2 removed: PUT, POST from https://a.example"), d.summary());
        assertEquals(List.of(Type.RULE_ADDED, Type.RULE_REMOVED), d.changes().stream().map(Change::type).toList());
    }

    @Test
    void rulesArePairedByIdWhenTheyMove() {
        CorsRule readsEdited = new CorsRule("reads", List.of("GET"), List.of("https://a.example"), List.of(), List.of(), null);
        CorsDiff d = CorsDiff.diff(config(READS, ANY), config(WRITES, readsEdited));
        assertTrue(d.summary().contains("rule 2 (was rule 1): MaxAgeSeconds '300' changed to (none)"), d.summary().toString());
        assertTrue(d.summary().stream().noneMatch(s -> s.contains("'reads'")), "reads is edited, not replaced: " + d.summary());
    }

    @Test
    void differentNamedRulesAreAReplacement() {
        CorsRule other = new CorsRule("other", List.of("GET"), List.of("https://a.example"), List.of(), List.of(), 300);
        assertEquals(List.of("rule 1 removed: 'reads' GET from https://a.example", "rule 1 added: 'other' GET from https://a.example"),
                CorsDiff.diff(config(READS), config(other)).summary());
    }

    @Test
    void idChangeAndReorderAreNamed() {
        CorsRule named = new CorsRule("w", List.of("POST", "PUT"), List.of("https://a.example"), List.of("Content-*"), List.of("ETag"), null);
        assertEquals(List.of("rule 1: ID (none) changed to 'w'", "rule 1: AllowedMethod order changed to POST, PUT"),
                CorsDiff.diff(config(WRITES), config(named)).summary());
    }

    @Test
    void renumberedRulesSayWhatTheyWere() {
        CorsRule anyEdited = new CorsRule(null, List.of("GET"), List.of("*"), List.of("x"), List.of(), null);
        CorsDiff d = CorsDiff.diff(config(READS, ANY), config(anyEdited));
        assertEquals(List.of("rule 1 removed: 'reads' GET from https://a.example", "rule 1 (was rule 2): AllowedHeader 'x' added"),
                d.summary());
    }

    @Test
    void unifiedDiffHasHunksWithContext() {
        List<CorsRule> many = new ArrayList<>();
        for (int i = 0; i < 6; i++) many.add(new CorsRule("r" + i, List.of("GET"), List.of("https://" + i + ".example"), List.of(), List.of(), null));
        List<CorsRule> changed = new ArrayList<>(many);
        changed.set(0, new CorsRule("r0", List.of("GET", "HEAD"), List.of("https://0.example"), List.of(), List.of(), null));
        changed.set(5, new CorsRule("r5", List.of("GET"), List.of("https://five.example"), List.of(), List.of(), null));
        String u = CorsDiff.diff(new CorsConfiguration(many), new CorsConfiguration(changed)).unified("bucket", "edited");
        assertEquals("""
                --- bucket
                +++ edited
                @@ -2,6 +2,7 @@
                   <CORSRule>
                     <ID>r0</ID>
                     <AllowedMethod>GET</AllowedMethod>
                +    <AllowedMethod>HEAD</AllowedMethod>
                     <AllowedOrigin>https://0.example</AllowedOrigin>
                   </CORSRule>
                   <CORSRule>
                @@ -27,6 +28,6 @@
                   <CORSRule>
                     <ID>r5</ID>
                     <AllowedMethod>GET</AllowedMethod>
                -    <AllowedOrigin>https://5.example</AllowedOrigin>
                +    <AllowedOrigin>https://five.example</AllowedOrigin>
                   </CORSRule>
                 </CORSConfiguration>
                """, u);
    }

    @Test
    void renderGivesSummaryThenUnifiedDiff() {
        String r = CorsDiff.diff(config(ANY), config(ANY, READS)).render("a", "b");
        assertTrue(r.startsWith("rule 2 added: 'reads' GET from https://a.example\n\n--- a\n+++ b\n@@ "), r);
    }
}
