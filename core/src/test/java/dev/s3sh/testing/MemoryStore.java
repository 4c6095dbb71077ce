package dev.s3sh.testing;

import dev.s3sh.cors.CorsConfiguration;
import dev.s3sh.store.BucketInfo;
import dev.s3sh.store.BucketSummary;
import dev.s3sh.store.ListPage;
import dev.s3sh.store.ObjectStore;
import dev.s3sh.store.ObjectSummary;
import dev.s3sh.store.StoreException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * An in-memory {@link ObjectStore} for unit tests: buckets and keys with ListObjectsV2 semantics
 * (prefix, delimiter "/", max keys counting keys and common prefixes, continuation token).
 */
public final class MemoryStore extends UnsupportedStore {
    private final Map<String, TreeMap<String, byte[]>> buckets = new TreeMap<>();
    private final Map<String, CorsConfiguration> cors = new TreeMap<>();

    public synchronized MemoryStore with(String bucket, String... keys) {
        TreeMap<String, byte[]> objects = buckets.computeIfAbsent(bucket, b -> new TreeMap<>());
        for (String k : keys) objects.put(k, new byte[0]);
        return this;
    }

    private TreeMap<String, byte[]> bucket(String name) {
        TreeMap<String, byte[]> b = buckets.get(name);
        if (b == null) throw new StoreException("NoSuchBucket", 404, "bucket s3://" + name + "/ does not exist");
        return b;
    }

    @Override
    public synchronized List<BucketSummary> listBuckets() {
        List<BucketSummary> list = new ArrayList<>();
        for (String b : buckets.keySet()) list.add(new BucketSummary(b, Instant.EPOCH));
        return list;
    }

    @Override
    public synchronized ListPage listPage(String bucket, String prefix, String delimiter, int maxKeys, String token) {
        // entries in key order: a common prefix stands where its first key would
        List<Object> entries = new ArrayList<>();
        TreeSet<String> seenPrefixes = new TreeSet<>();
        for (String key : bucket(bucket).tailMap(prefix, true).keySet()) {
            if (!key.startsWith(prefix)) break;
            int d = delimiter == null ? -1 : key.indexOf(delimiter, prefix.length());
            if (d >= 0) {
                String p = key.substring(0, d + delimiter.length());
                if (seenPrefixes.add(p)) entries.add(p);
            } else {
                entries.add(new ObjectSummary(key, 0, Instant.EPOCH, "STANDARD", "\"etag\""));
            }
        }
        int from = token == null ? 0 : Integer.parseInt(token);
        int to = Math.min(entries.size(), from + maxKeys);
        List<String> prefixes = new ArrayList<>();
        List<ObjectSummary> objects = new ArrayList<>();
        for (Object e : entries.subList(from, to)) {
            if (e instanceof String p) prefixes.add(p);
            else objects.add((ObjectSummary) e);
        }
        return new ListPage(prefixes, objects, to < entries.size() ? Integer.toString(to) : null);
    }

    @Override
    public synchronized void checkBucket(String bucket) {
        bucket(bucket);
    }

    @Override
    public BucketInfo bucketInfo(String bucket) {
        throw new UnsupportedOperationException("not in the memory store");
    }

    @Override
    public synchronized Optional<CorsConfiguration> getCors(String bucket) {
        bucket(bucket);
        return Optional.ofNullable(cors.get(bucket));
    }

    @Override
    public synchronized void putCors(String bucket, CorsConfiguration configuration) {
        bucket(bucket);
        cors.put(bucket, configuration);
    }

    @Override
    public synchronized void deleteCors(String bucket) {
        bucket(bucket);
        cors.remove(bucket);
    }

    @Override
    public dev.s3sh.store.ProbeResult probe(dev.s3sh.store.ProbeRequest request) {
        throw new UnsupportedOperationException("not in the memory store");
    }

    @Override
    public synchronized void createBucket(String bucket) {
        buckets.putIfAbsent(bucket, new TreeMap<>());
    }

    @Override
    public synchronized void putObject(String bucket, String key, byte[] content, String contentType) {
        bucket(bucket).put(key, content);
    }

    @Override
    public synchronized byte[] getObject(String bucket, String key) {
        byte[] b = bucket(bucket).get(key);
        if (b == null) throw new StoreException("NoSuchKey", 404, "s3://" + bucket + "/" + key + " does not exist");
        return b;
    }

    @Override
    public synchronized void deleteObject(String bucket, String key) {
        bucket(bucket).remove(key);
    }

    @Override
    public synchronized void deleteBucket(String bucket) {
        buckets.remove(bucket);
    }

    @Override
    public void close() {
    }
}
