package dev.s3sh.shell.commands;

import dev.s3sh.cors.CorsTemplates;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.s3sh.testing.LocalRgw;
import dev.s3sh.testing.ShellHarness;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** cors check / cors lint on a live bucket of the local RGW: its configuration, none, or no bucket. */
class CorsCheckLintCommandIT {
    static final ObjectMapper JSON = new ObjectMapper();
    static String bucket;
    static ShellHarness shell;

    @BeforeAll
    static void setUp() {
        bucket = LocalRgw.newBucket("corscheck");
        shell = ShellHarness.local();
    }

    @AfterAll
    static void tearDown() {
        if (shell != null) shell.close();
        if (bucket != null) LocalRgw.deleteBucket(bucket);
    }

    JsonNode check(String target, String origin, String method) throws Exception {
        ShellHarness.Result r = shell.run("cors", "check", target, "--origin", origin, "--method", method, "--output", "json");
        assertEquals(0, r.status(), r.toString());
        return JSON.readTree(r.out());
    }

    @Test
    void liveConfigurationNoneAndMissingBucket() throws Exception {
        LocalRgw.store().deleteCors(bucket);
        JsonNode none = check("s3://" + bucket, "http://example.com", "GET");
        assertEquals(403, none.get("status").asInt());
        assertTrue(none.get("rule").isNull());

        LocalRgw.store().putCors(bucket, CorsTemplates.tutorialExample());
        JsonNode put = check("s3://" + bucket, "http://example.com", "PUT");
        assertEquals(false, put.get("allowed").asBoolean());
        assertEquals(1, put.get("rule").asInt());
        JsonNode get = check("s3://" + bucket, "https://www.example.com", "GET");
        assertEquals(true, get.get("allowed").asBoolean());
        assertEquals("https://www.example.com", get.get("headers").get("access-control-allow-origin").asText());

        JsonNode missing = check("s3://" + bucket + "-gone", "http://example.com", "GET");
        assertEquals(404, missing.get("status").asInt());
        assertEquals(false, missing.get("allowed").asBoolean());
    }

    @Test
    void lintReadsTheLiveConfiguration() {
        LocalRgw.store().putCors(bucket, CorsTemplates.tutorialExample());
        ShellHarness.Result r = shell.run("cors", "lint", "s3://" + bucket, "--dialect", "rgw");
        assertEquals(0, r.status(), r.toString());
        assertTrue(r.out().contains("s3://" + bucket + ": rule 2: is never used on RGW"), r.out());
        ShellHarness.Result gone = shell.run("cors", "lint", "s3://" + bucket + "-gone");
        assertEquals(1, gone.status(), gone.toString());
    }
}
