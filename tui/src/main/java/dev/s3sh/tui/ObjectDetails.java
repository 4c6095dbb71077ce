package dev.s3sh.tui;

import dev.s3sh.store.ObjectInfo;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * The details pane's object metadata: one HEAD ({@code stat}) per object the selection rests on,
 * run on its own worker thread (never the screen thread, and never behind or in front of the
 * modal listing/CORS task), its answer posted back to the screen thread, kept per bucket and key
 * for the life of the screen.
 *
 * <p>Why a settle delay and at most one request in flight: holding an arrow key moves the
 * selection 20–30 times a second, and a HEAD per keypress would queue dozens of requests for
 * objects the user only passed over — each one a round trip to a possibly remote endpoint that
 * delays the one the user stops on. So a request starts only once the selection has stayed on the
 * same object for {@link #SETTLE_NANOS}, and never while another is running; when that one ends,
 * only the latest selection is considered, and an answer for an object the user has left is kept
 * in the cache but never shown on another object's pane.
 *
 * <p>All methods except the worker's body run on the screen thread.
 */
final class ObjectDetails {
    /** How long the selection must rest on an object before its HEAD is sent (150 ms: below what feels slow). */
    static final long SETTLE_NANOS = 150_000_000L;

    /** One object. */
    record Key(String bucket, String key) {
    }

    /** What the pane can show for the selected object: its metadata, that it is loading, or why it failed. */
    record View(ObjectInfo info, String error) {
        boolean loading() {
            return info == null && error == null;
        }
    }

    private final BiFunction<String, String, ObjectInfo> stat;
    private final Consumer<Runnable> post;
    private final Function<Throwable, String> describe;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "s3sh-tui-details");
        t.setDaemon(true);
        return t;
    });
    private final Map<Key, ObjectInfo> cache = new HashMap<>();
    private LongSupplier clock = System::nanoTime;

    private Key wanted;          // what the pane shows now (null: not an object)
    private long wantedSince;
    private String wantedError;  // the failure of the last HEAD of the wanted object (not cached: moving back retries)
    private Key inFlight;
    private long generation;     // bumped by invalidation: answers started before it are dropped

    ObjectDetails(BiFunction<String, String, ObjectInfo> stat, Consumer<Runnable> post, Function<Throwable, String> describe) {
        this.stat = stat;
        this.post = post;
        this.describe = describe;
    }

    /** For tests: a clock they move by hand, so "quick keys" do not depend on the machine's speed. */
    void clock(LongSupplier nanos) {
        this.clock = nanos;
    }

    /**
     * Called once per turn of the screen loop, after the keys, with the object the details pane
     * shows (null when it shows something else). Starts the HEAD when the selection has settled.
     */
    void select(Key target) {
        long now = clock.getAsLong();
        if (!Objects.equals(target, wanted)) {
            wanted = target;
            wantedSince = now;
            wantedError = null;
        }
        if (target == null || cache.containsKey(target) || wantedError != null || inFlight != null) return;
        if (now - wantedSince < SETTLE_NANOS) return;
        Key k = target;
        long gen = generation;
        inFlight = k;
        worker.submit(() -> {
            try {
                ObjectInfo info = stat.apply(k.bucket(), k.key());
                post.accept(() -> done(k, gen, info, null));
            } catch (Throwable e) {
                post.accept(() -> done(k, gen, null, e));
            }
        });
    }

    private void done(Key k, long gen, ObjectInfo info, Throwable failure) {
        if (k.equals(inFlight)) inFlight = null;
        if (gen != generation) return;
        if (info != null) cache.put(k, info);
        else if (k.equals(wanted)) wantedError = oneLine(describe.apply(failure));
    }

    private static String oneLine(String text) {
        if (text == null || text.isBlank()) return "the metadata could not be read";
        int nl = text.indexOf('\n');
        return (nl < 0 ? text : text.substring(0, nl)).strip();
    }

    /** What to show for {@code k}: the cached metadata, the last failure, or loading. */
    View view(Key k) {
        ObjectInfo info = cache.get(k);
        if (info != null) return new View(info, null);
        return new View(null, k.equals(wanted) ? wantedError : null);
    }

    /** True while the selected object's metadata is still to come (tests wait on it). */
    boolean pending() {
        return inFlight != null || wanted != null && !cache.containsKey(wanted) && wantedError == null;
    }

    /** Forgets what is known about {@code bucket} (Ctrl-R; the screen itself never writes or deletes objects). */
    void invalidate(String bucket) {
        cache.keySet().removeIf(k -> k.bucket().equals(bucket));
        if (wanted != null && wanted.bucket().equals(bucket)) {
            wantedError = null;
            wantedSince = clock.getAsLong() - SETTLE_NANOS;   // refetch on the next turn: the user asked for it
        }
        generation++;
    }

    void close() {
        worker.shutdownNow();
    }
}
