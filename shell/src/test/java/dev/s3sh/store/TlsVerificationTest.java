package dev.s3sh.store;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.s3sh.shell.Main;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * TLS is verified by default: an HTTPS endpoint on loopback with a self-signed certificate (made by
 * keytool for this test) is refused with one sentence naming --ca-bundle and --insecure, and no
 * request reaches it; the same certificate given as --ca-bundle is trusted; --insecure works with a
 * warning.
 */
class TlsVerificationTest {
    @TempDir
    static Path dir;
    static HttpsServer server;
    static final AtomicInteger REQUESTS = new AtomicInteger();
    static final java.util.concurrent.atomic.AtomicReference<String> LAST = new java.util.concurrent.atomic.AtomicReference<>();
    static Path pem;
    static final List<String> STS_ASKED = new java.util.concurrent.CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        Path keystore = dir.resolve("server.p12");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        run(keytool, "-genkeypair", "-alias", "s3sh", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-keystore", keystore.toString(),
                "-storetype", "PKCS12", "-storepass", "changeit", "-keypass", "changeit");
        pem = dir.resolve("ca.pem");
        run(keytool, "-exportcert", "-rfc", "-alias", "s3sh", "-keystore", keystore.toString(), "-storepass", "changeit",
                "-file", pem.toString());
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            ks.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "changeit".toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(kmf.getKeyManagers(), null, null);
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        server.createContext("/", exchange -> {
            REQUESTS.incrementAndGet();
            LAST.set(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " Origin: "
                    + exchange.getRequestHeaders().getFirst("Origin"));
            if ("POST".equals(exchange.getRequestMethod())) { // STS: AssumeRole
                STS_ASKED.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                byte[] body = ("<AssumeRoleResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><AssumeRoleResult>"
                        + "<Credentials><AccessKeyId>TLSROLEKEY0000000001</AccessKeyId><SecretAccessKey>role-secret-not-real</SecretAccessKey>"
                        + "<SessionToken>role-token</SessionToken><Expiration>"
                        + java.time.Instant.now().plusSeconds(3600).truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                        + "</Expiration></Credentials><AssumedRoleUser><Arn>arn:aws:sts:::assumed-role/Reader/it</Arn>"
                        + "<AssumedRoleId>reader:it</AssumedRoleId></AssumedRoleUser></AssumeRoleResult></AssumeRoleResponse>")
                        .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "text/xml");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
                return;
            }
            // GET ?cors gets S3's "no configuration" error (s3sh reads a CORS answer strictly); the rest a bucket list
            boolean cors = "cors".equals(exchange.getRequestURI().getRawQuery());
            byte[] body = (cors ? "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>NoSuchCORSConfiguration</Code>"
                    + "<Message>The CORS configuration does not exist</Message></Error>"
                    : "<?xml version=\"1.0\" encoding=\"UTF-8\"?><ListAllMyBucketsResult><Owner><ID>o</ID></Owner>"
                    + "<Buckets><Bucket><Name>tls-bucket</Name><CreationDate>2026-01-01T00:00:00.000Z</CreationDate></Bucket>"
                    + "</Buckets></ListAllMyBucketsResult>").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/xml");
            exchange.sendResponseHeaders(cors ? 404 : 200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterAll
    static void stop() {
        server.stop(0);
    }

    private static void run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), String.join(" ", command) + "\n" + out);
    }

    private static String[] s3sh(String... args) throws Exception {
        System.setProperty("s3sh.stdin.tty", "false");
        System.setProperty("s3sh.stdout.tty", "false");
        Map<String, String> env = new HashMap<>();
        env.put("HOME", dir.toString());
        env.put("AWS_ACCESS_KEY_ID", "TLSTESTACCESSKEY0001");
        env.put("AWS_SECRET_ACCESS_KEY", "tls-test-secret-not-real");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(args, env, new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new String[]{String.valueOf(status), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8)};
    }

    private static String endpoint() {
        return "https://127.0.0.1:" + server.getAddress().getPort();
    }

    @Test
    void aSelfSignedEndpointIsRefusedWithOneSentenceNamingTheWayOut() throws Exception {
        int before = REQUESTS.get();
        String[] r = s3sh("--endpoint", endpoint(), "ls");
        assertEquals("1", r[0], r[2]);
        String err = r[2].strip();
        assertEquals(1, err.lines().count(), err);
        assertTrue(err.contains("cannot verify the TLS certificate of") && err.contains("not signed by a CA this machine trusts"), err);
        assertTrue(err.contains("--ca-bundle") && err.contains("--insecure"), err);
        assertFalse(err.contains("Exception") || err.contains("PKIX"), err);
        assertEquals(before, REQUESTS.get(), "no request got through an unverified connection");
    }

    @Test
    void itsCertificateAsCaBundleIsTrusted() throws Exception {
        String[] r = s3sh("--endpoint", endpoint(), "--ca-bundle", pem.toString(), "ls");
        assertEquals("0", r[0], r[2]);
        assertTrue(r[1].contains("tls-bucket"), r[1]);
    }

    @Test
    void aTrustedCertificateForAnotherHostIsRefused() throws Exception {
        // the certificate names 127.0.0.1 only: reached as localhost, the chain is trusted but the name is not
        int before = REQUESTS.get();
        String[] r = s3sh("--endpoint", "https://localhost:" + server.getAddress().getPort(), "--ca-bundle", pem.toString(), "ls");
        assertEquals("1", r[0], r[2]);
        assertTrue(r[2].toLowerCase().contains("localhost") && r[2].contains("certificate"), r[2]);
        assertEquals(before, REQUESTS.get(), "no request got through a connection to a host the certificate does not name");
    }

    @Test
    void insecureWorksButSaysSo() throws Exception {
        String[] r = s3sh("--endpoint", endpoint(), "--insecure", "ls");
        assertEquals("0", r[0], r[2]);
        assertTrue(r[1].contains("tls-bucket"), r[1]);
        assertTrue(r[2].contains("warning: TLS certificate verification is OFF"), r[2]);
    }

    @Test
    void aBundleThatIsNotPemIsSaidPlainly() throws Exception {
        Path junk = dir.resolve("junk.pem");
        Files.writeString(junk, "not a certificate\n");
        String[] r = s3sh("--endpoint", endpoint(), "--ca-bundle", junk.toString(), "ls");
        assertFalse(r[0].equals("0"), r[2]);
        assertTrue(r[2].contains("junk.pem") && !r[2].contains("Exception"), r[2]);
        assertTrue(List.of("1", "3").contains(r[0]), r[0] + " " + r[2]);
    }

    // cors probe sends its own requests (the SDK's client drops Origin): they must trust what every
    // other request trusts, and name the host they reached when they cannot

    private static dev.s3sh.config.Profile profile(dev.s3sh.config.ClientOptions client) {
        return new dev.s3sh.config.Profile("tls", java.net.URI.create(endpoint()), "us-east-1", "TLSTESTACCESSKEY0001",
                "tls-test-secret-not-real", null, true, "rgw", client);
    }

    /**
     * A plain http S3 endpoint trusts no certificate (no CA store is read for it), but its STS may be
     * https ({@code [services]}): that client gets the CA bundle's trust.
     */
    @Test
    void anHttpsStsBesideAPlainHttpEndpointIsTrustedWithTheCaBundle() throws Exception {
        Path config = Files.writeString(dir.resolve("sts-config"), "[profile base]\naws_access_key_id = SOURCEKEY00000000001\n"
                + "aws_secret_access_key = source-secret-not-real\n\n[profile reader]\nrole_arn = arn:aws:iam:::role/Reader\n"
                + "source_profile = base\nrole_session_name = it\nservices = local\n\n[services local]\nsts =\n"
                + "  endpoint_url = " + endpoint() + "\n");
        dev.s3sh.config.ClientOptions client = new dev.s3sh.config.ClientOptions(pem, false, null, null);
        dev.s3sh.config.Profile p = new dev.s3sh.config.Profile("reader", java.net.URI.create("http://127.0.0.1:9"), "us-east-1",
                null, null, null, true, "rgw", client,
                new dev.s3sh.config.DelegatedCredentials("reader", "role_arn", "config line 5", config, null));
        int before = STS_ASKED.size();
        var keys = Credentials.provider(p, HttpClients.of(client, Timeouts.DEFAULT, false)).resolveCredentials();
        assertEquals("TLSROLEKEY0000000001", keys.accessKeyId());
        assertEquals(before + 1, STS_ASKED.size());
        assertTrue(STS_ASKED.get(before).contains("Action=AssumeRole"), STS_ASKED.get(before));
    }

    private static final ProbeRequest PREFLIGHT = new ProbeRequest("tls-bucket", "a.txt", true, "GET",
            "https://app.example.test", List.of(), false);

    @Test
    void theProbeTrustsTheCaBundleAsEveryOtherRequestDoes() {
        try (S3ObjectStore store = new S3ObjectStore(profile(new dev.s3sh.config.ClientOptions(pem, false, null, null)))) {
            assertEquals("tls-bucket", store.listBuckets().get(0).name());
            ProbeResult r = store.probe(PREFLIGHT);
            assertEquals(200, r.status(), r.exchange());
            assertEquals("OPTIONS /tls-bucket/a.txt Origin: https://app.example.test", LAST.get());
        }
    }

    @Test
    void theProbeHonoursInsecureAsEveryOtherRequestDoes() {
        try (S3ObjectStore store = new S3ObjectStore(profile(new dev.s3sh.config.ClientOptions(null, true, null, null)))) {
            assertEquals(200, store.probe(PREFLIGHT).status());
        }
    }

    @Test
    void anUntrustedProbeIsRefusedNamingTheHostItWentTo() {
        int before = REQUESTS.get();
        try (S3ObjectStore store = new S3ObjectStore(profile(dev.s3sh.config.ClientOptions.DEFAULT))) {
            StoreException e = org.junit.jupiter.api.Assertions.assertThrows(StoreException.class, () -> store.probe(PREFLIGHT));
            assertEquals("TLS", e.code());
            assertTrue(e.getMessage().startsWith("cannot verify the TLS certificate of " + endpoint() + ":"), e.getMessage());
            assertTrue(e.getMessage().contains("--ca-bundle"), e.getMessage());
        }
        assertEquals(before, REQUESTS.get(), "no probe got through an unverified connection");
    }

    @Test
    void corsProbeOneShotUsesCaBundle() throws Exception {
        String[] r = s3sh("--endpoint", endpoint(), "--ca-bundle", pem.toString(), "cors", "probe", "s3://tls-bucket/a.txt",
                "--origin", "https://app.example.test", "--method", "GET");
        assertFalse(r[2].contains("cannot verify"), r[2]);
        assertTrue(r[1].contains("server"), r[1] + r[2]);
        assertEquals("OPTIONS /tls-bucket/a.txt Origin: https://app.example.test", LAST.get());
    }
}
