package dev.s3sh.store;

import dev.s3sh.cors.CorsConfiguration;

import java.io.InputStream;
import java.net.URL;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongConsumer;

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

    /**
     * Every page of a listing, in order, as {@link #listPage} gives them. A store may ask for the next
     * page while the caller handles this one (never more than one page ahead); a caller that stops
     * early only leaves that one request unread.
     */
    default java.util.Iterator<ListPage> pages(String bucket, String prefix, String delimiter, int maxKeys) {
        return new ListPages(token -> () -> listPage(bucket, prefix, delimiter, maxKeys, token));
    }

    /** Throws a {@link StoreException} with code NoSuchBucket when the bucket is missing. */
    void checkBucket(String bucket);

    BucketInfo bucketInfo(String bucket);

    /** Empty when the bucket has no CORS configuration. */
    Optional<CorsConfiguration> getCors(String bucket);

    void putCors(String bucket, CorsConfiguration configuration);

    void deleteCors(String bucket);

    /** The bucket ACL's grants, "GRANTEE: PERMISSION" each (the grantee's name, group URI or id), as {@link #bucketInfo} lists them. */
    default List<String> getAcl(String bucket) {
        throw new StoreException("NotImplemented", 0, "this store has no ACLs");
    }

    /** The bucket's policy as the server holds it (JSON text); empty when it has none. */
    default Optional<String> getPolicy(String bucket) {
        throw new StoreException("NotImplemented", 0, "this store has no bucket policies");
    }

    default void putPolicy(String bucket, String policyJson) {
        throw new StoreException("NotImplemented", 0, "this store has no bucket policies");
    }

    default void deletePolicy(String bucket) {
        throw new StoreException("NotImplemented", 0, "this store has no bucket policies");
    }

    /** The bucket's lifecycle configuration as the server sent it (XML text); empty when it has none. */
    default Optional<String> getLifecycle(String bucket) {
        throw new StoreException("NotImplemented", 0, "this store has no lifecycle configurations");
    }

    /** Puts {@code xml} as it is (s3sh writes it: dev.s3sh.lifecycle.LifecycleXml). */
    default void putLifecycle(String bucket, String xml) {
        throw new StoreException("NotImplemented", 0, "this store has no lifecycle configurations");
    }

    default void deleteLifecycle(String bucket) {
        throw new StoreException("NotImplemented", 0, "this store has no lifecycle configurations");
    }

    /** Sends a real CORS request (preflight, or GET/HEAD with an Origin) and reports the answer. */
    ProbeResult probe(ProbeRequest request);

    void createBucket(String bucket);

    void putObject(String bucket, String key, byte[] content, String contentType);

    byte[] getObject(String bucket, String key);

    void deleteObject(String bucket, String key);

    void deleteBucket(String bucket);

    /** HEAD of one object; for a multipart object also the size of its first part. */
    ObjectInfo stat(String bucket, String key);

    /**
     * A stream of the object's bytes from {@code first} to {@code last} inclusive ({@code last} &lt; 0: to the
     * end). The caller closes it; closing early abandons the rest of the body.
     */
    InputStream open(String bucket, String key, long first, long last);

    /**
     * Uploads {@code length} bytes of {@code file} from {@code offset} as one object (when
     * {@code uploadId} is null) or as part {@code partNumber} of a multipart upload. The bytes are read
     * from the file as they are sent (never held in memory); {@code sent} hears each chunk.
     * Returns the ETag the server gave and the hex MD5 of the bytes that were sent.
     */
    SentPart upload(String bucket, String key, String uploadId, int partNumber, Path file, long offset, long length,
                    String contentType, LongConsumer sent);

    /** Starts a multipart upload of an object with this content type and user metadata (x-amz-meta-*, names without the prefix). */
    String startMultipart(String bucket, String key, String contentType, Map<String, String> metadata);

    /** Completes with the parts' ETags in part order; returns the object's ETag. */
    String completeMultipart(String bucket, String key, String uploadId, List<String> partEtags);

    void abortMultipart(String bucket, String key, String uploadId);

    /** Uploads started under {@code prefix} and not finished. */
    List<UploadSummary> listUploads(String bucket, String prefix);

    /** Server-side copy of a whole object (up to 5 GiB). Returns the new ETag. */
    String copy(String srcBucket, String srcKey, String bucket, String key);

    /** Server-side copy of bytes {@code first..last} of the source as one part; returns the part's ETag. */
    String copyPart(String srcBucket, String srcKey, String bucket, String key, String uploadId, int partNumber,
                    long first, long last);

    /**
     * Deletes up to 1000 keys, in one request where the request's XML can name them (others one by one);
     * returns the keys that could not be deleted with the reason, as they are (escape them to print).
     */
    List<String> deleteObjects(String bucket, List<String> keys);

    /** A SigV4 presigned URL for {@code method} (GET, PUT, HEAD or DELETE) valid for {@code ttl}. */
    URL presign(String method, String bucket, String key, Duration ttl);

    /** The ETag and the MD5 (hex) of what was sent by {@link #upload}. */
    record SentPart(String etag, String md5) {
    }

    @Override
    void close();
}
