package dev.s3sh.testing;

import dev.s3sh.cors.CorsConfiguration;
import dev.s3sh.store.ObjectStore;
import dev.s3sh.store.StoreException;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/**
 * Many buckets named {@code PREFIX-NNN}, each with the CORS configuration {@code cors} gives for
 * its number (null: none), for audits at scale. Made with parallel requests and then <b>kept</b>,
 * as {@link BigBucket} is: the next run reuses them when the marker object in the first bucket
 * says the fleet is complete. Change the prefix when the layout changes.
 */
public final class BucketFleet {
    public static final String MARKER = "_fleet-complete";
    private static final int THREADS = 16;

    private BucketFleet() {
    }

    public static String name(String prefix, int i) {
        return String.format("%s-%03d", prefix, i);
    }

    /** The names, creating what is missing; one GET when a previous run built the fleet. */
    public static synchronized List<String> ensure(ObjectStore store, String prefix, int count, IntFunction<CorsConfiguration> cors) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < count; i++) names.add(name(prefix, i));
        if (complete(store, names.get(0), count)) return names;
        Set<String> existing = new HashSet<>();
        store.listBuckets().forEach(b -> existing.add(b.name()));
        build(store, prefix, names, existing, cors);
        store.putObject(names.get(0), MARKER, Integer.toString(count).getBytes(StandardCharsets.UTF_8), "text/plain");
        return names;
    }

    /**
     * Puts each bucket's CORS configuration back to what {@code cors} gives for its number, for tests
     * that change the fleet (an apply, an undo) and want the same start each time.
     */
    public static synchronized void reset(ObjectStore store, String prefix, int count, IntFunction<CorsConfiguration> cors) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < count; i++) names.add(name(prefix, i));
        build(store, prefix, names, new HashSet<>(names), cors);
    }

    private static void build(ObjectStore store, String prefix, List<String> names, Set<String> existing,
                              IntFunction<CorsConfiguration> cors) {
        int count = names.size();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int n = i;
                String name = names.get(i);
                work.add(pool.submit(() -> {
                    if (!existing.contains(name)) {
                        try {
                            store.createBucket(name);
                        } catch (StoreException e) {
                            if (!"BucketAlreadyOwnedByYou".equals(e.code()) && !"BucketAlreadyExists".equals(e.code())) throw e;
                        }
                    }
                    CorsConfiguration c = cors.apply(n);
                    if (c != null) store.putCors(name, c);
                    else store.deleteCors(name);
                }));
            }
            for (Future<?> f : work) f.get();
        } catch (Exception e) {
            throw new IllegalStateException("could not build the bucket fleet " + prefix + ": " + e.getMessage(), e);
        } finally {
            pool.shutdownNow();
        }
    }

    private static boolean complete(ObjectStore store, String first, int count) {
        try {
            return new String(store.getObject(first, MARKER), StandardCharsets.UTF_8).equals(Integer.toString(count));
        } catch (StoreException e) {
            return false;
        }
    }
}
