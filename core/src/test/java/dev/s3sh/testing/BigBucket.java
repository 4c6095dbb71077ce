package dev.s3sh.testing;

import dev.s3sh.store.ObjectStore;
import dev.s3sh.store.StoreException;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A bucket of 21,200 one-byte objects in a deep prefix tree, for completion tests and the benchmark:
 * {@code deep/a-XX/b-YY/c-Z/k-NN} (10 × 10 × 10 × 20 = 20,000 keys, four levels) and
 * {@code wide/item-NNNNN} (1,200 keys at one level, more than a completion page).
 *
 * <p>Built once with parallel PUTs and then <b>kept</b>: it is not deleted after a test class, and
 * the next run reuses it when its marker object {@value #MARKER} says it is complete. Remove it by
 * hand (or with the local server's state) if its layout ever changes.
 */
public final class BigBucket {
    public static final String NAME = "it-completion-big";
    public static final int A = 10, B = 10, C = 10, LEAVES = 20, WIDE = 1200;
    public static final int TOTAL = A * B * C * LEAVES + WIDE;
    public static final String MARKER = "_complete";
    private static final int THREADS = 8;
    private static boolean ready;
    /** One byte, not zero: RGW 16 answers XAmzContentSHA256Mismatch to the SDK's PUT of an empty body. */
    private static final byte[] ONE_BYTE = {'\n'};

    private BigBucket() {
    }

    public static String a(int i) {
        return String.format("a-%02d", i);
    }

    public static String b(int i) {
        return String.format("b-%02d", i);
    }

    public static String c(int i) {
        return "c-" + i;
    }

    public static String leaf(int i) {
        return String.format("k-%02d", i);
    }

    public static String wide(int i) {
        return String.format("item-%05d", i);
    }

    /** All keys of the bucket except the marker. */
    public static List<String> keys() {
        List<String> keys = new ArrayList<>(TOTAL);
        for (int a = 0; a < A; a++)
            for (int b = 0; b < B; b++)
                for (int c = 0; c < C; c++)
                    for (int k = 0; k < LEAVES; k++) keys.add("deep/" + a(a) + "/" + b(b) + "/" + c(c) + "/" + leaf(k));
        for (int w = 0; w < WIDE; w++) keys.add("wide/" + wide(w));
        return keys;
    }

    /** Makes sure the bucket exists with all its keys; cheap (one GET) when a previous run built it. */
    public static synchronized String ensure(ObjectStore store) {
        if (ready || complete(store)) {
            ready = true;
            return NAME;
        }
        try {
            store.checkBucket(NAME);
        } catch (StoreException e) {
            if (!"NoSuchBucket".equals(e.code())) throw e;
            store.createBucket(NAME);
        }
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<String> keys = keys();
            List<Future<?>> parts = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int first = t;
                parts.add(pool.submit(() -> {
                    for (int i = first; i < keys.size(); i += THREADS) store.putObject(NAME, keys.get(i), ONE_BYTE, null);
                }));
            }
            for (Future<?> f : parts) f.get();
        } catch (Exception e) {
            throw new IllegalStateException("could not fill " + NAME + ": " + e.getMessage(), e);
        } finally {
            pool.shutdownNow();
        }
        store.putObject(NAME, MARKER, Integer.toString(TOTAL).getBytes(StandardCharsets.UTF_8), "text/plain");
        ready = true;
        return NAME;
    }

    private static boolean complete(ObjectStore store) {
        try {
            return new String(store.getObject(NAME, MARKER), StandardCharsets.UTF_8).equals(Integer.toString(TOTAL));
        } catch (StoreException e) {
            return false;
        }
    }
}
