package dev.s3sh.testing;

import dev.s3sh.cors.CorsConfiguration;
import dev.s3sh.store.BucketInfo;
import dev.s3sh.store.BucketSummary;
import dev.s3sh.store.ListPage;
import dev.s3sh.store.ObjectStore;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * An {@link ObjectStore} decorator that counts the requests made through it, so that tests can
 * assert how many requests something costs (a count, never a time). {@link #beforeEachCall} lets a
 * test hold calls back or fail them, e.g. to make a listing slower than a time budget.
 */
public final class CountingStore implements ObjectStore {
    private final ObjectStore delegate;
    private final AtomicInteger listPages = new AtomicInteger();
    private final AtomicInteger listBuckets = new AtomicInteger();
    private final AtomicInteger total = new AtomicInteger();
    private volatile Consumer<String> beforeEachCall = bucket -> { };

    public CountingStore(ObjectStore delegate) {
        this.delegate = delegate;
    }

    /** {@code hook} runs before each request with its bucket (null for ListBuckets); it may block or throw. */
    public CountingStore beforeEachCall(Consumer<String> hook) {
        this.beforeEachCall = hook;
        return this;
    }

    public int listPages() {
        return listPages.get();
    }

    public int listBucketCalls() {
        return listBuckets.get();
    }

    /** Every request of any kind. */
    public int total() {
        return total.get();
    }

    public void reset() {
        listPages.set(0);
        listBuckets.set(0);
        total.set(0);
    }

    private void count(String bucket) {
        total.incrementAndGet();
        beforeEachCall.accept(bucket);
    }

    @Override
    public List<BucketSummary> listBuckets() {
        listBuckets.incrementAndGet();
        count(null);
        return delegate.listBuckets();
    }

    @Override
    public ListPage listPage(String bucket, String prefix, String delimiter, int maxKeys, String continuationToken) {
        listPages.incrementAndGet();
        count(bucket);
        return delegate.listPage(bucket, prefix, delimiter, maxKeys, continuationToken);
    }

    @Override
    public void checkBucket(String bucket) {
        count(bucket);
        delegate.checkBucket(bucket);
    }

    @Override
    public BucketInfo bucketInfo(String bucket) {
        count(bucket);
        return delegate.bucketInfo(bucket);
    }

    @Override
    public Optional<CorsConfiguration> getCors(String bucket) {
        count(bucket);
        return delegate.getCors(bucket);
    }

    @Override
    public void putCors(String bucket, CorsConfiguration configuration) {
        count(bucket);
        delegate.putCors(bucket, configuration);
    }

    @Override
    public void deleteCors(String bucket) {
        count(bucket);
        delegate.deleteCors(bucket);
    }

    @Override
    public dev.s3sh.store.ProbeResult probe(dev.s3sh.store.ProbeRequest request) {
        count(request.bucket());
        return delegate.probe(request);
    }

    @Override
    public void createBucket(String bucket) {
        count(bucket);
        delegate.createBucket(bucket);
    }

    @Override
    public void putObject(String bucket, String key, byte[] content, String contentType) {
        count(bucket);
        delegate.putObject(bucket, key, content, contentType);
    }

    @Override
    public byte[] getObject(String bucket, String key) {
        count(bucket);
        return delegate.getObject(bucket, key);
    }

    @Override
    public void deleteObject(String bucket, String key) {
        count(bucket);
        delegate.deleteObject(bucket, key);
    }

    @Override
    public void deleteBucket(String bucket) {
        count(bucket);
        delegate.deleteBucket(bucket);
    }

    @Override
    public void close() {
        delegate.close();
    }

    // operations completion never uses: passed through uncounted
    @Override public dev.s3sh.store.ObjectInfo stat(String b, String k) { return delegate.stat(b, k); }
    @Override public java.io.InputStream open(String b, String k, long first, long last) { return delegate.open(b, k, first, last); }
    @Override public SentPart upload(String b, String k, String u, int n, java.nio.file.Path f, long o, long l, String t,
                                     java.util.function.LongConsumer sent) { return delegate.upload(b, k, u, n, f, o, l, t, sent); }
    @Override public String startMultipart(String b, String k, String t, Map<String, String> m) { return delegate.startMultipart(b, k, t, m); }
    @Override public String completeMultipart(String b, String k, String u, List<String> e) { return delegate.completeMultipart(b, k, u, e); }
    @Override public void abortMultipart(String b, String k, String u) { delegate.abortMultipart(b, k, u); }
    @Override public List<dev.s3sh.store.UploadSummary> listUploads(String b, String p) { return delegate.listUploads(b, p); }
    @Override public String copy(String sb, String sk, String b, String k) { return delegate.copy(sb, sk, b, k); }
    @Override public String copyPart(String sb, String sk, String b, String k, String u, int n, long f, long l) { return delegate.copyPart(sb, sk, b, k, u, n, f, l); }
    @Override public List<String> deleteObjects(String b, List<String> keys) { return delegate.deleteObjects(b, keys); }
    @Override public java.net.URL presign(String m, String b, String k, java.time.Duration ttl) { return delegate.presign(m, b, k, ttl); }
}
