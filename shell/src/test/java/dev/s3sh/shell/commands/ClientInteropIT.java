package dev.s3sh.shell.commands;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.s3sh.cors.CorsConfiguration;
import dev.s3sh.cors.CorsParser;
import dev.s3sh.cors.CorsRule;
import dev.s3sh.cors.CorsXml;
import dev.s3sh.testing.LocalRgw;
import dev.s3sh.testing.ShellHarness;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Interop with the tools users keep using, on the local RGW: a configuration pushed by s3sh reads back
 * with the same structure through {@code s3cmd info} and {@code aws s3api get-bucket-cors}; one set by
 * {@code s3cmd setcors} or {@code aws s3api put-bucket-cors} is shown ({@code info}), checked
 * ({@code cors check}) and linted ({@code cors lint}) by s3sh exactly as the document it came from.
 * Structure, not bytes: RGW reorders methods, sorts origins and headers (docs/rgw-cors-semantics.md, "stored form").
 */
class ClientInteropIT {
    static final ObjectMapper JSON = new ObjectMapper();
    static final List<String> METHOD_ORDER = List.of("GET", "PUT", "DELETE", "HEAD", "POST");
    static Path dir;
    static Path s3cfg;
    static ShellHarness shell;
    static final List<String> buckets = new ArrayList<>();

    /** The AWS CLI JSON form (what put-bucket-cors takes and get-bucket-cors prints). */
    static final String AWS_JSON = """
            {"CORSRules": [
              {"ID": "uploads", "AllowedMethods": ["PUT", "POST", "PUT"], "AllowedOrigins": ["https://b.example.com", "https://a.example.com"],
               "AllowedHeaders": ["x-amz-meta-*", "Content-Type", "Authorization"], "ExposeHeaders": ["ETag", "x-amz-request-id"],
               "MaxAgeSeconds": 600},
              {"AllowedMethods": ["GET", "HEAD"], "AllowedOrigins": ["*"], "ExposeHeaders": ["*"]}
            ]}
            """;

    /** The s3cmd XML form (what setcors takes): no namespace, the Linode tutorial's shape. */
    static final String S3CMD_XML = """
            <CORSConfiguration>
              <CORSRule>
                <AllowedOrigin>https://example.com</AllowedOrigin>
                <AllowedOrigin>http://*.example.com</AllowedOrigin>
                <AllowedMethod>GET</AllowedMethod>
                <AllowedMethod>HEAD</AllowedMethod>
                <AllowedHeader>Authorization</AllowedHeader>
                <MaxAgeSeconds>3000</MaxAgeSeconds>
                <ExposeHeader>Access-Control-Allow-Origin</ExposeHeader>
              </CORSRule>
              <CORSRule>
                <ID>writers</ID>
                <AllowedOrigin>https://example.com</AllowedOrigin>
                <AllowedMethod>DELETE</AllowedMethod>
                <AllowedMethod>PUT</AllowedMethod>
                <AllowedHeader>Content-*</AllowedHeader>
                <AllowedHeader>Authorization</AllowedHeader>
                <ExposeHeader>ETag</ExposeHeader>
              </CORSRule>
            </CORSConfiguration>
            """;

