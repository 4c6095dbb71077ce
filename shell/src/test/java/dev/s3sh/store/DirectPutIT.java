package dev.s3sh.store;

import dev.s3sh.config.ClientOptions;
import dev.s3sh.testing.LocalRgw;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.S3Utilities;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The streamed upload's integrity against the real RGW: its payload is unsigned, so the signed
 * Content-MD5 is what makes the server refuse bytes other than those hashed (BadDigest), and
 * nothing is stored then.
 */
class DirectPutIT {
    static String bucket;
    static ObjectStore store;

    @BeforeAll
    static void bucket() {
        store = LocalRgw.store();
        bucket = LocalRgw.newBucket("direct-put");
    }

    @AfterAll
    static void cleanup() {
        LocalRgw.deleteBucket(bucket);
    }

    private static DirectPut directPut() {
        URI endpoint = URI.create(LocalRgw.endpoint());
        S3Utilities urls = S3Utilities.builder().region(Region.US_EAST_1).endpoint(endpoint)
                .s3Configuration(S3Configuration.builder().pathStyleAccessEnabled(true).build()).build();
        return new DirectPut(HttpClients.of(ClientOptions.DEFAULT, Timeouts.DEFAULT, false),
                StaticCredentialsProvider.create(AwsBasicCredentials.create(LocalRgw.accessKey(), LocalRgw.secretKey())),
                "us-east-1", urls, null);
    }

    @Test
    void theBytesHashedAreStoredAndTheEtagIsTheirMd5() throws Exception {
        byte[] body = new byte[300_000];
        new Random(7).nextBytes(body);
        ObjectStore.SentPart sent = directPut().send(bucket, "same.bin", null, 0, body.length, null,
                () -> new ByteArrayInputStream(body), null);
        String md5 = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(body));
        assertEquals(md5, sent.md5());
        assertEquals(md5, sent.etag());
        assertArrayEquals(body, store.getObject(bucket, "same.bin"));
    }

    @Test
    void bytesOtherThanThoseHashedAreRefusedAndNothingIsStored() {
        byte[] hashed = new byte[200_000];
        byte[] sentInstead = hashed.clone();
        sentInstead[123_456] ^= 1; // one bit flipped between hashing and sending
        AtomicInteger opened = new AtomicInteger();
        S3Exception refused = assertThrows(S3Exception.class, () -> directPut().send(bucket, "changed.bin", null, 0,
                hashed.length, null, () -> (InputStream) new ByteArrayInputStream(opened.getAndIncrement() == 0 ? hashed : sentInstead),
                null));
        assertEquals(400, refused.statusCode(), refused.toString());
        assertEquals("BadDigest", refused.awsErrorDetails().errorCode());
        assertFalse(store.listPage(bucket, "changed", null, 10, null).objects().stream().anyMatch(o -> o.key().equals("changed.bin")),
                "nothing was stored");
    }
}
