package dev.s3sh.tui;

import dev.s3sh.cors.CorsConfiguration;
import dev.s3sh.store.BucketInfo;
import dev.s3sh.store.BucketSummary;
import dev.s3sh.store.ListPage;
import dev.s3sh.store.ObjectInfo;
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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/** An in-memory store for the screen tests: buckets, keys, CORS; can block or fail on demand. */
final class FakeStore extends dev.s3sh.testing.UnsupportedStore {
    final Map<String, TreeMap<String, byte[]>> buckets = new ConcurrentHashMap<>();
    final Map<String, CorsConfiguration> cors = new ConcurrentHashMap<>();
    final AtomicInteger listCalls = new AtomicInteger();
    /** HEADs asked for, in order ("bucket/key"): the details pane must not send one per keypress. */
    final List<String> statCalls = new CopyOnWriteArrayList<>();
    /** Per "bucket/key": the content type and user metadata a HEAD reports. */
    final Map<String, String> contentTypes = new ConcurrentHashMap<>();
    final Map<String, Map<String, String>> metadata = new ConcurrentHashMap<>();
    volatile StoreException failStat;
    /** When set, every HEAD waits for it to open (a slow endpoint). */
    volatile CountDownLatch statGate;
    volatile boolean blockListing;
    volatile StoreException failCors;
    /** When set, every CORS GET waits for it to open (a slow or endless answer). */
    volatile CountDownLatch corsGate;
    final CountDownLatch blocked = new CountDownLatch(1);
    static final Instant WHEN = Instant.parse("2026-11-28T11:01:00Z");

    FakeStore bucket(String name, String... keys) {
        TreeMap<String, byte[]> objects = new TreeMap<>();
        for (String k : keys) objects.put(k, ("content of " + k).getBytes());
        buckets.put(name, objects);
        return this;
    }

    @Override
    public List<BucketSummary> listBuckets() {
        if (blockListing) {
            blocked.countDown();
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                throw new StoreException("Interrupted", 0, "interrupted");
            }
        }
        return new TreeSet<>(buckets.keySet()).stream().map(b -> new BucketSummary(b, WHEN)).toList();
    }

    @Override
    public ListPage listPage(String bucket, String prefix, String delimiter, int maxKeys, String token) {
        listCalls.incrementAndGet();
        TreeMap<String, byte[]> objects = objects(bucket);
        List<String> entries = new ArrayList<>();   // "P:" prefixes and "O:" keys, in key order
        TreeSet<String> seen = new TreeSet<>();
        for (String key : objects.keySet()) {
            if (!key.startsWith(prefix)) continue;
            int slash = delimiter == null ? -1 : key.indexOf('/', prefix.length());
            if (slash >= 0) {
                String p = key.substring(0, slash + 1);
                if (seen.add(p)) entries.add("P:" + p);
            } else {
                entries.add("O:" + key);
            }
        }
        int start = token == null ? 0 : Integer.parseInt(token);
        int end = Math.min(entries.size(), start + maxKeys);
        List<String> prefixes = new ArrayList<>();
        List<ObjectSummary> found = new ArrayList<>();
        for (String e : entries.subList(start, end)) {
            if (e.startsWith("P:")) prefixes.add(e.substring(2));
            else found.add(new ObjectSummary(e.substring(2), objects.get(e.substring(2)).length, WHEN, "STANDARD", "\"etag\""));
        }
        return new ListPage(prefixes, found, end < entries.size() ? Integer.toString(end) : null);
    }

    private TreeMap<String, byte[]> objects(String bucket) {
        TreeMap<String, byte[]> objects = buckets.get(bucket);
        if (objects == null) throw new StoreException("NoSuchBucket", 404, "the bucket s3://" + bucket + " does not exist");
        return objects;
    }

    @Override
    public ObjectInfo stat(String bucket, String key) {
        statCalls.add(bucket + "/" + key);
        CountDownLatch gate = statGate;
        if (gate != null) {
            try {
                gate.await();
            } catch (InterruptedException e) {
                throw new StoreException("Interrupted", 0, "interrupted");
            }
        }
        if (failStat != null) throw failStat;
        byte[] content = objects(bucket).get(key);
        if (content == null) throw new StoreException("NoSuchKey", 404, "s3://" + bucket + "/" + key + " does not exist");
        return new ObjectInfo(bucket, key, content.length, WHEN, contentTypes.getOrDefault(bucket + "/" + key, "binary/octet-stream"),
                "\"etag-" + key + "\"", "STANDARD", metadata.getOrDefault(bucket + "/" + key, Map.of()), 0, 0);
    }

    @Override
    public void checkBucket(String bucket) {
        objects(bucket);
    }

    @Override
    public BucketInfo bucketInfo(String bucket) {
        objects(bucket);
        return new BucketInfo(bucket, "default", "BucketOwner", Optional.empty(), Optional.empty(),
                Optional.ofNullable(cors.get(bucket)), List.of("owner: FULL_CONTROL"), List.of());
    }

    @Override
    public Optional<CorsConfiguration> getCors(String bucket) {
        CountDownLatch gate = corsGate;
        if (gate != null) {
            try {
                gate.await();
            } catch (InterruptedException e) {
                throw new StoreException("Interrupted", 0, "interrupted");
            }
        }
        if (failCors != null) throw failCors;
        objects(bucket);
        return Optional.ofNullable(cors.get(bucket));
    }

    @Override
    public void putCors(String bucket, CorsConfiguration configuration) {
        objects(bucket);
        cors.put(bucket, configuration);
    }

    @Override
    public void deleteCors(String bucket) {
        cors.remove(bucket);
    }

    @Override
    public dev.s3sh.store.ProbeResult probe(dev.s3sh.store.ProbeRequest request) {
        throw new UnsupportedOperationException("no live endpoint behind the fake store");
    }

    @Override
    public void createBucket(String bucket) {
        buckets.putIfAbsent(bucket, new TreeMap<>());
    }

    @Override
    public void putObject(String bucket, String key, byte[] content, String contentType) {
        objects(bucket).put(key, content);
        if (contentType != null) contentTypes.put(bucket + "/" + key, contentType);
    }

    @Override
    public byte[] getObject(String bucket, String key) {
        return objects(bucket).get(key);
    }

    @Override
    public void deleteObject(String bucket, String key) {
        objects(bucket).remove(key);
    }

    @Override
    public void deleteBucket(String bucket) {
        buckets.remove(bucket);
    }

    @Override
    public void close() {
    }
}
