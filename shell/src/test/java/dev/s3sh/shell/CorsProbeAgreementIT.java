package dev.s3sh.shell;

import dev.s3sh.cors.CorsTemplates;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.s3sh.testing.LocalRgw;
import dev.s3sh.testing.ShellHarness;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code cors probe} against the real RGW: it agrees with the evaluator, and says so when it does not. */
class CorsProbeAgreementIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static String bucket;
    private static ShellHarness sh;

    @BeforeAll
    static void setUp() {
        bucket = LocalRgw.newBucket("probe");
        LocalRgw.store().putObject(bucket, "index.html", "<p>hi</p>".getBytes(), "text/html");
        LocalRgw.store().putCors(bucket, CorsTemplates.tutorialExample());
        sh = ShellHarness.local();
    }

    @AfterAll
    static void tearDown() {
        sh.close();
        LocalRgw.deleteBucket(bucket);
    }

    private JsonNode probe(String target, String... more) throws Exception {
        List<String> words = new ArrayList<>(List.of("cors", "probe", target));
        words.addAll(List.of(more));
        words.addAll(List.of("--output", "json"));
        ShellHarness.Result r = sh.run(words);
        JsonNode doc = JSON.readTree(r.out());
        assertEquals(doc.get("agree").asBoolean() ? 0 : 1, r.status(), r.toString());
        return doc;
    }

    @Test
    void probeAndEvaluatorAgreeOnTheTutorialsRules() throws Exception {
        String b = "s3://" + bucket;
        String[][] cases = {
                {b, "--origin", "https://example.com", "--method", "GET"},
                {b, "--origin", "https://www.example.com", "--method", "HEAD", "--header", "Authorization"},
                {b, "--origin", "http://example.com", "--method", "PUT"},
                {b, "--origin", "https://app.example.com", "--method", "DELETE", "--header", "Content-Type"},
                {b, "--origin", "https://evil.test", "--method", "GET"},
                {b, "--origin", "https://example.com", "--method", "GET", "--header", "X-Custom"},
                {b + "/index.html", "--origin", "https://example.com", "--method", "GET", "--actual"},
                {b + "/index.html", "--origin", "https://example.com", "--method", "GET", "--actual", "--authorized"},
                {b + "/index.html", "--origin", "https://evil.test", "--method", "HEAD", "--actual"},
        };
        int allowed = 0;
        for (String[] c : cases) {
            JsonNode doc = probe(c[0], java.util.Arrays.copyOfRange(c, 1, c.length));
            assertTrue(doc.get("agree").asBoolean(), String.join(" ", c) + " → " + doc);
            if (doc.get("predicted").get("allowed").asBoolean()) allowed++;
        }
        assertTrue(allowed >= 3 && allowed <= cases.length - 3, "the cases mix allowed and denied requests: " + allowed);
    }

    @Test
    void evaluatingWithTheOtherDialectIsReportedAsADisagreement() throws Exception {
        // AWS would try rule 2 for PUT; RGW stops at rule 1, whose origins match first, and refuses
        JsonNode doc = probe("s3://" + bucket, "--origin", "http://example.com", "--method", "PUT", "--dialect", "aws");
        assertFalse(doc.get("agree").asBoolean(), doc.toString());
        assertEquals(200, doc.get("predicted").get("status").asInt());
        assertEquals(403, doc.get("server").get("status").asInt());
        assertTrue(doc.get("differences").get(0).asText().startsWith("status: predicted 200, server 403"), doc.toString());
        ShellHarness.Result text = sh.run("cors", "probe", "s3://" + bucket, "--origin", "http://example.com", "--method", "PUT", "--dialect", "aws");
        assertEquals(1, text.status());
        assertTrue(text.out().contains("DISAGREE: status: predicted 200, server 403"), text.toString());
    }
}
