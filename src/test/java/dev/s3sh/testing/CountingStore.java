package dev.s3sh.testing;

import dev.s3sh.cors.CorsConfiguration;
import dev.s3sh.store.BucketInfo;
import dev.s3sh.store.BucketSummary;
import dev.s3sh.store.ListPage;
import dev.s3sh.store.ObjectStore;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An {@link ObjectStore} decorator that counts the requests made through it, so that tests can
 * assert how many requests something costs (a count, never a time). {@link #beforeEachCall} lets a
 * test hold calls back, e.g. to make a listing slower than a time budget.
 */
public final class CountingStore implements ObjectStore {
    private final ObjectStore delegate;
    private final AtomicInteger listPages = new AtomicInteger();
    private final AtomicInteger listBuckets = new AtomicInteger();
    private final AtomicInteger total = new AtomicInteger();
    private volatile Runnable beforeEachCall = () -> { };

    public CountingStore(ObjectStore delegate) {
        this.delegate = delegate;
    }

    public CountingStore beforeEachCall(Runnable hook) {
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

    private void count() {
        total.incrementAndGet();
        beforeEachCall.run();
    }

    @Override
    public List<BucketSummary> listBuckets() {
        listBuckets.incrementAndGet();
        count();
        return delegate.listBuckets();
    }

    @Override
    public ListPage listPage(String bucket, String prefix, String delimiter, int maxKeys, String continuationToken) {
        listPages.incrementAndGet();
        count();
        return delegate.listPage(bucket, prefix, delimiter, maxKeys, continuationToken);
    }

    @Override
    public void checkBucket(String bucket) {
        count();
        delegate.checkBucket(bucket);
    }

    @Override
    public BucketInfo bucketInfo(String bucket) {
        count();
        return delegate.bucketInfo(bucket);
    }

    @Override
    public Optional<CorsConfiguration> getCors(String bucket) {
        count();
        return delegate.getCors(bucket);
    }

    @Override
    public void putCors(String bucket, CorsConfiguration configuration) {
        count();
        delegate.putCors(bucket, configuration);
    }

    @Override
    public void deleteCors(String bucket) {
        count();
        delegate.deleteCors(bucket);
    }

    @Override
    public void createBucket(String bucket) {
        count();
        delegate.createBucket(bucket);
    }

    @Override
    public void putObject(String bucket, String key, byte[] content, String contentType) {
        count();
        delegate.putObject(bucket, key, content, contentType);
    }

    @Override
    public byte[] getObject(String bucket, String key) {
        count();
        return delegate.getObject(bucket, key);
    }

    @Override
    public void deleteObject(String bucket, String key) {
        count();
        delegate.deleteObject(bucket, key);
    }

    @Override
    public void deleteBucket(String bucket) {
        count();
        delegate.deleteBucket(bucket);
    }

    @Override
    public void close() {
        delegate.close();
    }
}
