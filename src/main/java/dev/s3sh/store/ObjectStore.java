package dev.s3sh.store;

import dev.s3sh.cors.CorsConfiguration;

import java.util.List;
import java.util.Optional;

/**
 * The narrow set of S3 operations s3sh needs. Every method throws {@link StoreException} with a
 * plain-words message on failure; none prints anything.
 */
public interface ObjectStore extends AutoCloseable {

    List<BucketSummary> listBuckets();

    /**
     * One page of keys under {@code prefix}. With {@code delimiter} "/" common prefixes are grouped;
     * with null the listing is flat (recursive).
     */
    ListPage listPage(String bucket, String prefix, String delimiter, int maxKeys, String continuationToken);

    /** Throws a {@link StoreException} with code NoSuchBucket when the bucket is missing. */
    void checkBucket(String bucket);

    BucketInfo bucketInfo(String bucket);

    /** Empty when the bucket has no CORS configuration. */
    Optional<CorsConfiguration> getCors(String bucket);

    void putCors(String bucket, CorsConfiguration configuration);

    void deleteCors(String bucket);

    /** Sends a real CORS request (preflight, or GET/HEAD with an Origin) and reports the answer. */
    ProbeResult probe(ProbeRequest request);

    void createBucket(String bucket);

    void putObject(String bucket, String key, byte[] content, String contentType);

    byte[] getObject(String bucket, String key);

    void deleteObject(String bucket, String key);

    void deleteBucket(String bucket);

    @Override
    void close();
}
