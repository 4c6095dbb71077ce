package dev.s3sh.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A profile and where each of its values came from ({@code profile show}), with the warnings its
 * sources raised (e.g. s3cmd's signature_v2, TLS verification switched off).
 * {@code sources} maps a {@link Field#label()} to its origin, e.g. "~/.s3cfg line 3".
 */
public record ResolvedProfile(Profile profile, Map<String, String> sources, List<String> warnings) {
    public ResolvedProfile {
        sources = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(sources));
        warnings = List.copyOf(warnings);
    }

    /** A profile built in code (e.g. --local), with one origin for everything. */
    public static ResolvedProfile of(Profile profile, String origin) {
        Map<String, String> sources = new LinkedHashMap<>();
        for (Field f : Field.values()) sources.put(f.label(), origin);
        return new ResolvedProfile(profile, sources, List.of());
    }

    public String name() {
        return profile.name();
    }
}
