package dev.s3sh.store;

import com.sun.net.httpserver.HttpServer;
import dev.s3sh.config.ClientOptions;
import dev.s3sh.config.Profile;
import dev.s3sh.config.Secrets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** --debug's wire log against a tiny loopback HTTP server: method, URL and status shown, secrets not. */
class WireLogTest {
    private static final String ACCESS = "WIRELOGACCESSKEY0001";
    private static final String SECRET = "wirelog-secret-must-not-show-0000001";
    private static final String TOKEN = "wirelog-session-token-must-not-show-001";

    private HttpServer server;
    private final AtomicReference<String> seenAuthorization = new AtomicReference<>();

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            seenAuthorization.set(exchange.getRequestHeaders().getFirst("Authorization"));
            boolean root = exchange.getRequestURI().getPath().equals("/");
            byte[] body = (root
                    ? "<ListAllMyBucketsResult><Owner><ID>o</ID></Owner><Buckets><Bucket><Name>b1</Name>"
                    + "<CreationDate>2026-01-01T00:00:00.000Z</CreationDate></Bucket></Buckets></ListAllMyBucketsResult>"
                    : "<Error><Code>AccessDenied</Code><Message>denied</Message></Error>").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/xml");
            boolean head = exchange.getRequestMethod().equals("HEAD");
            exchange.sendResponseHeaders(root ? 200 : 403, head ? -1 : body.length);
            if (!head) exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private Profile profile() {
        return new Profile("wire", URI.create("http://127.0.0.1:" + server.getAddress().getPort()), "us-east-1",
                ACCESS, SECRET, TOKEN, true, "rgw");
    }

    @Test
    void showsRequestsAndStatusesWithCredentialsRedacted() {
        StringWriter log = new StringWriter();
        try (S3ObjectStore store = new S3ObjectStore(profile(), new PrintWriter(log, true))) {
            assertEquals("b1", store.listBuckets().get(0).name());
            StoreException denied = assertThrows(StoreException.class, () -> store.checkBucket("locked"));
            assertEquals(403, denied.status());
        }
        String text = log.toString();
        String port = Integer.toString(server.getAddress().getPort());
        assertTrue(text.contains("> GET http://127.0.0.1:" + port + "/"), text);
        assertTrue(text.contains("> HEAD http://127.0.0.1:" + port + "/locked"), text);
        assertTrue(text.contains("< 200"), text);
        assertTrue(text.contains("< 403"), text);
        assertTrue(text.contains("> Authorization: REDACTED"), text);
        assertTrue(text.contains("> X-Amz-Security-Token: REDACTED"), text);
        assertTrue(seenAuthorization.get().contains(ACCESS), "the server did get a signed request");
        for (String s : new String[]{SECRET, TOKEN, ACCESS, "Signature="}) assertFalse(text.contains(s), s + " leaked:\n" + text);
    }

    @Test
    void noLogWithoutDebug() {
        try (S3ObjectStore store = new S3ObjectStore(profile())) {
            assertEquals(1, store.listBuckets().size());
        }
    }

    @Test
    void presignedUrlParametersAreRedacted() {
        try (S3Presigner presigner = S3Presigner.builder().region(Region.US_EAST_1)
                .endpointOverride(URI.create("https://us-southeast-1.linodeobjects.com"))
                .credentialsProvider(StaticCredentialsProvider.create(AwsSessionCredentials.create(ACCESS, SECRET, TOKEN)))
                .build()) {
            String url = presigner.presignGetObject(b -> b.signatureDuration(Duration.ofMinutes(5))
                    .getObjectRequest(g -> g.bucket("example-cors-bucket").key("example.txt"))).url().toString();
            assertTrue(url.contains("X-Amz-Signature=") && url.contains(ACCESS), "a real signed URL to redact");
            String redacted = Secrets.redactUrl(url);
            assertFalse(redacted.contains(ACCESS), redacted);
            assertFalse(redacted.contains(TOKEN.substring(0, 12)), redacted);
            assertTrue(redacted.contains("X-Amz-Signature=REDACTED") && redacted.contains("X-Amz-Credential=REDACTED")
                    && redacted.contains("X-Amz-Security-Token=REDACTED") && redacted.contains("X-Amz-Expires=300"), redacted);
        }
        assertEquals("http://b.example.com/k?AWSAccessKeyId=REDACTED&Expires=1664121793&Signature=REDACTED",
                Secrets.redactUrl("http://b.example.com/k?AWSAccessKeyId=AKIAEXAMPLE&Expires=1664121793&Signature=abc%2Bdef"));
    }

    @Test
    void anUnusableCaBundleIsReportedByName(@TempDir Path dir) throws Exception {
        Path pem = Files.writeString(dir.resolve("bundle.pem"), "not a certificate");
        Profile p = profile();
        // the trust matters to an https endpoint (a plain http one makes no TLS connection and never reads it)
        Profile withCa = new Profile(p.name(), java.net.URI.create("https://127.0.0.1:1"), p.region(), p.accessKey(), p.secretKey(),
                null, true, "rgw", new ClientOptions(pem, false, null, null));
        StoreException e = assertThrows(StoreException.class, () -> new S3ObjectStore(withCa));
        assertTrue(e.getMessage().startsWith("cannot use the CA bundle " + pem), e.getMessage());
        Profile plain = new Profile(p.name(), java.net.URI.create("http://127.0.0.1:1"), p.region(), p.accessKey(), p.secretKey(),
                null, true, "rgw", new ClientOptions(pem, false, null, null));
        new S3ObjectStore(plain).close();
    }

    @Test
    void masking() {
        assertEquals("****wxyz", Secrets.mask("fixture-secret-0000wxyz"));
        assertEquals("****", Secrets.mask("short"));
        assertEquals("(none)", Secrets.mask(null));
        assertEquals("REDACTED", Secrets.redactHeader("authorization", "AWS4-HMAC-SHA256 Credential=X"));
        assertEquals("text/xml", Secrets.redactHeader("Content-Type", "text/xml"));
        assertEquals("key ****0001 here", Secrets.scrub("key abcdefghijklmnop0001 here", java.util.List.of("abcdefghijklmnop0001")));
    }
}
