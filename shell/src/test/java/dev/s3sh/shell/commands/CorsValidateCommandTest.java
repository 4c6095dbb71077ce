package dev.s3sh.shell.commands;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.s3sh.config.Profile;
import dev.s3sh.testing.ShellHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code cors validate} in-process; it reads a local file only, so no server is involved. */
class CorsValidateCommandTest {
    @TempDir
    Path dir;

    private static ShellHarness shell(String dialect) {
        return new ShellHarness(new Profile("t", URI.create("http://127.0.0.1:9"), "us-east-1", null, null, null, true, dialect));
    }

    private String file(String name, String content) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, content);
        return p.toString();
    }

    private String resource(String name) throws Exception {
        Path p = dir.resolve(Path.of(name).getFileName());
        try (InputStream in = getClass().getResourceAsStream("/cors/" + name)) {
            Files.write(p, in.readAllBytes());
        }
        return p.toString();
    }

    @Test
    void aValidDocumentExitsZeroWithASummary() throws Exception {
        String f = resource("cors.xml");
        try (ShellHarness sh = shell("rgw")) {
            ShellHarness.Result r = sh.run("cors", "validate", f);
            assertEquals(0, r.status(), r.toString());
            assertEquals(f + ": valid (2 rules, dialect rgw)\n", r.out());
            assertEquals("", r.err());
        }
    }

    @Test
    void jsonShapesValidateToo() throws Exception {
        for (String dialect : List.of("aws", "rgw")) {
            try (ShellHarness sh = shell(dialect)) {
                for (String name : List.of("cors.json", "console.json")) {
                    String f = resource(name);
                    ShellHarness.Result r = sh.run("cors", "validate", f);
                    assertEquals(0, r.status(), r.toString());
                    // the JSON is fine for s3sh, but the file itself is not for the server or s3cmd: one note line says so
                    assertEquals(f + ": note: the document is JSON: s3sh converts it to XML when it pushes it (cors set), but "
                            + (dialect.equals("rgw") ? "RGW" : "the S3 API") + " and s3cmd setcors read only XML: do not hand this file to them directly\n"
                            + f + ": valid (2 rules, dialect " + dialect + ")\n", r.out(), r.toString());
                    JsonNode doc = new ObjectMapper().readTree(sh.run("cors", "validate", f, "-o", "json").out());
                    assertEquals(1, doc.get("notes").size(), doc.toString());
                    assertTrue(doc.get("valid").asBoolean());
                }
            }
        }
    }

    @Test
    void anInvalidDocumentExitsThreeWithOneLocatedLinePerProblem() throws Exception {
        String f = file("bad.xml", """
                <CORSConfiguration>
                  <CORSRule>
                    <AllowedMethod>PATCH</AllowedMethod>
                    <AllowedOrigin>https://*.*.example</AllowedOrigin>
                    <AllowedOrigin> https://ok.example</AllowedOrigin>
                  </CORSRule>
                </CORSConfiguration>
                """);
        try (ShellHarness sh = shell("rgw")) {
            ShellHarness.Result r = sh.run("cors", "validate", f);
            assertEquals(3, r.status(), r.toString());
            assertEquals(List.of(
                    f + " is not a valid CORS document for rgw: 2 errors, 1 warning",
                    f + ":3:5: rule 1: AllowedMethod 'PATCH' is not one of GET, PUT, POST, DELETE, HEAD",
                    f + ":4:5: rule 1: AllowedOrigin 'https://*.*.example' has 2 wildcards (*); S3 allows at most one",
                    f + ":5:5: warning: rule 1: AllowedOrigin ' https://ok.example' has spaces around it; the server stores them "
                            + "and it never matches a browser's Origin: write 'https://ok.example' (s3sh trims it before a push)"),
                    r.err().lines().toList());
            assertEquals("", r.out());
        }
    }

    @Test
    void theDialectOptionOverridesTheSession() throws Exception {
        String f = file("lower.xml", "<CORSConfiguration><CORSRule><AllowedMethod>get</AllowedMethod>"
                + "<AllowedOrigin>*</AllowedOrigin></CORSRule></CORSConfiguration>");
        try (ShellHarness sh = shell("rgw")) {
            ShellHarness.Result rgw = sh.run("cors", "validate", f);
            assertEquals(0, rgw.status(), rgw.toString());
            assertEquals(List.of(f + ":1:30: warning: rule 1: AllowedMethod 'get' is not in capitals; RGW stores it as 'GET'",
                    f + ": valid (1 rule, dialect rgw, 1 warning)"), rgw.out().lines().toList());
            ShellHarness.Result aws = sh.run("cors", "validate", f, "--dialect", "aws");
            assertEquals(3, aws.status(), aws.toString());
            assertTrue(aws.err().contains("must be in capitals on AWS S3"), aws.toString());
        }
        try (ShellHarness sh = shell("aws")) {
            assertEquals(3, sh.run("cors", "validate", f).status());
            assertEquals(0, sh.run("cors", "validate", "--dialect=rgw", f).status());
        }
    }

    @Test
    void jsonOutputIsOneDocumentWithLocatedProblems() throws Exception {
        String f = file("bad.json", "{\"CORSRules\":[{\"AllowedMethods\":[\"PATCH\"],\"AllowedOrigins\":[\"*\"]}]}");
        try (ShellHarness sh = shell("rgw")) {
            ShellHarness.Result r = sh.run("cors", "validate", f, "--output", "json");
            assertEquals(3, r.status(), r.toString());
            assertEquals(1, r.out().lines().count());
            JsonNode doc = new ObjectMapper().readTree(r.out());
            assertFalse(doc.get("valid").asBoolean());
            assertEquals(f, doc.get("file").asText());
            assertEquals("rgw", doc.get("dialect").asText());
            assertEquals("json", doc.get("format").asText());
            JsonNode p = doc.get("problems").get(0);
            assertEquals("error", p.get("severity").asText());
            assertEquals(1, p.get("line").asInt());
            assertEquals(34, p.get("column").asInt());
            assertEquals("$.CORSRules[0].AllowedMethods[0]", p.get("path").asText());
            assertEquals(1, p.get("rule").asInt());
            assertEquals("AllowedMethod", p.get("field").asText());
            assertEquals("AllowedMethod 'PATCH' is not one of GET, PUT, POST, DELETE, HEAD", p.get("message").asText());

            ShellHarness.Result ok = sh.run("cors", "validate", resource("cors.xml"), "-o", "json");
            JsonNode valid = new ObjectMapper().readTree(ok.out());
            assertEquals(0, ok.status());
            assertTrue(valid.get("valid").asBoolean());
            assertEquals(2, valid.get("rules").asInt());
            assertEquals(0, valid.get("problems").size());
            assertEquals(0, valid.get("notes").size(), "an XML document has nothing to note");
        }
    }

    @Test
    void aMissingOrUnreadableFileIsExitOneWithOneSentence() throws Exception {
        try (ShellHarness sh = shell("rgw")) {
            String missing = dir.resolve("nope.xml").toString();
            ShellHarness.Result r = sh.run("cors", "validate", missing);
            assertEquals(1, r.status());
            assertEquals("cannot read " + missing + ": no such file\n", r.err());
            ShellHarness.Result d = sh.run("cors", "validate", dir.toString());
            assertEquals(1, d.status());
            assertEquals("cannot read " + dir + ": is a directory\n", d.err());
            ShellHarness.Result j = sh.run("cors", "validate", missing, "--output", "json");
            assertEquals(1, j.status());
            assertEquals("FileUnreadable", new ObjectMapper().readTree(j.out()).get("error").get("code").asText());
        }
    }

    @Test
    void aHugeFileIsRefusedWithoutReadingIt() throws Exception {
        Path big = dir.resolve("big.xml");
        try (var ch = Files.newByteChannel(big, java.nio.file.StandardOpenOption.CREATE_NEW, java.nio.file.StandardOpenOption.WRITE)) {
            ch.position(10L * 1024 * 1024 - 1);
            ch.write(java.nio.ByteBuffer.wrap(new byte[]{'x'}));
        }
        try (ShellHarness sh = shell("rgw")) {
            ShellHarness.Result r = sh.run("cors", "validate", big.toString());
            assertEquals(3, r.status());
            assertTrue(r.err().contains(big + ": the document is 10485760 bytes; a CORS document may hold at most 65536 bytes (64 KB)"), r.err());
        }
    }

    @Test
    void usageErrors() throws Exception {
        try (ShellHarness sh = shell("rgw")) {
            assertEquals(2, sh.run("cors", "validate").status());
            assertEquals(2, sh.run("cors", "validate", "a", "b").status());
            ShellHarness.Result r = sh.run("cors", "validate", "a", "--dialect", "minio");
            assertEquals(2, r.status());
            assertEquals("--dialect must be one of rgw, rgw-2026, aws, not 'minio'\n", r.err());
        }
    }
}
