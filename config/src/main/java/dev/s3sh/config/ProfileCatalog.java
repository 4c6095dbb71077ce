package dev.s3sh.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The profiles one session can switch between: those the files define (through a
 * {@link ProfileResolver}) and the ones made in the session (the start-up profile, {@code --local},
 * {@code connect URL}). It remembers where each resolved profile's values came from.
 */
public final class ProfileCatalog {
    private final ProfileResolver resolver;
    private final ConnectionOptions options;
    /** Profiles made in this session, by name; they shadow file profiles of the same name. */
    private final Map<String, ResolvedProfile> session = new LinkedHashMap<>();
    /** Every profile resolved so far, by name: what {@code profile show} explains. */
    private final Map<String, ResolvedProfile> resolved = new LinkedHashMap<>();
    /** Secrets given to {@link #add} in this session (typed at a hidden prompt, say). */
    private final java.util.Set<String> given = new java.util.HashSet<>();
    /** The secrets the configuration sources hold, read once and again after {@link #add}; null until read. */
    private java.util.Set<String> inSources;

    /** {@code resolver} may be null: then only profiles made in the session are known. */
    public ProfileCatalog(ProfileResolver resolver, ConnectionOptions options) {
        this.resolver = resolver;
        this.options = options == null ? ConnectionOptions.NONE : options;
    }

    /** A catalog that knows just this profile (tests, tools that build a profile in code). */
    public static ProfileCatalog of(Profile profile) {
        ProfileCatalog c = new ProfileCatalog(null, ConnectionOptions.NONE);
        c.remember(ResolvedProfile.of(profile, "set up in code"));
        return c;
    }

    public ProfileResolver resolver() {
        return resolver;
    }

    public ConnectionOptions options() {
        return options;
    }

    /** Keeps a profile made in the session so {@code profile use NAME} can come back to it. */
    public synchronized void remember(ResolvedProfile profile) {
        session.put(profile.name(), profile);
        resolved.put(profile.name(), profile);
    }

    /** The profile called {@code name}: one made in this session, else from the files (read afresh). */
    public synchronized ResolvedProfile load(String name) {
        ResolvedProfile p = session.get(name);
        if (p == null) {
            if (resolver == null) {
                throw new ConfigException("there is no profile '" + name + "' in this session: "
                        + DidYouMean.closest(name, session.keySet()).map(n -> "did you mean '" + n + "'? ").orElse("")
                        + "known are " + String.join(", ", session.keySet()));
            }
            p = resolver.resolveNamed(name, options);
        }
        resolved.put(name, p);
        return p;
    }

    /** How {@code profile} came about; a profile the catalog never saw is described as such. */
    public synchronized ResolvedProfile details(Profile profile) {
        ResolvedProfile p = resolved.get(profile.name());
        return p != null && p.profile().equals(profile) ? p : ResolvedProfile.of(profile, "set up in code");
    }

    /**
     * Every secret this session has read or been given, whichever profile it belongs to: those of the
     * profiles it loaded, those typed to {@link #add}, and every secret the configuration files and
     * the environment hold. Never to be shown or kept.
     */
    public synchronized java.util.Set<String> knownSecrets() {
        if (inSources == null) inSources = resolver == null ? java.util.Set.of() : resolver.secretsInSources(options);
        java.util.Set<String> secrets = new java.util.HashSet<>(inSources);
        secrets.addAll(given);
        for (ResolvedProfile p : resolved.values()) {
            if (p.profile().secretKey() != null) secrets.add(p.profile().secretKey());
            if (p.profile().sessionToken() != null) secrets.add(p.profile().sessionToken());
        }
        return secrets;
    }

    /** One line of {@code profile list}. */
    public record Entry(String name, String from, String endpoint) {
    }

    /** The session's own profiles first, then those of the files; file profiles are resolved to show their endpoint. */
    public synchronized List<Entry> list() {
        Map<String, Entry> entries = new LinkedHashMap<>();
        session.forEach((n, p) -> entries.put(n, new Entry(n, "this session", p.profile().endpointLabel())));
        if (resolver != null) {
            for (ProfileResolver.Available a : resolver.available(options)) {
                if (entries.containsKey(a.name())) continue;
                String endpoint;
                try {
                    endpoint = resolver.resolveNamed(a.name(), options).profile().endpointLabel();
                } catch (ConfigException e) {
                    endpoint = "(cannot be used: " + e.getMessage() + ")";
                }
                entries.put(a.name(), new Entry(a.name(), a.from(), endpoint));
            }
        }
        return new ArrayList<>(entries.values());
    }

    /** Writes {@code [profile NAME]} into s3sh's own file (0600) and returns that file. */
    public Path add(String name, Map<String, String> values) {
        if (resolver == null) throw new ConfigException("this session has no configuration file to add profiles to");
        Path file = resolver.ownConfigPath();
        synchronized (this) {
            for (String k : List.of("secret_key", "session_token")) {
                String v = values.get(k);
                if (v != null && !v.isBlank()) given.add(v.strip());
            }
        }
        S3shConfigFile.writeProfile(file, name, values);
        synchronized (this) {
            inSources = null;
            session.remove(name);
            resolved.remove(name);
        }
        return file;
    }
}
