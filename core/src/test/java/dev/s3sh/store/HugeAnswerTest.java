package dev.s3sh.store;

import dev.s3sh.config.Profile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A server on loopback that answers every request with an endless body (a listing, CORS, an error):
 * s3sh stops reading at its cap and says so in a sentence, instead of running out of memory. The
 * server sends from one small buffer and gives up after 64 MiB, so the test itself holds little.
 */
class HugeAnswerTest {
    private static final long SERVER_STOPS_AFTER = 64L << 20;

    private ServerSocket server;
    private Thread loop;
    private final AtomicLong sentMost = new AtomicLong();
    private final AtomicInteger requests = new AtomicInteger();
    private volatile int status = 200;
    private volatile boolean declareLength = false;

    @BeforeEach
    void start() throws IOException {
        server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        loop = new Thread(this::serve, "huge-answer-server");
        loop.setDaemon(true);
        loop.start();
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        loop.join(5000);
    }

    private void serve() {
        while (!server.isClosed()) {
            try (Socket s = server.accept()) {
                requests.incrementAndGet();
                InputStream in = s.getInputStream();
                // read the request head (s3sh's requests here carry no body)
                int matched = 0;
                while (matched < 4) {
                    int b = in.read();
                    if (b < 0) break;
                    matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
                }
                OutputStream out = s.getOutputStream();
                String head = "HTTP/1.1 " + status + " X\r\nContent-Type: application/xml\r\n"
                        + (declareLength ? "Content-Length: " + (100L << 20) + "\r\n" : "") + "Connection: close\r\n\r\n";
                out.write(head.getBytes(StandardCharsets.US_ASCII));
                // one element whose text never ends: a parser that reads it whole holds it all
                out.write((status == 200 ? "<?xml version=\"1.0\"?><ListBucketResult><Name>"
                        : "<?xml version=\"1.0\"?><Error><Code>").getBytes(StandardCharsets.US_ASCII));
                byte[] chunk = "x".repeat(65536).getBytes(StandardCharsets.US_ASCII);
                long sent = 0;
                while (sent < SERVER_STOPS_AFTER) {
                    out.write(chunk);
                    sent += chunk.length;
                }
                sentMost.accumulateAndGet(sent, Math::max);
            } catch (IOException e) {
                // s3sh closed the connection: what we want
            }
        }
    }

    private S3ObjectStore store() {
        Profile p = new Profile("fake", URI.create("http://127.0.0.1:" + server.getLocalPort()), "us-east-1",
                "AK", "sk", null, true, null);
        Duration d = Duration.ofSeconds(20);
        return new S3ObjectStore(p, null, new Timeouts(d, d, d, Duration.ofSeconds(60)));
    }

    private void refused(Executable call) {
        try (S3ObjectStore store = store()) {
            StoreException e = assertThrows(StoreException.class, () -> call.execute(store));
            assertEquals("ResponseTooLarge", e.code(), e.getMessage());
            assertTrue(e.getMessage().startsWith("http://127.0.0.1:" + server.getLocalPort() + " sent an answer"), e.getMessage());
            assertTrue(e.getMessage().contains("MiB"), e.getMessage());
            System.out.println("HugeAnswerTest: " + e.getMessage() + " (requests " + requests.get() + ")");
        }
    }

    interface Executable {
        void execute(S3ObjectStore store) throws Throwable;
    }

    @Test
    void aHugeListingIsRefusedWithASentence() {
        refused(s -> s.listPage("b", "", "/", 1000, null));
        assertEquals(1, requests.get(), "not retried");
    }

    @Test
    void aHugeCorsAnswerIsRefusedWithASentence() {
        refused(s -> s.getCors("b"));
    }

    @Test
    void aHugeErrorBodyIsRefusedWithASentence() {
        status = 500;
        refused(s -> s.listBuckets());
        // a 500 is retried by the SDK (4 attempts in all, measured); each stops at the cap
        assertTrue(requests.get() <= 4, "attempts: " + requests.get());
    }

    @Test
    void aDeclaredHugeLengthIsRefusedBeforeReading() {
        declareLength = true;
        refused(s -> s.bucketInfo("b"));
    }
}
