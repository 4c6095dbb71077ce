package dev.s3sh.session;

import dev.s3sh.config.Profile;
import dev.s3sh.config.ProfileCatalog;
import dev.s3sh.store.ObjectStore;
import dev.s3sh.store.StoreException;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What stays loaded between commands: the profile, its store client and the current location.
 * The client is built in the background (it costs hundreds of milliseconds cold) so the prompt
 * shows at once; the first command that needs it waits only if it is not ready yet.
 */
public final class Session implements AutoCloseable {
    private final Function<Profile, ObjectStore> storeFactory;
    private Profile profile;
    private CompletableFuture<ObjectStore> store;
    private S3Path cwd = S3Path.ROOT;
    private ProfileCatalog catalog;
    private final List<ListingObserver> listingObservers = new CopyOnWriteArrayList<>();
    private final Map<Class<?>, Object> attachments = new ConcurrentHashMap<>();

    /** Something that keeps listings of this session (the completion cache) and must forget changed ones. */
    public interface ListingObserver {
        /** See {@link Session#invalidateListings(String, String)}; {@code profile} is the session's current one. */
        void listingsChanged(Profile profile, String bucket, String prefix);
    }

    public Session(Profile profile, Function<Profile, ObjectStore> storeFactory) {
        this.storeFactory = Objects.requireNonNull(storeFactory);
        switchTo(profile);
    }

    public Profile profile() {
        return profile;
    }

    /**
     * The profiles this session can switch to ({@code profile use}); by default one that knows only
     * the profile the session was made with.
     */
    public synchronized ProfileCatalog catalog() {
        if (catalog == null) catalog = ProfileCatalog.of(profile);
        return catalog;
    }

    public synchronized void catalog(ProfileCatalog profiles) {
        this.catalog = Objects.requireNonNull(profiles);
    }

    /**
     * Key for anything cached per endpoint and credentials (listings for completion, ...): the
     * profile's name. Profiles are independent (a Linode cluster lists only its own buckets).
     */
    public synchronized String cacheKey() {
        return profile == null ? "" : profile.name();
    }

    /** Secrets of the current profile and of every profile loaded in this session, to keep out of output and history. */
    public java.util.Set<String> knownSecrets() {
        java.util.Set<String> secrets = new java.util.HashSet<>(catalog().knownSecrets());
        Profile p = profile();
        if (p != null && p.secretKey() != null) secrets.add(p.secretKey());
        if (p != null && p.sessionToken() != null) secrets.add(p.sessionToken());
        return secrets;
    }

    /** Switches endpoint and credentials; the location goes back to the root. */
    public synchronized void switchTo(Profile newProfile) {
        closeStore();
        this.profile = newProfile;
        this.cwd = S3Path.ROOT;
        this.store = newProfile != null && newProfile.hasCredentials()
                ? CompletableFuture.supplyAsync(() -> storeFactory.apply(newProfile))
                : null;
    }

    /** The store client, waiting for it to be built if needed. */
    public ObjectStore store() {
        CompletableFuture<ObjectStore> pending;
        synchronized (this) {
            pending = store;
        }
        if (pending == null) {
            throw new StoreException("NoCredentials", 0,
                    "profile " + (profile == null ? "(none)" : profile.name()) + " has no credentials: 'profile show' "
                            + "says where s3sh looked; 'profile use NAME' or 'profile add NAME' gives it some, "
                            + "or run 's3sh --local' for a local server");
        }
        try {
            return pending.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("Interrupted", 0, "interrupted");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof StoreException se) throw se;
            throw new StoreException("Client", 0, "cannot set up the S3 client: " + cause.getMessage(), cause);
        }
    }

    /**
     * A client of its own for another profile (an audit over several clusters), built the way this
     * session builds its own; the caller closes it.
     */
    public ObjectStore openStore(Profile other) {
        return storeFactory.apply(Objects.requireNonNull(other));
    }

    public S3Path cwd() {
        return cwd;
    }

    public void cd(S3Path path) {
        this.cwd = path.asDirectory();
    }

    /** What the user typed, against the current location; a path no server could hold is refused here. */
    public S3Path resolve(String input) {
        S3Path path = cwd.resolve(input);
        String problem = path.problem();
        if (problem != null) throw new S3Path.InvalidPathException(problem);
        return path;
    }

    /**
     * Tells the session that this session itself changed what a listing shows, so cached listings
     * (tab completion) are forgotten. Write commands call it after they succeed:
     * put/cp/rm of a key → {@code (bucket, key)}; rm -r of a prefix → {@code (bucket, prefix)};
     * mb/rb → {@code (bucket, null)} (also forgets the bucket list); {@code (null, null)} forgets all.
     */
    public void invalidateListings(String bucket, String prefix) {
        Profile current = profile;
        for (ListingObserver o : listingObservers) o.listingsChanged(current, bucket, prefix);
    }

    public void addListingObserver(ListingObserver observer) {
        listingObservers.add(Objects.requireNonNull(observer));
    }

    /**
     * The one object of {@code type} that lives with this session (e.g. the listing cache),
     * created by {@code create} on first use.
     */
    public <T> T attachment(Class<T> type, Supplier<T> create) {
        Object existing = attachments.get(type);
        if (existing == null) {
            synchronized (attachments) {
                existing = attachments.get(type);
                if (existing == null) {
                    existing = Objects.requireNonNull(create.get());
                    attachments.put(type, existing);
                }
            }
        }
        return type.cast(existing);
    }

    /** "rgw" or "aws" for this profile. */
    public String dialect() {
        return profile == null ? "rgw" : profile.effectiveDialect();
    }

    private void closeStore() {
        if (store != null) {
            store.thenAccept(ObjectStore::close);
            store = null;
        }
    }

    @Override
    public synchronized void close() {
        closeStore();
    }
}
