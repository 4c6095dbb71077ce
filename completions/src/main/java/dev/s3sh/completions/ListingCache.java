package dev.s3sh.completions;

import dev.s3sh.config.Profile;
import dev.s3sh.session.Session;
import dev.s3sh.store.BucketSummary;
import dev.s3sh.store.ListPage;
import dev.s3sh.store.ObjectStore;
import dev.s3sh.store.ObjectSummary;
import dev.s3sh.store.StoreException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;

/**
 * Listings for completion, per profile, bucket and prefix: one ListObjectsV2 page (delimiter "/")
 * per typed prefix, kept for a short time and forgotten when the session writes there.
 *
 * <p>A lookup never waits longer than its budget: when the listing is not back in time it returns
 * what is cached (even if expired) with a hint, and the request keeps running so that the next Tab
 * finds it in memory. A second Tab while a request is running joins it instead of sending another.
 * A complete (untruncated) listing of {@code dir/} or {@code dir/f} also answers {@code dir/fo}
 * without a request.
 */
public final class ListingCache implements Session.ListingObserver {
    public static final int DEFAULT_PAGE = 200;
    public static final Duration DEFAULT_TTL = Duration.ofSeconds(15);
    private static final int MAX_ENTRIES = 512;

    /** {@code bucket} null is the bucket list of the profile. */
    record Key(String profile, String bucket, String prefix) {
    }

    /** Common prefixes and keys of one page; bucket names are {@code names} of the bucket list. */
    public record Listing(List<String> prefixes, List<String> keys, boolean truncated, long fetchedAt) {
        Listing filter(String prefix) {
            return new Listing(prefixes.stream().filter(p -> p.startsWith(prefix)).toList(),
                    keys.stream().filter(k -> k.startsWith(prefix)).toList(), truncated, fetchedAt);
        }
    }

    /** What a lookup found: a listing (null if none) and a hint for the user (null if none). */
    public record Lookup(Listing listing, String hint) {
        public List<String> prefixes() {
            return listing == null ? List.of() : listing.prefixes();
        }

        public List<String> keys() {
            return listing == null ? List.of() : listing.keys();
        }
    }

    private final int pageSize;
    private final long ttlNanos;
    private final LongSupplier clock;
    private final Map<Key, Listing> entries = new LinkedHashMap<>(64, 0.75f, true);
    private final Map<Key, CompletableFuture<Listing>> inflight = new ConcurrentHashMap<>();
    private final ThreadPoolExecutor pool;

    public ListingCache() {
        this(DEFAULT_PAGE, DEFAULT_TTL, System::nanoTime);
    }

