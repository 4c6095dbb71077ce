package dev.s3sh.completions;

import dev.s3sh.config.ProfileCatalog;
import dev.s3sh.session.Session;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Values for {@code ValueKind}s that only another part of s3sh knows, by kind name: "profile"
 * (profile names), "template" (CORS template names), or any kind a new command defines. A supplier
 * should answer from memory; it is called on every Tab of such a value.
 */
public final class ValueProviders {
    private final Map<String, Supplier<List<String>>> byKind = new ConcurrentHashMap<>();

    /** Defaults for a session: "profile" offers the names {@code profile list} shows (small files, read on each Tab). */
    public static ValueProviders defaults(Session session) {
        return new ValueProviders()
                .register("profile", () -> {
                    try {
                        return session.catalog().list().stream().map(ProfileCatalog.Entry::name).toList();
                    } catch (RuntimeException e) {
                        // a broken config file is reported by the profile commands, not by a Tab
                        return session.profile() == null ? List.of() : List.of(session.profile().name());
                    }
                });
    }

    public ValueProviders register(String kind, Supplier<List<String>> values) {
        byKind.put(kind, values);
        return this;
    }

    /** The values for {@code kind}; empty when nobody provides them. */
    public List<String> values(String kind) {
        Supplier<List<String>> supplier = byKind.get(kind);
        if (supplier == null) return List.of();
        List<String> values = supplier.get();
        return values == null ? List.of() : values;
    }
}
