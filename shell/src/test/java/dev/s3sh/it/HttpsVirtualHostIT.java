package dev.s3sh.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.s3sh.config.LinodeClusters;
import dev.s3sh.testing.LocalRgw;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The path Linode users take, against the local RGW: HTTPS with a private CA, every bucket its own
 * host name ({@code https://BUCKET.s3.example.test:PORT}). s3sh runs as a child process through the
 * launcher, as users run it, with the JVM resolving the test names from a hosts file
 * ({@code -Djdk.net.hosts.file}, through JDK_JAVA_OPTIONS); curl opens signed URLs with
 * {@code --resolve} and {@code --cacert}. The CA comes from {@code --ca-bundle}, from a
 * {@code ~/.s3cfg} written as Linode's guide writes it, and with a {@code --cluster} profile. What s3sh
 * did is checked on the server over the plain HTTP endpoint, so nothing is taken on s3sh's word.
 * This environment exports AWS_CA_BUNDLE and friends for the system CAs: the children run without them.
 */
class HttpsVirtualHostIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ORIGIN = "https://app.example.test";
    private static final String RULES = """
            <CORSConfiguration>
              <CORSRule>
                <AllowedOrigin>https://app.example.test</AllowedOrigin>
                <AllowedMethod>GET</AllowedMethod>
                <AllowedMethod>PUT</AllowedMethod>
                <AllowedHeader>*</AllowedHeader>
                <ExposeHeader>ETag</ExposeHeader>
                <MaxAgeSeconds>600</MaxAgeSeconds>
              </CORSRule>
            </CORSConfiguration>
            """;

    @TempDir
    static Path dir;
    static String flags, s3cfg, cluster;
    static Path hosts, rules;

    @BeforeAll
    static void setUp() throws IOException {
        flags = LocalRgw.newBucket("https-flags");
        s3cfg = LocalRgw.newBucket("https-s3cfg");
        cluster = LocalRgw.newBucket("https-cluster");
        for (String b : List.of(flags, s3cfg, cluster)) {
            LocalRgw.store().putObject(b, "docs/hello.txt", "hello over https\n".getBytes(StandardCharsets.UTF_8), "text/plain");
        }
        hosts = LocalRgw.writeHostsFile(dir.resolve("hosts"), flags, s3cfg, cluster);
        rules = Files.writeString(dir.resolve("rules.xml"), RULES);
    }

    @AfterAll
    static void tearDown() {
        for (String b : new String[]{flags, s3cfg, cluster}) if (b != null) LocalRgw.deleteBucket(b);
    }

    // ---------------------------------------------------------------------------------------------

    @Test
    void caBundleFlagCarriesEveryFlowOverVirtualHostedHttps() throws Exception {
        Map<String, String> env = env("flags");
        List<String> g = List.of("--endpoint", LocalRgw.httpsEndpoint(), "--ca-bundle", LocalRgw.caFile().toString());

        assertTrue(lines(ok(s3sh(env, g, "ls")).out()).stream().anyMatch(l -> l.contains(flags)), "ls lists the bucket");

        // cd carries over inside one session (script mode reads the lines one by one)
        Run session = ok(s3sh(env, g, "cd s3://" + flags + "/docs/\nls\npwd\ninfo\n"));
        assertTrue(session.out().contains("hello.txt"), session.toString());
        assertTrue(session.out().contains("s3://" + flags + "/docs/"), session.toString());
        assertTrue(session.out().contains("s3://" + flags + "/ (bucket):") && session.out().contains("CORS:      none"), session.toString());

        // put and get, each object seen on the server over the plain endpoint
        Path local = Files.writeString(dir.resolve("flags-up.txt"), "uploaded through https://" + flags + "." + LocalRgw.dnsName() + "\n");
        ok(s3sh(env, g, "put", local.toString(), "s3://" + flags + "/up/data.txt"));
        assertEquals(Files.readString(local), new String(LocalRgw.store().getObject(flags, "up/data.txt"), StandardCharsets.UTF_8));
        Path back = dir.resolve("flags-back.txt");
        ok(s3sh(env, g, "get", "s3://" + flags + "/up/data.txt", back.toString()));
        assertEquals(Files.readString(local), Files.readString(back));

        // Tab completion goes the same way
        Run completion = ok(launch(env, withGlobal(g, "__complete", "cat", "s3://" + flags + "/up/"), null));
        assertTrue(completion.out().contains("data.txt"), completion.toString());

        corsRoundTrip(env, g, flags);
    }

    @Test
    void aMultipartObjectComesBackInSignedRangesOverVirtualHostedHttps() throws Exception {
        // stat and every range go through s3sh's own signed requests (DirectGet), not the SDK's
        // client: the same host, trust and signature as its other requests
        Map<String, String> env = env("ranges");
        List<String> g = List.of("--endpoint", LocalRgw.httpsEndpoint(), "--ca-bundle", LocalRgw.caFile().toString());
        Path local = ItSupport.randomFile(dir, "ranges-up.bin", 12L << 20, 11);
        LocalRgw.store().putObject(flags, "ranges/plain.bin", Files.readAllBytes(local), "application/octet-stream");
        ok(s3sh(env, g, "put", "--part-size", "5M", "--multipart-threshold", "5M", local.toString(), "s3://" + flags + "/ranges/parts.bin"));
        Path back = dir.resolve("ranges-back.bin");
        Run parts = ok(s3sh(env, g, "get", "--part-size", "5M", "--multipart-threshold", "5M",
                "s3://" + flags + "/ranges/parts.bin", back.toString()));
        assertTrue(parts.out().contains("MD5 of each of the 3 parts"), parts.toString());
        assertEquals(ItSupport.md5(local), ItSupport.md5(back));
        Run plain = ok(s3sh(env, g, "get", "--part-size", "5M", "--multipart-threshold", "5M",
                "s3://" + flags + "/ranges/plain.bin", back.toString()));
        assertTrue(plain.out().contains("MD5 of the whole object matches the ETag"), plain.toString());
        assertEquals(ItSupport.md5(local), ItSupport.md5(back));
    }

    @Test
    void s3cfgWrittenAsLinodesGuideSaysWorksWithItsCaCertsFile() throws Exception {
        Path home = Files.createDirectories(dir.resolve("s3cfg-home"));
        Path file = home.resolve(".s3cfg");
        Files.writeString(file, linodeGuideS3cfg(true));
        Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        Map<String, String> env = env("s3cfg");
        env.put("HOME", home.toString());
        env.remove("AWS_ACCESS_KEY_ID");       // the keys come from ~/.s3cfg, as for an s3cmd user
        env.remove("AWS_SECRET_ACCESS_KEY");
        List<String> g = List.of();

        Run show = ok(s3sh(env, g, "profile", "show"));
        assertTrue(show.out().lines().anyMatch(l -> l.contains("CA bundle:") && l.contains(LocalRgw.caFile().toString())
                && l.contains("from ~/.s3cfg line 8")), show.toString());
        assertTrue(show.out().contains("no (virtual-host)"), show.toString());
        assertTrue(lines(ok(s3sh(env, g, "ls")).out()).stream().anyMatch(l -> l.contains(s3cfg)), "ls lists the bucket");
        Run session = ok(s3sh(env, g, "cd s3://" + s3cfg + "/\nls docs/\ninfo\n"));
        assertTrue(session.out().contains("hello.txt") && session.out().contains("(bucket):"), session.toString());
        Path local = Files.writeString(dir.resolve("s3cfg-up.txt"), "from an s3cmd configuration\n");
        ok(s3sh(env, g, "put", local.toString(), "s3://" + s3cfg + "/up/data.txt"));
        Path back = dir.resolve("s3cfg-back.txt");
        ok(s3sh(env, g, "get", "s3://" + s3cfg + "/up/data.txt", back.toString()));
        assertEquals(Files.readString(local), Files.readString(back));

        corsRoundTrip(env, g, s3cfg);

        // without ca_certs_file the private CA is not trusted: the probe says so as ls does, each
        // naming the bucket's own host, which is where the request went
        Files.writeString(file, linodeGuideS3cfg(false));
        for (List<String> command : List.of(List.of("ls", "s3://" + s3cfg + "/"), List.of("cors", "probe", "s3://" + s3cfg + "/up/data.txt",
                "--origin", ORIGIN, "--method", "GET"))) {
            Run refused = s3sh(env, g, command.toArray(String[]::new));
            assertEquals(1, refused.status(), refused.toString());
            String said = refused.errWithoutJvmNote();
            assertTrue(said.contains("cannot verify the TLS certificate of https://" + LocalRgw.bucketHost(s3cfg) + ":"
                    + LocalRgw.httpsPort() + ": "), said);
            assertTrue(said.contains("--ca-bundle"), said);
            assertEquals(1, said.strip().lines().count(), said);
        }
    }

    @Test
    void clusterProfileReachesTheServerAsAVirtualHostedRgw() throws Exception {
        Map<String, String> env = env("cluster", "-D" + LinodeClusters.TEST_ENDPOINT_PROPERTY + "=" + LocalRgw.httpsEndpoint());
        List<String> g = List.of("--cluster", "us-east-1", "--ca-bundle", LocalRgw.caFile().toString());

        Run show = ok(s3sh(env, g, "profile", "show"));
        assertTrue(show.out().contains("us-east-1") && show.out().contains("virtual-host"), show.toString());
        assertFalse(show.errWithoutJvmNote().contains("warning"), show.toString());
        Run session = ok(s3sh(env, g, "ls\ncd s3://" + cluster + "/docs/\nls\ninfo\n"));
        assertTrue(session.out().contains(cluster) && session.out().contains("hello.txt") && session.out().contains("(bucket):"),
                session.toString());
        Path local = Files.writeString(dir.resolve("cluster-up.txt"), "through a cluster profile\n");
        ok(s3sh(env, g, "put", local.toString(), "s3://" + cluster + "/up/data.txt"));
        Path back = dir.resolve("cluster-back.txt");
        ok(s3sh(env, g, "get", "s3://" + cluster + "/up/data.txt", back.toString()));
        assertEquals(Files.readString(local), Files.readString(back));

        corsRoundTrip(env, g, cluster);

        // a region s3sh does not know yet is used as given, with a warning (RGW takes any signing region)
        Run newer = ok(s3sh(env, List.of("--cluster", "no-osl-1", "--ca-bundle", LocalRgw.caFile().toString()),
                "ls", "s3://" + cluster + "/docs/"));
        assertTrue(newer.out().contains("hello.txt"), newer.toString());
        assertTrue(newer.errWithoutJvmNote().contains("warning: cluster 'no-osl-1' (--cluster) is not on s3sh's list of Linode clusters"),
                newer.toString());
    }

    // ---------------------------------------------------------------------------------------------

    /** cors set/show/check/probe/edit/undo/rm and signurl (opened with curl), checked on the server. */
    private void corsRoundTrip(Map<String, String> env, List<String> g, String bucket) throws Exception {
        String path = "s3://" + bucket + "/up/data.txt";
        ok(s3sh(env, g, "cors", "set", rules.toString(), "s3://" + bucket, "--yes"));
        assertTrue(LocalRgw.store().getCors(bucket).isPresent(), "the rules are on the server");

        JsonNode shown = json(s3sh(env, g, "cors", "show", "s3://" + bucket, "--output", "json"));
        assertTrue(shown.toString().contains(ORIGIN), shown.toString());
        JsonNode check = json(s3sh(env, g, "cors", "check", "s3://" + bucket, "--origin", ORIGIN, "--method", "PUT",
                "--header", "content-type", "--output", "json"));
        assertTrue(check.get("allowed").asBoolean(), check.toString());

        // the live preflight goes to the bucket's own host, over the trusted TLS, and agrees
        Run probe = ok(s3sh(env, g, "cors", "probe", path, "--origin", ORIGIN, "--method", "PUT",
                "--header", "content-type", "--verbose"));
        assertTrue(probe.out().contains("> OPTIONS https://" + LocalRgw.bucketHost(bucket) + ":" + LocalRgw.httpsPort() + "/up/data.txt"),
                probe.toString());
        assertTrue(probe.out().contains("agree: the server answered exactly as predicted"), probe.toString());
        JsonNode denied = json(s3sh(env, g, "cors", "probe", path, "--origin", "https://evil.example.test", "--method", "GET",
                "--output", "json"));
        assertTrue(denied.get("agree").asBoolean(), denied.toString());
        assertEquals(403, denied.get("server").get("status").asInt(), denied.toString());

        // cors edit through $EDITOR: a MaxAgeSeconds beyond an int, which RGW keeps, goes up and comes back exactly
        Path editor = Files.writeString(dir.resolve(bucket + "-editor.sh"),
                "#!/bin/sh\nset -e\nsed -i 's#<MaxAgeSeconds>600</MaxAgeSeconds>#<MaxAgeSeconds>3000000000</MaxAgeSeconds>#' \"$1\"\n");
        assertTrue(editor.toFile().setExecutable(true));
        Map<String, String> editing = new java.util.HashMap<>(env);
        editing.put("EDITOR", editor.toString());
        editing.remove("VISUAL");
        Run edit = ok(s3sh(editing, g, "cors", "edit", "s3://" + bucket, "--yes"));
        assertTrue(edit.out().contains("verified"), edit.toString());
        assertEquals(new java.math.BigInteger("3000000000"), LocalRgw.store().getCors(bucket).orElseThrow().rules().get(0).maxAge(),
                "the edited rule is on the server");
        String objectUrl = "https://" + LocalRgw.bucketHost(bucket) + ":" + LocalRgw.httpsPort() + "/up/data.txt";
        Curl preflight = curl(bucket, "-X", "OPTIONS", "-H", "Origin: " + ORIGIN, "-H", "Access-Control-Request-Method: PUT", objectUrl);
        assertEquals(200, preflight.status(), preflight.toString());
        assertTrue(preflight.headers().contains("access-control-max-age: 3000000000\r\n"), preflight.toString());
        Run predicted = ok(s3sh(env, g, "cors", "check", "s3://" + bucket, "--origin", ORIGIN, "--method", "PUT"));
        assertTrue(predicted.out().contains("  access-control-max-age: 3000000000\n"), predicted.toString());
        // the bucket's host name resolves to loopback: Chrome 142+ asks the user first (Local Network Access)
        assertTrue(predicted.out().contains("note: the endpoint " + LocalRgw.bucketHost(bucket) + " (127.0.0.1) is a loopback address"),
                predicted.toString());

        // signurl gives the virtual-hosted https URL; curl opens it with only the test CA trusted
        String url = ok(s3sh(env, g, "signurl", path)).out().strip();
        URI uri = URI.create(url);
        assertEquals("https", uri.getScheme(), url);
        assertEquals(LocalRgw.bucketHost(bucket), uri.getHost(), url);
        Curl got = curl(bucket, "-H", "Origin: " + ORIGIN, url);
        assertEquals(200, got.status(), got.toString());
        assertEquals(Files.readString(dir.resolve(bucket.contains("flags") ? "flags-up.txt" : bucket.contains("s3cfg") ? "s3cfg-up.txt"
                : "cluster-up.txt")), got.body());
        assertTrue(got.headers().contains("access-control-allow-origin: " + ORIGIN), got.toString());
        assertTrue(got.headers().contains("access-control-expose-headers: etag"), got.toString());

        ok(s3sh(env, g, "cors", "undo", "s3://" + bucket, "--yes"));
        assertEquals(java.math.BigInteger.valueOf(600), LocalRgw.store().getCors(bucket).orElseThrow().rules().get(0).maxAge(),
                "undo takes back the edit");
        // (an undo is itself undoable: a second one would redo the edit, so the rules go with cors rm)
        ok(s3sh(env, g, "cors", "rm", "s3://" + bucket, "--yes"));
        assertFalse(LocalRgw.store().getCors(bucket).isPresent(), "cors rm left no CORS configuration on the server");
        Curl after = curl(bucket, "-H", "Origin: " + ORIGIN, url);
        assertEquals(200, after.status(), after.toString());
        assertFalse(after.headers().contains("access-control-allow-origin"), after.toString());
    }

    /** The file Linode's guide has users write for s3cmd, pointed at the local RGW. */
    private static String linodeGuideS3cfg(boolean withCa) {
        String host = LocalRgw.dnsName() + ":" + LocalRgw.httpsPort();
        return "[default]\n"
                + "access_key = " + LocalRgw.accessKey() + "\n"
                + "secret_key = " + LocalRgw.secretKey() + "\n"
                + "bucket_location = US\n"
                + "host_base = " + host + "\n"
                + "host_bucket = %(bucket)s." + host + "\n"
                + "use_https = True\n"
                + (withCa ? "ca_certs_file = " + LocalRgw.caFile() + "\n" : "");
    }

    // ---------------------------------------------------------------------------------------------

    /** A child environment with its own HOME and state, no CA or endpoint from this one. */
    private static Map<String, String> env(String name, String... jvmFlags) throws IOException {
        Map<String, String> env = LocalRgw.httpsChildEnv(hosts, jvmFlags);
        Path home = Files.createDirectories(dir.resolve(name + "-home"));
        env.put("HOME", home.toString());
        env.put("XDG_CONFIG_HOME", home.resolve(".config").toString());
        env.put("XDG_STATE_HOME", home.resolve(".local/state").toString());
        env.put("NO_COLOR", "1");
        // the launcher's class archive stays where it is for every run, not one per test home
        String cache = System.getenv("XDG_CACHE_HOME");
        env.put("XDG_CACHE_HOME", cache != null ? cache : Path.of(System.getProperty("user.home"), ".cache").toString());
        return env;
    }

    record Run(int status, String out, String err) {
        /** Standard error without the java launcher's "Picked up JDK_JAVA_OPTIONS" note. */
        String errWithoutJvmNote() {
            return err.lines().filter(l -> !l.startsWith("NOTE: Picked up JDK_JAVA_OPTIONS")).reduce("", (a, b) -> a + b + "\n");
        }

        @Override
        public String toString() {
            return "status " + status + "\n--- out\n" + out + "--- err\n" + err;
        }
    }

    private static List<String> withGlobal(List<String> global, String first, String... rest) {
        List<String> all = new ArrayList<>();
        all.add(first);
        all.addAll(global);
        all.addAll(List.of(rest));
        return all;
    }

    /** One-shot ({@code s3sh GLOBAL WORDS...}), or script mode when the only word holds newlines. */
    private static Run s3sh(Map<String, String> env, List<String> global, String... words) throws Exception {
        List<String> args = new ArrayList<>(global);
        String script = null;
        if (words.length == 1 && words[0].contains("\n")) {
            script = words[0];
        } else {
            args.addAll(List.of(words));
        }
        return launch(env, args, script);
    }

    private static Run launch(Map<String, String> env, List<String> args, String script) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(LocalRgw.projectDir().resolve("s3sh").toString());
        command.addAll(args);
        Path in = Files.writeString(Files.createTempFile(dir, "stdin", ".txt"), script == null ? "" : script);
        Path out = Files.createTempFile(dir, "stdout", ".txt");
        Path err = Files.createTempFile(dir, "stderr", ".txt");
        ProcessBuilder pb = new ProcessBuilder(command).redirectInput(in.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().clear();
        pb.environment().putAll(env);
        Process p = pb.start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("s3sh " + args + " did not end: " + Files.readString(err));
        }
        return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    private static Run ok(Run r) {
        assertEquals(0, r.status(), r.toString());
        return r;
    }

    private static JsonNode json(Run r) throws IOException {
        return JSON.readTree(ok(r).out());
    }

    private static List<String> lines(String text) {
        return text.lines().toList();
    }

    record Curl(int status, String headers, String body) {
    }

    /** curl with the test names resolved to 127.0.0.1 and only the test CA trusted; headers lowercased. */
    private static Curl curl(String bucket, String... args) throws Exception {
        Path headers = Files.createTempFile(dir, "headers", ".txt");
        Path body = Files.createTempFile(dir, "body", ".txt");
        List<String> command = new ArrayList<>(List.of("curl", "-sS", "--max-time", "30", "--cacert", LocalRgw.caFile().toString(),
                "-D", headers.toString(), "-o", body.toString(), "-w", "%{http_code}"));
        command.addAll(LocalRgw.curlResolve(bucket));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        LocalRgw.CA_VARIABLES.forEach(pb.environment()::remove);
        Process p = pb.start();
        String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "curl ended");
        assertEquals(0, p.exitValue(), "curl: " + said);
        return new Curl(Integer.parseInt(said.strip()), Files.readString(headers).toLowerCase(java.util.Locale.ROOT), Files.readString(body));
    }
}
