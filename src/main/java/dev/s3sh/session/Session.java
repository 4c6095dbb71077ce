package dev.s3sh.session;

import dev.s3sh.config.Profile;
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

    public Session(Profile profile, Function<Profile, ObjectStore> storeFactory) {
        this.storeFactory = Objects.requireNonNull(storeFactory);
        switchTo(profile);
    }

    public Profile profile() {
        return profile;
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
                    "no credentials are configured: run 's3sh --local' for a local server, or set AWS_ACCESS_KEY_ID "
                            + "and AWS_SECRET_ACCESS_KEY and give --endpoint URL");
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

    /**
     * Hook for the tab-completion listing cache: a command that wrote under {@code prefix} of
     * {@code bucket} (put, rm, cp, mv, mb, rb) calls it so stale listings are dropped. {@code prefix}
     * "" means the whole bucket; a null bucket means the bucket list. Does nothing until the cache exists.
     */
    public void invalidateListings(String bucket, String prefix) {
        // the completion cache plugs in here
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
