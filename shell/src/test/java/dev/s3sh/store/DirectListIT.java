package dev.s3sh.store;

import dev.s3sh.config.ClientOptions;
import dev.s3sh.config.Profile;
import dev.s3sh.testing.FaultProxy;
import dev.s3sh.testing.LocalRgw;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.model.EncodingType;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Listings over s3sh's own kept-alive socket (DirectList, which the store uses for every listing
 * when no proxy stands in the way) against the real RGW, over plain HTTP and over HTTPS with the
 * local CA: page by page the same keys, sizes, dates, ETags, storage classes, common prefixes and
 * continuation as the SDK's own ListObjectsV2 reads, hostile key names included. Virtual-hosted
 * HTTPS through the launcher is HttpsVirtualHostIT's.
 */
class DirectListIT {
    static final List<String> KEYS = List.of("a/plain.txt", "a/with space+plus.txt", "a/per%cent", "a/esc\u001b[31mred",
            "a/unicode-\u00e9\u4e2d", "a/amp&lt<gt>", "a/sub/deeper.txt", "b/one", "b/two", "top");
    static String bucket;

    @BeforeAll
    static void fill() {
        bucket = LocalRgw.newBucket("direct-list");
        for (int i = 0; i < KEYS.size(); i++) {
            LocalRgw.store().putObject(bucket, KEYS.get(i), ("body " + i).repeat(i + 1).getBytes(StandardCharsets.UTF_8), "text/plain");
        }
    }

    @AfterAll
    static void cleanup() {
        if (bucket != null) LocalRgw.deleteBucket(bucket);
    }

    static Profile http() {
        return LocalRgw.profile();
    }

    static Profile https(ClientOptions client) {
        Profile p = LocalRgw.profile();
        URI endpoint = URI.create("https://127.0.0.1:" + LocalRgw.httpsPort()); // the certificate names 127.0.0.1 too
        return new Profile("https", endpoint, p.region(), p.accessKey(), p.secretKey(), null, true, p.dialect(), client);
    }

    @Test
    void pagesOverHttpAreThoseTheSdkReads() {
        samePagesAsTheSdk(http());
    }

    @Test
    void pagesOverHttpsWithTheCaBundleAreThoseTheSdkReads() {
        samePagesAsTheSdk(https(new ClientOptions(LocalRgw.caFile(), false, null, null)));
    }

    @Test
    void httpsWithoutTrustingTheCaIsRefusedAsTheSdkRefusesIt() {
        try (S3ObjectStore store = new S3ObjectStore(https(ClientOptions.DEFAULT))) {
            StoreException e = assertThrows(StoreException.class, () -> store.listPage(bucket, "", null, 5, null));
            assertEquals("TLS", e.code(), e.getMessage());
            assertTrue(e.getMessage().contains("cannot verify the TLS certificate of https://127.0.0.1:"), e.getMessage());
        }
    }

    @Test
    void aMissingBucketIsWordedAsBefore() {
        try (S3ObjectStore store = new S3ObjectStore(http())) {
            StoreException e = assertThrows(StoreException.class, () -> store.listPage(bucket + "-none", "", null, 5, null));
            assertEquals("NoSuchBucket", e.code(), e.getMessage());
        }
    }

    @Test
    void theNextPageIsAskedForWhileTheCallerHandlesThisOneAndNoneAfterTheLast() throws Exception {
        try (FaultProxy proxy = FaultProxy.to(URI.create(LocalRgw.endpoint()));
             S3ObjectStore store = new S3ObjectStore(proxy.profile())) {
            Iterator<ListPage> pages = store.pages(bucket, "", null, 4);
            List<String> keys = new ArrayList<>();
            pages.next().objects().forEach(o -> keys.add(o.key()));
            long until = System.nanoTime() + 20_000_000_000L; // a bound for a busy machine, not a time asserted
            while (proxy.seen().size() < 2 && System.nanoTime() < until) Thread.sleep(5);
            assertEquals(2, proxy.seen().size(), "the second page was asked for before the caller wanted it: " + proxy.seen());
            while (pages.hasNext()) pages.next().objects().forEach(o -> keys.add(o.key()));
            assertEquals(KEYS.stream().sorted().toList(), keys, "every key once, in order");
            Thread.sleep(200);
            assertEquals(3, proxy.seen().size(), "10 keys in pages of 4: three requests, none after the last page");
        }
    }

    /** Flat and delimited, with a plain prefix holding '%', in pages of 3 keys: each page as the SDK reads it. */
    private static void samePagesAsTheSdk(Profile profile) {
        try (S3ObjectStore store = new S3ObjectStore(profile)) {
            for (String[] ask : new String[][]{{"", null}, {"", "/"}, {"a/", "/"}, {"a/per%", null}}) {
                String prefix = ask[0], delimiter = ask[1];
                boolean plain = prefix.contains("%");
                String token = null;
                List<String> seen = new ArrayList<>();
                do {
                    ListPage mine = store.listPage(bucket, prefix, delimiter, 3, token);
                    String asked = token;
                    ListObjectsV2Response sdk = store.client().listObjectsV2(b -> b.bucket(bucket).prefix(prefix.isEmpty() ? null : prefix)
                            .delimiter(delimiter).maxKeys(3).continuationToken(asked).encodingType(plain ? null : EncodingType.URL));
                    List<String> expected = new ArrayList<>();
                    for (S3Object o : sdk.contents()) {
                        expected.add(o.key() + " " + o.size() + " " + o.lastModified() + " " + o.storageClassAsString() + " " + o.eTag());
                    }
                    sdk.commonPrefixes().forEach(p -> expected.add("prefix " + p.prefix()));
                    List<String> got = new ArrayList<>();
                    for (ObjectSummary o : mine.objects()) {
                        got.add(o.key() + " " + o.size() + " " + o.lastModified() + " " + o.storageClass() + " " + o.etag());
                    }
                    mine.prefixes().forEach(p -> got.add("prefix " + p));
                    assertEquals(expected, got, "page after " + asked + " of " + prefix + " / " + delimiter);
                    assertEquals(Boolean.TRUE.equals(sdk.isTruncated()) ? sdk.nextContinuationToken() : null, mine.nextToken());
                    mine.objects().forEach(o -> seen.add(o.key()));
                    token = mine.nextToken();
                } while (token != null);
                assertEquals(1, store.directList().connectionsOpened(), "every page went over s3sh's one kept-alive connection");
                if (delimiter == null) {
                    assertEquals(KEYS.stream().filter(k -> k.startsWith(prefix)).sorted().toList(), seen.stream().sorted().toList());
                }
            }
        }
    }
}