    public ListingCache(int pageSize, Duration ttl, LongSupplier clock) {
        this.pageSize = pageSize;
        this.ttlNanos = ttl.toNanos();
        this.clock = clock;
        this.pool = new ThreadPoolExecutor(2, 2, 10, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "s3sh-listing");
            t.setDaemon(true);
            return t;
        });
        pool.allowCoreThreadTimeOut(true);
    }

    /** The cache that lives with {@code session}, created and registered for invalidation on first use. */
    public static ListingCache of(Session session) {
        return session.attachment(ListingCache.class, () -> {
            ListingCache cache = new ListingCache();
            session.addListingObserver(cache);
            return cache;
        });
    }

    public int pageSize() {
        return pageSize;
    }

    /** One level of {@code bucket} under {@code prefix} (keys and common prefixes starting with it). */
    public Lookup list(Session session, String bucket, String prefix, Duration budget) {
        Key key = new Key(profileKey(session.profile()), bucket, prefix);
        String where = "s3://" + bucket + "/" + prefix;
        return lookup(key, where, budget, () -> {
            ListPage page = session.store().listPage(bucket, prefix, "/", pageSize, null);
            List<String> keys = new ArrayList<>(page.objects().size());
            for (ObjectSummary o : page.objects()) keys.add(o.key());
            return new Listing(List.copyOf(page.prefixes()), List.copyOf(keys), page.truncated(), clock.getAsLong());
        });
    }

    /** Bucket names of the session's profile (as {@link Lookup#prefixes()}). */
    public Lookup buckets(Session session, Duration budget) {
        Key key = new Key(profileKey(session.profile()), null, "");
        return lookup(key, "the bucket list", budget, () -> {
            List<String> names = new ArrayList<>();
            for (BucketSummary b : session.store().listBuckets()) names.add(b.name());
            return new Listing(List.copyOf(names), List.of(), false, clock.getAsLong());
        });
    }

    private interface Loader {
        Listing load();
    }

    private Lookup lookup(Key key, String where, Duration budget, Loader loader) {
        long now = clock.getAsLong();
        Listing cached = cached(key, now, true);
        if (cached != null) return new Lookup(cached, null);
        CompletableFuture<Listing> future = inflight.computeIfAbsent(key, k -> start(k, loader));
        try {
            Listing listing = future.get(Math.max(0, budget.toMillis()), TimeUnit.MILLISECONDS);
            return new Lookup(listing, null);
        } catch (TimeoutException e) {
            return new Lookup(cached(key, now, false), "still listing " + where + "… press Tab again");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Lookup(cached(key, now, false), null);
        } catch (ExecutionException e) {
            return new Lookup(cached(key, now, false), hintFor(e.getCause()));
        }
    }

    private CompletableFuture<Listing> start(Key key, Loader loader) {
        CompletableFuture<Listing> future = new CompletableFuture<>();
        pool.execute(() -> {
            try {
                Listing listing = loader.load();
                // stored only if no write invalidated this key meanwhile (invalidation drops it from inflight)
                synchronized (entries) {
                    if (inflight.remove(key, future)) {
                        entries.put(key, listing);
                        trim();
                    }
                }
                future.complete(listing);
            } catch (Throwable t) {
                inflight.remove(key, future);
                future.completeExceptionally(t);
            }
        });
        return future;
    }

    private void trim() {
        Iterator<Key> it = entries.keySet().iterator();
        while (entries.size() > MAX_ENTRIES && it.hasNext()) {
            it.next();
            it.remove();
        }
    }

    /**
     * The listing for {@code key}: its own entry, or else a complete listing of a shorter prefix in
     * the same "directory" filtered down. {@code freshOnly} ignores expired entries.
     */
    private Listing cached(Key key, long now, boolean freshOnly) {
        synchronized (entries) {
            Listing own = entries.get(key);
            if (own != null && (!freshOnly || fresh(own, now))) return own;
            String prefix = key.prefix();
            int dir = prefix.lastIndexOf('/') + 1;
            for (int end = prefix.length() - 1; end >= dir; end--) {
                Listing wider = entries.get(new Key(key.profile(), key.bucket(), prefix.substring(0, end)));
                if (wider != null && !wider.truncated() && (!freshOnly || fresh(wider, now))) {
                    return key.bucket() == null ? wider : wider.filter(prefix);
                }
            }
            return freshOnly || own == null ? null : own;
        }
    }

    private boolean fresh(Listing listing, long now) {
        return now - listing.fetchedAt() < ttlNanos;
    }

    public static String hintFor(Throwable t) {
        String message = t instanceof StoreException && t.getMessage() != null ? t.getMessage()
                : "listing failed: " + t.getClass().getSimpleName();
        String line = message.lines().findFirst().orElse("").strip();
        return line.length() > 160 ? line.substring(0, 157) + "..." : line;
    }

    @Override
    public void listingsChanged(Profile profile, String bucket, String prefix) {
        invalidate(profileKey(profile), bucket, prefix);
    }

    /**
     * Forgets listings a write at {@code bucket}/{@code prefix} may have changed: those whose prefix
     * is a prefix of it or starts with it. {@code prefix} null or "" forgets the whole bucket and the
     * bucket list; {@code bucket} null forgets everything of the profile.
     */
    void invalidate(String profile, String bucket, String prefix) {
        synchronized (entries) {
            entries.keySet().removeIf(k -> affected(k, profile, bucket, prefix));
            inflight.keySet().removeIf(k -> affected(k, profile, bucket, prefix));
        }
    }

    private static boolean affected(Key k, String profile, String bucket, String prefix) {
        if (!k.profile().equals(profile)) return false;
        if (bucket == null) return true;
        boolean wholeBucket = prefix == null || prefix.isEmpty();
        if (k.bucket() == null) return wholeBucket;
        if (!k.bucket().equals(bucket)) return false;
        return wholeBucket || prefix.startsWith(k.prefix()) || k.prefix().startsWith(prefix);
    }

    int size() {
        synchronized (entries) {
            return entries.size();
        }
    }

    private static String profileKey(Profile profile) {
        return profile == null ? "" : profile.name() + " " + profile.endpointLabel();
    }
}
