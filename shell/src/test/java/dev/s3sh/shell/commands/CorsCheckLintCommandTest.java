package dev.s3sh.shell.commands;

import dev.s3sh.cors.CorsTemplates;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.s3sh.config.Profile;
import dev.s3sh.cors.CorsXml;
import dev.s3sh.testing.ShellHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** cors check and cors lint on local files: the contract of docs/architecture.md (JSON shape, exit statuses). */
class CorsCheckLintCommandTest {
    static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    Path dir;
    Path tutorial;
    ShellHarness shell;

    @BeforeEach
    void setUp() throws Exception {
        tutorial = dir.resolve("cors.xml");
        Files.writeString(tutorial, CorsXml.write(CorsTemplates.tutorialExample()));
        shell = new ShellHarness(new Profile("t", null, null, null, null, null, false, "rgw"));
    }

    @AfterEach
    void tearDown() {
        shell.close();
    }

    ShellHarness.Result run(String... words) {
        return shell.run(words);
    }

    @Test
    void jsonHasExactlyTheContractFields() throws Exception {
        var r = run("cors", "check", "--file", tutorial.toString(), "--origin", "http://example.com", "--method", "PUT", "--output", "json");
        assertEquals(0, r.status(), r.toString());
        JsonNode doc = JSON.readTree(r.out());
        List<String> fields = new ArrayList<>();
        for (Iterator<String> it = doc.fieldNames(); it.hasNext(); ) fields.add(it.next());
        assertEquals(List.of("allowed", "rule", "status", "headers", "reason"), fields);
        assertEquals(false, doc.get("allowed").asBoolean());
        assertEquals(1, doc.get("rule").asInt());
        assertEquals(403, doc.get("status").asInt());
        assertEquals(0, doc.get("headers").size());
        assertEquals(1, r.out().strip().lines().count());
    }

    @Test
    void dialectOptionOverridesTheSessionAndHeadersAreSent() throws Exception {
        var r = run("cors", "check", "--file", tutorial.toString(), "--origin", "http://example.com", "--method", "PUT",
                "--header", "Content-Type", "--header", "Authorization", "--dialect", "aws", "--output", "json");
        JsonNode doc = JSON.readTree(r.out());
        assertTrue(doc.get("allowed").asBoolean(), r.toString());
        assertEquals(2, doc.get("rule").asInt());
        assertEquals("content-type, authorization", doc.get("headers").get("access-control-allow-headers").asText());
    }

    @Test
    void actualAuthorizedRequest() throws Exception {
        Path star = dir.resolve("star.xml");
        Files.writeString(star, "<CORSConfiguration><CORSRule><AllowedMethod>GET</AllowedMethod><AllowedOrigin>*</AllowedOrigin></CORSRule></CORSConfiguration>");
        var anon = JSON.readTree(run("cors", "check", "--file", star.toString(), "--origin", "https://a.test", "--method", "GET", "--actual", "--output", "json").out());
        assertEquals("*", anon.get("headers").get("access-control-allow-origin").asText());
        var signed = JSON.readTree(run("cors", "check", "--file", star.toString(), "--origin", "https://a.test", "--method", "GET", "--actual",
                "--authorized", "--output", "json").out());
        assertEquals("https://a.test", signed.get("headers").get("access-control-allow-origin").asText());
        assertEquals(200, signed.get("status").asInt());
    }

    @Test
    void humanFormShowsVerdictStatusHeadersWhyAndSuggestion() {
        var r = run("cors", "check", "--file", tutorial.toString(), "--origin", "http://example.com", "--method", "PUT");
        assertEquals(0, r.status());
        assertTrue(r.out().startsWith("DENIED (rgw, preflight"), r.out());
        assertTrue(r.out().contains("status:  403 AccessDenied"), r.out());
        assertTrue(r.out().contains("headers: none"), r.out());
        assertTrue(r.out().contains("suggestion: add <AllowedMethod>PUT</AllowedMethod> to rule 1"), r.out());
        var ok = run("cors", "check", "--file", tutorial.toString(), "--origin", "http://example.com", "--method", "GET");
        assertTrue(ok.out().startsWith("ALLOWED by rule 1"), ok.out());
        assertTrue(ok.out().contains("  access-control-allow-origin: http://example.com"), ok.out());
    }

    @Test
    void usageErrors() {
        String f = tutorial.toString();
        assertEquals(2, run("cors", "check", "--origin", "o", "--method", "GET").status());
        assertEquals(2, run("cors", "check", "--file", f, "s3://b", "--origin", "o", "--method", "GET").status());
        assertEquals(2, run("cors", "check", "--file", f, "--method", "GET").status());
        assertEquals(2, run("cors", "check", "--file", f, "--origin", "o").status());
        assertEquals(2, run("cors", "check", "--file", f, "--origin", "o", "--method", "GET", "--authorized").status());
        assertEquals(2, run("cors", "check", "--file", f, "--origin", "o", "--method", "GET", "--dialect", "gcs").status());
        assertEquals(2, run("cors", "lint").status());
    }

    @Test
    void invalidDocumentIsExit3WithLocatedProblems() throws Exception {
        Path bad = dir.resolve("bad.xml");
        Files.writeString(bad, "<CORSConfiguration><CORSRule>\n");
        var check = run("cors", "check", "--file", bad.toString(), "--origin", "o", "--method", "GET");
        assertEquals(3, check.status(), check.toString());
        assertTrue(check.err().contains(bad.toString()), check.err());
        assertEquals(3, run("cors", "lint", bad.toString()).status());
    }

    @Test
    void lintPrintsOneWarningALineAndExitsZero() throws Exception {
        var r = run("cors", "lint", tutorial.toString());
        assertEquals(0, r.status(), r.toString());
        List<String> lines = r.out().lines().toList();
        assertTrue(lines.stream().allMatch(l -> l.startsWith(tutorial + ": rule ")), r.out());
        assertTrue(lines.contains(tutorial + ": rule 2: is never used on RGW before the 2026 change: rule 1 matches the same origins first "
                + "and RGW before the change (origin-first) only tries the first rule whose origin matches, so the PUT preflight from "
                + "http://example.com is denied there although RGW after the change (full-match, Ceph PR #69190) and AWS allow it "
                + "(36 such requests); merge the two rules into one, or give them origins that do not overlap"), r.out());
        JsonNode doc = JSON.readTree(run("cors", "lint", tutorial.toString(), "--output", "json").out());
        assertEquals(lines.size(), doc.get("warnings").size());
        JsonNode first = doc.get("warnings").get(0);
        assertEquals(List.of("rule", "message", "severity"), iterable(first));
        JsonNode aws = JSON.readTree(run("cors", "lint", tutorial.toString(), "--dialect", "aws", "--output", "json").out());
        assertEquals(lines.size() - 1, aws.get("warnings").size(), "the RGW trap is not a warning for AWS");
    }

    private static List<String> iterable(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
