package dev.s3sh.session;

import dev.s3sh.config.Profile;
import dev.s3sh.config.ProfileCatalog;
import dev.s3sh.store.ObjectStore;
import dev.s3sh.store.StoreException;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;

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

    public S3Path cwd() {
        return cwd;
    }

    public void cd(S3Path path) {
        this.cwd = path.asDirectory();
    }

    public S3Path resolve(String input) {
        return cwd.resolve(input);
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
