package dev.s3sh.store;

import dev.s3sh.config.ClientOptions;
import dev.s3sh.testing.FaultProxy;
import dev.s3sh.testing.FaultProxy.Fault;
import dev.s3sh.testing.LocalRgw;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.S3Utilities;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * s3sh's own signed GET and HEAD (DirectGet) against the real RGW over plain HTTP: the bytes of any
 * range, and a HEAD that says what the SDK's says. Through a fault proxy: a request with no answer
 * is sent again, and a body cut mid-range ends short, from where a new range gives the rest.
 * (HTTPS with virtual-hosted buckets: HttpsVirtualHostIT; ranges cut inside a download: MultipartFaultIT.)
 */
class DirectGetIT {
    static final byte[] BODY = new byte[3_000_000];
    static String bucket;
    static FaultProxy proxy;

    @BeforeAll
    static void setUp() {
        new Random(5).nextBytes(BODY);
        bucket = LocalRgw.newBucket("direct-get");
        S3Client sdk = ((S3ObjectStore) LocalRgw.store()).client();
        sdk.putObject(b -> b.bucket(bucket).key("dir/obj.bin").contentType("application/x-test")
                .metadata(Map.of("color", "blue", "x-y", "z")), RequestBody.fromBytes(BODY));
        proxy = FaultProxy.to(URI.create(LocalRgw.endpoint()));
    }

    @AfterAll
    static void tearDown() {
        if (proxy != null) proxy.close();
        LocalRgw.deleteBucket(bucket);
    }

    private static DirectGet directGet(URI endpoint) {
        S3Utilities urls = S3Utilities.builder().region(Region.US_EAST_1).endpoint(endpoint)
                .s3Configuration(S3Configuration.builder().pathStyleAccessEnabled(true).build()).build();
        return new DirectGet(new DirectRequests(HttpClients.of(ClientOptions.DEFAULT, Timeouts.DEFAULT, false),
                StaticCredentialsProvider.create(AwsBasicCredentials.create(LocalRgw.accessKey(), LocalRgw.secretKey())),
                "us-east-1", urls, null));
    }

    private static byte[] read(DirectGet get, long first, long last) throws IOException {
        try (InputStream in = get.open(bucket, "dir/obj.bin", first, last)) {
            return in.readAllBytes();
        }
    }

    @Test
    void everyRangeComesBackAsStored() throws Exception {
        DirectGet get = directGet(URI.create(LocalRgw.endpoint()));
        assertArrayEquals(BODY, read(get, 0, -1), "the whole object");
        assertArrayEquals(Arrays.copyOfRange(BODY, 0, 1_000_000), read(get, 0, 999_999), "the first range");
        assertArrayEquals(Arrays.copyOfRange(BODY, 1_000_000, 2_000_000), read(get, 1_000_000, 1_999_999), "a middle range");
        assertArrayEquals(Arrays.copyOfRange(BODY, 2_999_000, BODY.length), read(get, 2_999_000, -1), "the tail");
    }

    @Test
    void headSaysWhatTheSdksHeadSays() {
        HeadObjectResponse sdk = ((S3ObjectStore) LocalRgw.store()).client().headObject(b -> b.bucket(bucket).key("dir/obj.bin"));
        DirectGet.Head head = directGet(URI.create(LocalRgw.endpoint())).head(bucket, "dir/obj.bin", 0);
        assertEquals(sdk.contentLength(), head.size());
        assertEquals(sdk.eTag(), head.etag());
        assertEquals(sdk.lastModified(), head.lastModified());
        assertEquals(sdk.contentType(), head.contentType());
        assertEquals(sdk.metadata(), head.metadata());
        assertEquals(Map.of("color", "blue", "x-y", "z"), head.metadata());
    }

    @Test
    void aRequestWithNoAnswerIsSentAgain() throws Exception {
        proxy.pass();
        proxy.forget();
        proxy.failFirstOn("GET", 1, Fault.reset());
        try {
            assertArrayEquals(Arrays.copyOfRange(BODY, 0, 500_000), read(directGet(proxy.uri()), 0, 499_999));
            assertTrue(proxy.seen().stream().filter(s -> s.method().equals("GET")).count() >= 2, "sent again\n" + proxy.seen());
        } finally {
            proxy.pass();
        }
    }

    @Test
    void aBodyCutMidRangeEndsShortAndANewRangeGivesTheRest() throws Exception {
        proxy.pass();
        proxy.failFirstOn("GET", 1, Fault.cut(1 << 20));
        DirectGet get = directGet(proxy.uri());
        byte[] start = new byte[BODY.length];
        int got = 0;
        try (InputStream in = get.open(bucket, "dir/obj.bin", 0, BODY.length - 1)) {
            for (int n; (n = in.read(start, got, start.length - got)) > 0; ) got += n;
        } catch (IOException cut) {
            // the connection broke: what came before it stays
        } finally {
            proxy.pass();
        }
        assertTrue(got < BODY.length, "the body was cut: " + got + " bytes");
        assertArrayEquals(Arrays.copyOfRange(BODY, 0, got), Arrays.copyOf(start, got), "the bytes before the cut");
        assertArrayEquals(Arrays.copyOfRange(BODY, got, BODY.length), read(get, got, -1), "the rest, from the cut");
    }
}