    @BeforeAll
    static void setUp() throws Exception {
        dir = Files.createTempDirectory("s3sh-interop");
        s3cfg = dir.resolve("s3cfg");
        URI endpoint = URI.create(LocalRgw.endpoint());
        String hostPort = endpoint.getHost() + ":" + endpoint.getPort();
        Files.createFile(s3cfg, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(s3cfg, "[default]\naccess_key = " + LocalRgw.accessKey() + "\nsecret_key = " + LocalRgw.secretKey()
                + "\nhost_base = " + hostPort + "\nhost_bucket = " + hostPort + "\nuse_https = False\nbucket_location = us-east-1\n");
        shell = ShellHarness.local();
    }

    @AfterAll
    static void tearDown() throws Exception {
        if (shell != null) shell.close();
        buckets.forEach(LocalRgw::deleteBucket);
        if (dir != null) {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    static String bucket(String purpose) {
        String b = LocalRgw.newBucket(purpose);
        buckets.add(b);
        return b;
    }

    // ---------------------------------------------------------------- s3sh → s3cmd, aws

    @Test
    void aConfigurationPushedByS3shReadsBackIdenticallyThroughS3cmdAndTheAwsCli() throws Exception {
        String bucket = bucket("interop-push");
        CorsConfiguration pushed = new CorsConfiguration(List.of(
                new CorsRule("app", List.of("PUT", "GET", "GET"), List.of("https://z.example.com", "https://a.example.com", "https://a.example.com"),
                        List.of("x-amz-*", "Content-Type", "Authorization"), List.of("x-amz-request-id", "ETag"), 1200),
                new CorsRule(null, List.of("HEAD", "GET"), List.of("*"), List.of(), List.of("*"), null),
                new CorsRule("no-headers", List.of("DELETE"), List.of("http://*.example.org"), List.of(), List.of(), 0)));
        Path file = dir.resolve("pushed.xml");
        Files.writeString(file, CorsXml.write(pushed));
        ShellHarness.Result set = shell.run("cors", "set", file.toString(), "s3://" + bucket, "--yes");
        assertEquals(0, set.status(), set.toString());

        CorsConfiguration viaS3cmd = s3cmdCors(bucket);
        CorsConfiguration viaAws = fromAwsJson(run(List.of("aws", "s3api", "get-bucket-cors", "--bucket", bucket,
                "--endpoint-url", LocalRgw.endpoint(), "--output", "json")));
        CorsConfiguration viaS3sh = s3shInfoCors(bucket);
        assertEquals(stored(pushed), stored(s3shShow(bucket)), "cors show shows what it pushed");
        assertEquals(stored(pushed), stored(viaS3cmd), "s3cmd info shows what s3sh pushed");
        assertEquals(stored(pushed), stored(viaAws), "aws s3api get-bucket-cors shows what s3sh pushed");
        assertEquals(stored(pushed), stored(viaS3sh), "s3sh info shows what it pushed");
        assertEquals(3, viaAws.rules().size());
        assertEquals("app", viaAws.rules().get(0).id());
        assertEquals(Integer.valueOf(0), viaS3cmd.rules().get(2).maxAgeSeconds(), "MaxAgeSeconds 0 survives");
    }

    // ---------------------------------------------------------------- s3cmd, aws → s3sh

    @Test
    void aConfigurationSetByS3cmdIsShownCheckedAndLintedByS3sh() throws Exception {
        String bucket = bucket("interop-s3cmd");
        Path xml = dir.resolve("cors.xml");
        Files.writeString(xml, S3CMD_XML);
        run(List.of("s3cmd", "-c", s3cfg.toString(), "setcors", xml.toString(), "s3://" + bucket));

        CorsConfiguration fromFile = CorsParser.parse(S3CMD_XML, "cors.xml");
        assertEquals(stored(fromFile), stored(s3shInfoCors(bucket)), "info shows what s3cmd set");
        assertEquals(stored(fromFile), stored(s3cmdCors(bucket)), "s3cmd reads back what it set");
        assertEquals(stored(fromFile), stored(s3shShow(bucket)), "cors show shows what s3cmd set");
        assertNoDifferences(xml, bucket);
        assertChecksAgree(bucket, xml);
        assertLintAgrees(bucket, xml, fromFile);
        editAddsAnOrigin(bucket);
    }

    @Test
    void aConfigurationSetByTheAwsCliIsShownCheckedAndLintedByS3sh() throws Exception {
        String bucket = bucket("interop-aws");
        Path json = dir.resolve("cors.json");
        Files.writeString(json, AWS_JSON);
        run(List.of("aws", "s3api", "put-bucket-cors", "--bucket", bucket, "--cors-configuration", "file://" + json,
                "--endpoint-url", LocalRgw.endpoint()));

        CorsConfiguration fromFile = CorsParser.parse(AWS_JSON, "cors.json");
        assertEquals(stored(fromFile), stored(s3shInfoCors(bucket)), "info shows what the AWS CLI set");
        assertEquals(stored(fromFile), stored(s3shShow(bucket)), "cors show shows what the AWS CLI set");
        assertNoDifferences(json, bucket);
        assertChecksAgree(bucket, json);
        assertLintAgrees(bucket, json, fromFile);
        editAddsAnOrigin(bucket);
    }

    @Test
    void theS3cmdXmlFormAndTheAwsJsonFormDescribeTheSameRulesOnceStored() throws Exception {
        // the same rules in both forms, each pushed with its own tool, read back identically by s3sh
        String viaS3cmd = bucket("interop-form-xml");
        String viaAws = bucket("interop-form-json");
        Path xml = dir.resolve("same.xml");
        Path json = dir.resolve("same.json");
        CorsConfiguration rules = CorsParser.parse(AWS_JSON, "same.json");
        Files.writeString(xml, CorsXml.write(rules));
        Files.writeString(json, AWS_JSON);
        run(List.of("s3cmd", "-c", s3cfg.toString(), "setcors", xml.toString(), "s3://" + viaS3cmd));
        run(List.of("aws", "s3api", "put-bucket-cors", "--bucket", viaAws, "--cors-configuration", "file://" + json,
                "--endpoint-url", LocalRgw.endpoint()));
        assertEquals(stored(s3shInfoCors(viaS3cmd)), stored(s3shInfoCors(viaAws)));
        assertEquals(stored(CorsParser.parse(Files.readString(xml), "same.xml")), stored(s3shInfoCors(viaAws)), "the XML form loads in s3sh");
        // and both forms load with cors set, to the same stored rules
        String fromXml = bucket("interop-set-xml");
        String fromJson = bucket("interop-set-json");
        assertEquals(0, shell.run("cors", "set", xml.toString(), "s3://" + fromXml, "--yes").status());
        assertEquals(0, shell.run("cors", "set", json.toString(), "s3://" + fromJson, "--yes").status());
        assertEquals(stored(s3cmdCors(viaS3cmd)), stored(s3cmdCors(fromXml)), "cors set of the s3cmd XML form");
        assertEquals(stored(s3cmdCors(viaS3cmd)), stored(s3cmdCors(fromJson)), "cors set of the AWS CLI JSON form");
    }

    /** cors diff sees no change between a document and the bucket it was pushed to, however RGW reordered it. */
    static void assertNoDifferences(Path file, String bucket) {
        ShellHarness.Result diff = shell.run("cors", "diff", file.toString(), "s3://" + bucket);
        assertEquals(0, diff.status(), diff.toString());
        assertTrue(diff.out().startsWith("no differences"), diff.out());
    }

    /** cors edit through a scripted editor: another tool's configuration, changed by s3sh, read back by s3cmd. */
    static void editAddsAnOrigin(String bucket) throws Exception {
        CorsConfiguration before = s3cmdCors(bucket);
        shell.editor(f -> Files.writeString(f, Files.readString(f).replaceFirst("<AllowedOrigin>",
                "<AllowedOrigin>https://added.example.net</AllowedOrigin><AllowedOrigin>")));
        try {
            ShellHarness.Result edit = shell.run("cors", "edit", "s3://" + bucket, "--yes");
            assertEquals(0, edit.status(), edit.toString());
        } finally {
            shell.editor(f -> {
                throw new IllegalStateException("no editor in this test");
            });
        }
        CorsConfiguration after = s3cmdCors(bucket);
        assertTrue(after.rules().get(0).allowedOrigins().contains("https://added.example.net"), after.toString());
        assertEquals(before.rules().size(), after.rules().size());
    }

    @Test
    void storedFormComparisonIsNotTrivial() {
        CorsConfiguration a = new CorsConfiguration(List.of(new CorsRule(null, List.of("PUT", "GET"), List.of("b", "a"), List.of(), List.of("x", "y"), null)));
        CorsConfiguration sameStored = new CorsConfiguration(List.of(new CorsRule(null, List.of("GET", "PUT"), List.of("a", "b"), List.of(), List.of("x", "y"), null)));
        CorsConfiguration exposeReordered = new CorsConfiguration(List.of(new CorsRule(null, List.of("GET", "PUT"), List.of("a", "b"), List.of(), List.of("y", "x"), null)));
        assertEquals(stored(a), stored(sameStored));
        assertNotEquals(stored(a), stored(exposeReordered), "RGW keeps ExposeHeader order");
    }

    /** cors check on the bucket answers exactly as cors check on the file it came from. */
    static void assertChecksAgree(String bucket, Path file) throws Exception {
        List<List<String>> requests = List.of(
                List.of("--origin", "https://example.com", "--method", "GET"),
                List.of("--origin", "https://example.com", "--method", "PUT", "--header", "Content-Type"),
                List.of("--origin", "https://a.example.com", "--method", "PUT", "--header", "x-amz-meta-owner"),
                List.of("--origin", "https://a.example.com", "--method", "DELETE"),
                List.of("--origin", "http://www.example.com", "--method", "HEAD", "--actual"),
                List.of("--origin", "https://evil.example.net", "--method", "GET", "--actual"));
        int allowed = 0;
        for (List<String> request : requests) {
            JsonNode live = checkJson("s3://" + bucket, request);
            JsonNode local = checkJson("--file=" + file, request);
            assertEquals(local, live, "cors check " + request);
            if (live.get("allowed").asBoolean()) allowed++;
        }
        assertTrue(allowed > 0 && allowed < requests.size(), "the requests include allowed and denied ones: " + allowed);
    }

    static JsonNode checkJson(String source, List<String> request) throws Exception {
        List<String> words = new ArrayList<>(List.of("cors", "check"));
        if (source.startsWith("--file=")) {
            words.add("--file");
            words.add(source.substring(7));
        } else {
            words.add(source);
        }
        words.addAll(request);
        words.addAll(List.of("--dialect", "rgw", "--output", "json"));
        ShellHarness.Result r = shell.run(words);
        assertEquals(0, r.status(), r.toString());
        return JSON.readTree(r.out());
    }

    /**
     * cors lint on the bucket finds the same problems, rule by rule, as cors lint on the file it came from, and
     * says it in the same words as for a file holding the stored form (RGW reorders methods and origins).
     */
    static void assertLintAgrees(String bucket, Path file, CorsConfiguration original) throws Exception {
        ShellHarness.Result live = shell.run("cors", "lint", "s3://" + bucket, "--dialect", "rgw");
        ShellHarness.Result local = shell.run("cors", "lint", file.toString(), "--dialect", "rgw");
        assertEquals(local.status(), live.status(), live + "\n" + local);
        assertEquals(findings(local.out(), file.toString()), findings(live.out(), "s3://" + bucket));
        assertTrue(!findings(live.out(), "s3://" + bucket).isEmpty(), "the documents have something to lint: " + live);
        Path storedFile = dir.resolve("stored-" + file.getFileName());
        Files.writeString(storedFile, CorsXml.write(stored(original)));
        ShellHarness.Result storedLint = shell.run("cors", "lint", storedFile.toString(), "--dialect", "rgw");
        assertEquals(storedLint.out().replace(storedFile.toString(), "SOURCE"), live.out().replace("s3://" + bucket, "SOURCE"));
    }

    /** "rule N: first words" of each lint line: which rule and what kind of finding. */
    static List<String> findings(String lintOutput, String label) {
        List<String> out = new ArrayList<>();
        for (String line : lintOutput.split("\n")) {
            if (!line.startsWith(label + ": ")) continue;
            String[] words = line.substring(label.length() + 2).split(" ");
            out.add(String.join(" ", List.of(words).subList(0, Math.min(4, words.length))).replaceAll("[A-Z]{3,}.*", ""));
        }
        return out;
    }

    // ---------------------------------------------------------------- reading each tool's output

    /** The CORS document {@code s3cmd info} prints on its "CORS:" line. */
    static CorsConfiguration s3cmdCors(String bucket) throws Exception {
        String out = run(List.of("s3cmd", "-c", s3cfg.toString(), "info", "s3://" + bucket));
        for (String line : out.split("\n")) {
            String t = line.strip();
            if (t.startsWith("CORS:")) return CorsParser.parse(t.substring(5).strip(), "s3cmd info");
        }
        throw new AssertionError("s3cmd info printed no CORS line:\n" + out);
    }

    /** The CORS document {@code info s3://BUCKET --output json} shows. */
    static CorsConfiguration s3shInfoCors(String bucket) throws Exception {
        ShellHarness.Result r = shell.run("info", "s3://" + bucket, "--output", "json");
        assertEquals(0, r.status(), r.toString());
        JsonNode cors = JSON.readTree(r.out()).get("cors");
        assertTrue(cors != null && cors.isTextual(), "info shows a CORS document: " + r.out());
        return CorsParser.parse(cors.asText(), "info");
    }

    /** What {@code cors show s3://BUCKET} prints (indented XML). */
    static CorsConfiguration s3shShow(String bucket) throws Exception {
        ShellHarness.Result r = shell.run("cors", "show", "s3://" + bucket);
        assertEquals(0, r.status(), r.toString());
        return CorsParser.parse(r.out(), "cors show");
    }

    /** Reads the AWS CLI JSON form ({@code {"CORSRules": [...]}}) independently of s3sh's parser. */
    static CorsConfiguration fromAwsJson(String text) throws Exception {
        List<CorsRule> rules = new ArrayList<>();
        for (JsonNode r : JSON.readTree(text).get("CORSRules")) {
            rules.add(new CorsRule(r.has("ID") ? r.get("ID").asText() : null, strings(r, "AllowedMethods"), strings(r, "AllowedOrigins"),
                    strings(r, "AllowedHeaders"), strings(r, "ExposeHeaders"), r.has("MaxAgeSeconds") ? r.get("MaxAgeSeconds").asInt() : null));
        }
        return new CorsConfiguration(rules);
    }

    static List<String> strings(JsonNode rule, String field) {
        List<String> out = new ArrayList<>();
        if (rule.has(field)) rule.get(field).forEach(v -> out.add(v.asText()));
        return out;
    }

    /**
     * A configuration as RGW stores it (docs/rgw-cors-semantics.md): methods deduplicated in GET, PUT, DELETE, HEAD, POST order,
     * origins sorted and deduplicated, headers byte-sorted, expose headers as given. Two configurations with the
     * same stored form are the same to the server.
     */
    static CorsConfiguration stored(CorsConfiguration c) {
        List<CorsRule> rules = new ArrayList<>();
        for (CorsRule r : c.rules()) {
            List<String> methods = new ArrayList<>(new LinkedHashSet<>(r.allowedMethods()));
            methods.sort(java.util.Comparator.comparingInt(METHOD_ORDER::indexOf));
            rules.add(new CorsRule(r.id(), methods, List.copyOf(new TreeSet<>(r.allowedOrigins())),
                    r.allowedHeaders().stream().sorted().toList(), r.exposeHeaders(), r.maxAgeSeconds()));
        }
        return new CorsConfiguration(rules);
    }

    /** Runs a client with the local RGW's keys in its environment; returns stdout, fails on a non-zero exit. */
    static String run(List<String> command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(false);
        pb.environment().clear();
        pb.environment().putAll(LocalRgw.childEnv());
        Process p = pb.start();
        p.getOutputStream().close();
        var err = new java.io.ByteArrayOutputStream();
        Thread drain = new Thread(() -> {
            try {
                p.getErrorStream().transferTo(err);
            } catch (java.io.IOException ignored) {
                // the exit status tells
            }
        });
        drain.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(command.get(0) + " did not finish");
        }
        drain.join();
        assertEquals(0, p.exitValue(), String.join(" ", command.subList(0, Math.min(3, command.size()))) + " failed: "
                + err.toString(StandardCharsets.UTF_8) + out);
        return out;
    }
}
