package dev.s3sh.store;

import dev.s3sh.config.ClientOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.S3Utilities;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** DirectPut against a loopback server that reads each request and never answers. */
class DirectPutTest {
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS) // a guard against a hang, not a speed check
    void aSocketTimeoutIsTheNetworkAndIsTriedAgainNotAnInterrupt() throws Exception {
        AtomicInteger requests = new AtomicInteger();
        List<Socket> held = new ArrayList<>();
        try (ServerSocket server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            Thread silent = new Thread(() -> {
                while (!server.isClosed()) {
                    try {
                        Socket s = server.accept();
                        requests.incrementAndGet();
                        held.add(s); // read nothing back, answer nothing, close nothing
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            silent.setDaemon(true);
            silent.start();
            URI endpoint = URI.create("http://127.0.0.1:" + server.getLocalPort());
            Timeouts quick = new Timeouts(Duration.ofSeconds(2), Duration.ofMillis(300), Duration.ofSeconds(10), Duration.ofSeconds(20));
            S3Utilities urls = S3Utilities.builder().region(Region.US_EAST_1).endpoint(endpoint)
                    .s3Configuration(S3Configuration.builder().pathStyleAccessEnabled(true).build()).build();
            DirectPut put = new DirectPut(HttpClients.of(ClientOptions.DEFAULT, quick, false),
                    StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "not-a-secret")),
                    "us-east-1", urls, null);
            byte[] body = new byte[1000];
            SdkClientException e = assertThrows(SdkClientException.class, () -> put.send("b", "k", null, 0, body.length,
                    null, () -> (InputStream) new ByteArrayInputStream(body), null));
            assertFalse(e instanceof AbortedException, "a timeout is not Ctrl-C: " + e);
            assertEquals(DirectPut.ATTEMPTS, requests.get(), "each attempt reached the server");
        } finally {
            for (Socket s : held) s.close();
        }
    }
}
